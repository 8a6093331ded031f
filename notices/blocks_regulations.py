"""StreamField blocks of a regulation: chapters (章) holding articles (条).

Editors never type numbers: 第一章 and 第一条 are computed from the order of the blocks, and
every article's anchor comes from its block id, which Wagtail keeps through reordering, edits,
revisions, page copies and translations.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

ARTICLE_FEATURES = ["bold", "ol", "ul", "link"]


class ArticleBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("short title"),
        required=False,
        max_length=60,
        help_text=_("Optional, for example 物业服务费公示. Shown after the article number."),
    )
    text = blocks.RichTextBlock(
        label=_("text"),
        features=ARTICLE_FEATURES,
        help_text=_(
            "The article's wording without its number; the number is added automatically. "
            "Write items as a numbered list."
        ),
    )

    class Meta:
        icon = "doc-full"
        label = _("article")
        label_format = "{heading}"


class ChapterBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("chapter title"),
        max_length=80,
        help_text=_("For example 总则; 第一章 is added automatically."),
    )
    articles = blocks.ListBlock(ArticleBlock(), label=_("articles"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("chapter")
        label_format = "{title}"


class RegulationBodyBlock(blocks.StreamBlock):
    chapter = ChapterBlock()

    class Meta:
        block_counts = {"chapter": {"min_num": 1}}
