"""Regulations (规章制度): rules made of chapters (章) and articles (条), and their index.

A `RegulationPage` keeps its text in a StreamField of chapters; `regulation_structure` turns
it into numbered chapters and articles with stable anchors. Each published article is also
copied into a `RegulationArticle` row (`regulation_articles`), which search indexes so a hit
can point at one article instead of the whole regulation.
"""

from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
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

from home.communities import in_community
from home.slugs import AsciiSlugMixin
from notices.blocks_regulations import RegulationBodyBlock
from notices.models.regulation_structure import ANCHOR_PREFIX, build_structure
from notices.numerals import parse_article_reference


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


class RegulationIndexPage(AsciiSlugMixin, Page):
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
            in_community(RegulationPage.objects.live().public(), self.get_parent())
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


class RegulationPage(AsciiSlugMixin, RoutablePageMixin, Page):
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

    @re_path(r"^articles/$", name="jump")
    def jump_view(self, request):
        """The "go to article __" box: 14, 十四 or 第十四条 lands on that article in the text."""
        typed = request.GET.get("article", "")
        number = parse_article_reference(typed)
        article = self.article_by_number(number) if number else None
        if article is not None:
            return redirect(self.get_url(request) + "#" + article.number_anchor)
        context = self.get_context(request)
        context["jump_error"] = (
            gettext("This regulation has articles 1 to %(count)d; %(typed)s is not one of them.")
            % {"count": len(self.articles), "typed": typed.strip()[:20]}
            if typed.strip()
            else gettext("Type the number of an article, for example 14 or 十四.")
        )
        context["jump_value"] = typed
        return TemplateResponse(request, self.get_template(request), context)

    @re_path(r"^articles/(?P<number>[0-9]{1,3})/$", name="article")
    def article_view(self, request, number):
        """One article on its own page, at the number readers cite: large print, easy to share."""
        article = self.article_by_number(int(number))
        if article is None:
            raise Http404(gettext("This regulation has no article with that number."))
        context = self.get_context(request)
        position = article.number - 1
        context.update(
            article=article,
            chapter=article.chapter,
            previous_article=self.articles[position - 1] if position > 0 else None,
            next_article=self.articles[position + 1] if position + 1 < len(self.articles) else None,
        )
        return TemplateResponse(request, "notices/regulation_article.html", context)

    @re_path(r"^articles/(?P<reference>[^/]{1,40})/$", name="article_reference")
    def article_reference_view(self, request, reference):
        """Other spellings redirect to the number URL: an old link by stable anchor
        (articles/article-3fa2b1c0/, kept working across renumbering), 第十四条, 十四, １４."""
        article = self.article_by_anchor(reference)
        if article is None:
            number = parse_article_reference(reference.removeprefix(ANCHOR_PREFIX))
            article = self.article_by_number(number) if number else None
        if article is None:
            raise Http404(gettext("This article does not exist in the current text."))
        return redirect(
            self.get_url(request) + self.reverse_subpage("article", args=[article.number])
        )

    # Search support

    def sync_articles(self):
        """Mirror the live text into RegulationArticle rows, keyed by anchor.

        Rows are saved one by one (only those that changed) so Wagtail's signal handlers
        keep the search index in step; removed articles are deleted the same way.
        """
        # Imported here: the search rows' module imports this one (a ForeignKey to the page).
        from notices.models.regulation_articles import RegulationArticle

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
