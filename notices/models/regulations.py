"""Regulations (规章制度): rules made of chapters (章) and articles (条), and their index.

A `RegulationPage` keeps its text in a StreamField of chapters. Numbers (第一章, 第一条) are
computed from the order of the blocks every time the page is read, so editors can insert and
reorder freely; anchors come from block ids, so a deep link to an article survives all of that.
Each published article is also copied into a `RegulationArticle` row, which search indexes so a
hit can point at one article instead of the whole regulation.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin
from wagtail.signals import page_published, page_unpublished

from notices.blocks_regulations import RegulationBodyBlock
from notices.numerals import chinese_numeral, parse_chinese_numeral

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


def in_force_first(queryset):
    """Regulations in force first, then superseded; newest effective date first in each."""
    return queryset.annotate(
        status_order=Case(
            When(status=RegulationPage.Status.IN_FORCE, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        effective_sort=Coalesce("effective_on", "adopted_on"),
    ).order_by("status_order", models.F("effective_sort").desc(), "title")


class RegulationIndexPage(Page):
    """All regulations of the site, those in force first."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["notices.RegulationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("regulations index")

    def regulations(self):
        """Live regulations in this index's locale anywhere under its parent (association
        charters included), in force first, newest effective date first; one query."""
        regulations = (
            RegulationPage.objects.live()
            .public()
            .descendant_of(self.get_parent())
            .filter(locale_id=self.locale_id)
            .select_related("superseded_by", "official_document", "issuer")
        )
        return in_force_first(regulations)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        regulations = list(self.regulations())
        context["in_force"] = [r for r in regulations if r.is_in_force]
        context["superseded"] = [r for r in regulations if not r.is_in_force]
        return context


class RegulationPage(RoutablePageMixin, Page):
    """One regulation: service rules, work rules or a charter, article by article."""

    class Kind(models.TextChoices):
        SERVICE_RULES = "service_rules", _("Service rules")
        WORK_RULES = "work_rules", _("Work rules")
        CHARTER = "charter", _("Charter")
        OTHER = "other", _("Other regulation")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        SUPERSEDED = "superseded", _("Superseded")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.SERVICE_RULES
    )
    issuing_body = models.CharField(
        _("issuing body"),
        max_length=100,
        help_text=_("The organisation that adopted the text, for example 回风亭社区物业公司协会."),
    )
    issuer = models.ForeignKey(
        "notices.AssociationPage",
        verbose_name=_("issuer's page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_regulations",
        help_text=_("Optional: the association page the issuing body links to."),
    )
    document_number = models.CharField(
        _("document number"),
        max_length=60,
        blank=True,
        help_text=_("The reference printed on the official copy, for example 回物协〔2024〕2号."),
    )
    adopted_on = models.DateField(_("adopted on"))
    effective_on = models.DateField(
        _("effective from"), null=True, blank=True, help_text=_("Leave empty if the same day.")
    )
    status = models.CharField(
        _("legal status"), max_length=20, choices=Status.choices, default=Status.IN_FORCE
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("The regulation that replaced this one; readers are sent there."),
    )
    official_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("official copy (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional scan or PDF of the signed text."),
    )
    intro = RichTextField(
        _("preamble"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Optional text before the first chapter: purpose, how it was adopted."),
    )
    body = StreamField(RegulationBodyBlock(), verbose_name=_("chapters and articles"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    status_panels = [
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldPanel("issuing_body"), FieldPanel("issuer"), FieldPanel("document_number")],
            heading=_("Issued by"),
        ),
        FieldRowPanel([FieldPanel("adopted_on"), FieldPanel("effective_on")], heading=_("Dates")),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("superseded_by")], heading=_("Validity")),
        FieldPanel("official_document"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Text")),
            ObjectList(status_panels, heading=_("Status and dates")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("issuing_body"),
        index.SearchField("document_number"),
        index.FilterField("kind"),
        index.FilterField("status"),
    ]

    parent_page_types = ["notices.RegulationIndexPage", "notices.AssociationPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")

    def clean(self):
        super().clean()
        errors = {}
        if self.effective_on and self.adopted_on and self.effective_on < self.adopted_on:
            errors["effective_on"] = _("A regulation cannot take effect before it is adopted.")
        if self.superseded_by_id and self.pk and self.superseded_by_id == self.pk:
            errors["superseded_by"] = _("A regulation cannot supersede itself.")
        if self.superseded_by_id and self.status != self.Status.SUPERSEDED:
            errors["status"] = _("Choose “Superseded” when a successor is given.")
        if errors:
            raise ValidationError(errors)

    # Reading the text

    @cached_property
    def chapters(self):
        return build_structure(self.body, self.locale_language_code)

    @cached_property
    def articles(self):
        return [article for chapter in self.chapters for article in chapter.articles]

    @property
    def locale_language_code(self):
        return self.locale.language_code if self.locale_id else translation.get_language()

    def article_by_anchor(self, anchor):
        return next((a for a in self.articles if a.anchor == anchor), None)

    def article_by_number(self, number):
        return self.articles[number - 1] if 1 <= number <= len(self.articles) else None

    # Status

    @property
    def is_in_force(self):
        return self.status == self.Status.IN_FORCE

    @property
    def effective_date(self):
        return self.effective_on or self.adopted_on

    @property
    def is_pending(self):
        """In force on paper but its effective date has not come yet."""
        return self.is_in_force and self.effective_date > timezone.localdate()

    def live_successor(self):
        successor = self.superseded_by
        return successor if successor is not None and successor.live else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chapters"] = self.chapters
        # A translated page still points at the default-language issuer and successor;
        # readers should land on the version in their own language where there is one.
        successor = self.live_successor()
        context["successor"] = successor.localized if successor else None
        issuer = self.issuer if self.issuer_id else None
        context["issuer"] = issuer.localized if issuer and issuer.live else None
        context["predecessors"] = list(self.predecessors.live().public().order_by("-adopted_on"))
        return context

    # Views

    @re_path(r"^articles/(?P<number>[0-9]{1,3})/$", name="article_by_number")
    def article_number_view(self, request, number):
        """A citation by number (…/articles/12/) lands on the article that has it today."""
        article = self.article_by_number(int(number))
        if article is None:
            raise Http404(gettext("This regulation has no article with that number."))
        return redirect(
            self.get_url(request)
            + self.reverse_subpage("article", kwargs={"anchor": article.anchor})
        )

    @re_path(r"^articles/(?P<anchor>article-[0-9a-z]{1,40})/$", name="article")
    def article_view(self, request, anchor):
        """One article on its own page: large print, easy to share or print."""
        article = self.article_by_anchor(anchor)
        if article is None:
            raise Http404(gettext("This article does not exist in the current text."))
        context = self.get_context(request)
        position = article.number - 1
        context.update(
            article=article,
            chapter=article.chapter,
            previous_article=self.articles[position - 1] if position > 0 else None,
            next_article=self.articles[position + 1] if position + 1 < len(self.articles) else None,
        )
        return TemplateResponse(request, "notices/regulation_article.html", context)

    # Search support

    def sync_articles(self):
        """Mirror the live text into RegulationArticle rows, keyed by anchor.

        Rows are saved one by one (only those that changed) so Wagtail's signal handlers
        keep the search index in step; removed articles are deleted the same way.
        """
        # Built afresh: `self.articles` may have been cached before the body was replaced.
        chapters = build_structure(self.body, self.locale_language_code)
        articles = [article for chapter in chapters for article in chapter.articles]
        existing = {a.anchor: a for a in self.article_rows.all()}
        keep = set()
        for position, article in enumerate(articles):
            values = {
                "locale_id": self.locale_id,
                "chapter_number": article.chapter.number,
                "chapter_title": article.chapter.title,
                "number": article.number,
                "label": article.label,
                "heading": article.heading,
                "text": article.plain_text,
                "sort_order": position,
                "in_force": self.is_in_force,
            }
            row = existing.get(article.anchor)
            if row is None:
                row = RegulationArticle(page=self, anchor=article.anchor, **values)
                row.save()
            elif any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                row.save()
            keep.add(article.anchor)
        for anchor, row in existing.items():
            if anchor not in keep:
                row.delete()

    def clear_articles(self):
        for row in self.article_rows.all():
            row.delete()


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
        """What site search looks in: articles of live regulations, in one language."""
        articles = cls.objects.live().select_related("page")
        return articles.filter(locale=locale) if locale is not None else articles

    def get_url(self, request=None):
        """The regulation's URL with this article's anchor: a deep link a search hit can use."""
        return f"{self.page.get_url(request)}#{self.anchor}"

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
