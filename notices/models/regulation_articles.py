"""`RegulationArticle`: each published article of a regulation as its own row, for search.

The rows are kept in step with their page by `RegulationPage.sync_articles()`, called by the
signal receivers below on publish and unpublish, so a search hit can point at one article
(第十二条) instead of the whole regulation.
"""

import re
import unicodedata

from django.conf import settings
from django.db import models
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin
from wagtail.signals import page_published, page_unpublished

from home.visibility import public_page_q
from notices.models.regulations import RegulationPage
from notices.numerals import parse_chinese_numeral

ARTICLE_REFERENCE = re.compile(r"第\s*([零一二两三四五六七八九十百0-9０-９]{1,6})\s*条")


def cited_article_numbers(text):
    """Article numbers a reader typed as 第十二条 / 第12条 in `text`, in order, without repeats."""
    numbers = []
    for match in ARTICLE_REFERENCE.finditer(unicodedata.normalize("NFKC", text or "")):
        number = parse_chinese_numeral(match.group(1))
        if number and number not in numbers:
            numbers.append(number)
    return numbers


class RegulationArticleQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(page__live=True)

    def public(self):
        """Articles whose regulation is under no view restriction."""
        return self.filter(public_page_q("page__"))

    def cited_in(self, text):
        """Articles whose number the text cites (第十二条, 第12条); none if it cites none.

        Search can put these first: a reader who types 细则第十二条 wants that very article.
        """
        numbers = cited_article_numbers(text)
        return self.filter(number__in=numbers) if numbers else self.none()


class RegulationArticle(index.Indexed, models.Model):
    """One published article, kept in step with its page so search can hit articles."""

    page = models.ForeignKey(
        RegulationPage,
        verbose_name=_("regulation"),
        on_delete=models.CASCADE,
        related_name="article_rows",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("locale"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Copied from the page so search can filter by language."),
    )
    chapter_number = models.PositiveSmallIntegerField(_("chapter number"))
    chapter_title = models.CharField(_("chapter title"), max_length=80)
    number = models.PositiveSmallIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=30)
    anchor = models.CharField(_("anchor"), max_length=60)
    heading = models.CharField(_("short title"), max_length=60, blank=True)
    text = models.TextField(_("text"))
    sort_order = models.PositiveSmallIntegerField(_("sort order"))
    in_force = models.BooleanField(
        _("in force"),
        default=True,
        help_text=_("Copied from the page's status so search can rank current rules first."),
    )

    objects = RegulationArticleQuerySet.as_manager()

    search_fields = [
        index.SearchField("text"),
        index.SearchField("heading", boost=2),
        index.SearchField("label", boost=2),
        index.SearchField("chapter_title"),
        index.RelatedFields("page", [index.SearchField("title")]),
        index.FilterField("locale_id"),
        index.FilterField("page_id"),
        index.FilterField("number"),
        index.FilterField("in_force"),
    ]

    class Meta:
        verbose_name = _("regulation article")
        verbose_name_plural = _("regulation articles")
        ordering = ["page", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["page", "anchor"], name="unique_article_anchor")
        ]

    def __str__(self):
        return f"{self.page.title} {self.label}"

    @classmethod
    def search_queryset(cls, locale):
        """What site search looks in: articles of live, public regulations, in one language."""
        articles = cls.objects.live().public().select_related("page")
        return articles.filter(locale=locale) if locale is not None else articles

    def get_url(self, request=None):
        """The regulation's URL with this article's anchor: a deep link a search hit can use."""
        return f"{self.page.get_url(request)}#{self.anchor}"

    @classmethod
    def urls_in_active_language(cls, articles, request=None):
        """{article id: URL} of each article in the visitor's language: the same article (by
        anchor) of the regulation's live, public translation where there is one, else the
        article itself. Records cite default-language articles; one statement for a whole
        list, none in the default language."""
        articles = [article for article in articles if article is not None]
        urls = {article.pk: article.get_url(request) for article in articles}
        try:
            language = get_supported_content_language_variant(translation.get_language())
        except LookupError:  # no language active (a command): the default one
            return urls
        if not articles or language == settings.LANGUAGE_CODE:
            return urls
        wanted = {(article.page.translation_key, article.anchor) for article in articles}
        translated = {
            (row.page.translation_key, row.anchor): row
            for row in cls.objects.live()
            .public()
            .filter(
                locale__language_code=language,
                page__translation_key__in={key for key, _anchor in wanted},
                anchor__in={anchor for _key, anchor in wanted},
            )
            .select_related("page")
        }
        for article in articles:
            row = translated.get((article.page.translation_key, article.anchor))
            if row is not None:
                urls[article.pk] = row.get_url(request)
        return urls

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("page", "locale")


@receiver(page_published, sender=RegulationPage)
def sync_articles_on_publish(sender, instance, **kwargs):
    # Wagtail also sends page_published when it only schedules a page that is not live yet
    # (go-live in the future); its articles must not be searchable before it goes live.
    if instance.live:
        instance.sync_articles()
    else:
        instance.clear_articles()


@receiver(page_unpublished, sender=RegulationPage)
def clear_articles_on_unpublish(sender, instance, **kwargs):
    instance.clear_articles()
