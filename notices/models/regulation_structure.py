"""A regulation's chapters and articles as readers see them, computed from its StreamField.

Numbers (第一章, 第一条) come from the order of the blocks every time the page is read, so
editors can insert and reorder freely; anchors come from block ids, so a deep link to an
article survives all of that. Plain data (dataclasses), no models: `RegulationPage` and the
`RegulationArticle` search rows are both built from `build_structure()`.
"""

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from django.utils.translation import gettext

from notices.numerals import chinese_numeral

ANCHOR_PREFIX = "article-"
CHAPTER_ANCHOR_PREFIX = "chapter-"
SHORT_ANCHOR_LENGTH = 8


def article_label(number, language_code):
    """第十二条 in Chinese, "Article 12" in other languages."""
    if language_code.startswith("zh"):
        return f"第{chinese_numeral(number)}条"
    with translation.override(language_code):
        return gettext("Article %(number)d") % {"number": number}


def chapter_label(number, language_code):
    """第三章 in Chinese, "Chapter 3" in other languages."""
    if language_code.startswith("zh"):
        return f"第{chinese_numeral(number)}章"
    with translation.override(language_code):
        return gettext("Chapter %(number)d") % {"number": number}


def rich_text_to_plain(html):
    """Readable plain text of an article's rich text: one line per paragraph or list item."""
    html = str(html or "")
    for tag in ("</p>", "</li>", "<br>", "<br/>", "<br />"):
        html = html.replace(tag, tag + "\n")
    lines = (line.strip() for line in normalize_newlines(strip_tags(html)).split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass
class Article:
    """One article as readers see it: its number and label computed, its anchor stable."""

    anchor: str
    number: int
    label: str
    heading: str
    text: object  # wagtail.rich_text.RichText
    chapter: "Chapter" = field(repr=False)

    @property
    def number_anchor(self):
        """A readable anchor (#article-14) beside the stable one; it follows renumbering."""
        return f"{ANCHOR_PREFIX}{self.number}"

    @property
    def plain_text(self):
        return rich_text_to_plain(getattr(self.text, "source", self.text))


@dataclass
class Chapter:
    anchor: str
    number: int
    label: str
    title: str
    articles: list = field(default_factory=list)

    @property
    def first_article(self):
        return self.articles[0] if self.articles else None

    @property
    def last_article(self):
        return self.articles[-1] if self.articles else None


def _short_anchors(prefix, block_ids):
    """Anchors from block ids: 8 hex digits, or the whole id where 8 digits would collide.

    A collision makes both ids long, never only the later one, so an anchor never depends on
    the order of the blocks. A block without an id (an unsaved preview) falls back to its
    position, which is the best that can be done before Wagtail assigns one.
    """
    hexes = [(block_id or "").replace("-", "").lower() for block_id in block_ids]
    counts = {}
    for value in hexes:
        if value:
            counts[value[:SHORT_ANCHOR_LENGTH]] = counts.get(value[:SHORT_ANCHOR_LENGTH], 0) + 1
    anchors = []
    for position, value in enumerate(hexes, start=1):
        if not value:
            anchors.append(f"{prefix}n{position}")
        elif counts[value[:SHORT_ANCHOR_LENGTH]] > 1:
            anchors.append(prefix + value)
        else:
            anchors.append(prefix + value[:SHORT_ANCHOR_LENGTH])
    return anchors


def build_structure(body, language_code):
    """Chapters with their articles, numbered in reading order across the whole regulation."""
    chapter_blocks = [child for child in body if child.block_type == "chapter"]
    chapter_anchors = _short_anchors(CHAPTER_ANCHOR_PREFIX, [c.id for c in chapter_blocks])
    article_items = [
        item for child in chapter_blocks for item in child.value["articles"].bound_blocks
    ]
    article_anchors = iter(_short_anchors(ANCHOR_PREFIX, [item.id for item in article_items]))
    chapters = []
    number = 0
    for chapter_number, (child, anchor) in enumerate(
        zip(chapter_blocks, chapter_anchors, strict=True), start=1
    ):
        chapter = Chapter(
            anchor=anchor,
            number=chapter_number,
            label=chapter_label(chapter_number, language_code),
            title=child.value["title"],
        )
        for item in child.value["articles"].bound_blocks:
            number += 1
            chapter.articles.append(
                Article(
                    anchor=next(article_anchors),
                    number=number,
                    label=article_label(number, language_code),
                    heading=item.value["heading"] or "",
                    text=item.value["text"],
                    chapter=chapter,
                )
            )
        chapters.append(chapter)
    return chapters
