"""The public side: an index of months (with firm profiles) and one page per month.

A month is a page so that it goes through the site's moderation workflow (审核发布) and
can be scheduled and translated like any other page. Its scores are plain rows linked to
the page in the default language (see `assessments.py`), edited on the score grid in the
admin, never through page revisions, so reverting a revision can never rewrite a score.
"""

import csv
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from home.generation import RECORDS_FRAGMENT_TIMEOUT, derived, fragment_version
from home.months import find_month, shift
from home.slugs import AsciiSlugMixin, MonthSlugMixin
from home.visibility import public_page_q

from ..ranking import rank_totals
from .criteria import Criterion


class RankingIndexPage(AsciiSlugMixin, RoutablePageMixin, Page):
    """All published months, newest first; also serves each firm's performance record."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["rankings.RankingMonthPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("ranking index page")

    def months(self):
        return (
            RankingMonthPage.objects.live()
            .filter(public_page_q())
            .child_of(self)
            .order_by("-month")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        match = getattr(request, "routable_resolver_match", None)
        if match is not None and match.url_name == "firm_profile":
            return context  # a firm's record does not list the months and the other firms
        context["months"] = self.months()
        context["firm_links"] = self.firm_links(request)
        return context

    def firm_links(self, request=None):
        """(firm, profile url) for every firm, in this page's language."""
        from home.models import PropertyFirm

        base = self.get_url(request)
        from home.communities import community_rows_q

        firms = (
            PropertyFirm.objects.filter(locale_id=self.locale_id)
            .filter(community_rows_q(self, "community", "compounds__community"))
            .distinct()
        )
        return [
            (firm, base + self.reverse_subpage("firm_profile", args=[firm.slug])) for firm in firms
        ]

    def firm_url(self, firm, request=None):
        return self.get_url(request) + self.reverse_subpage("firm_profile", args=[firm.slug])

    def directory_url(self, firm, request=None):
        """A firm's public URL, its performance record (see home/directory_pages.py): under
        the ranking index of its own community when that is public, else of a community it
        serves; None when no index of its communities is public."""
        from home.communities import community_of, community_page_q

        if self.served_rows(type(firm).objects.filter(pk=firm.pk)).exists() is False:
            return None
        indexes = RankingIndexPage.objects.live().filter(public_page_q(), locale_id=self.locale_id)
        own = indexes.filter(community_page_q(firm.community)).first()
        if own is None and community_of(self) is not None:
            served = [compound.community for compound in firm.compounds.all()]
            own = next(
                (i for c in served if (i := indexes.filter(community_page_q(c)).first())), None
            )
        return (own or self).firm_url(firm, request)

    def served_rows(self, firms):
        """Firms with a record in a community whose ranking index is public."""
        from django.db.models import Q

        from home.communities import SITE_ROOT, homeless_q, public_section_communities

        keys = public_section_communities(RankingIndexPage, self.locale_id)
        if keys is None:
            return firms
        served = Q(community__translation_key__in=keys - {SITE_ROOT}) | Q(
            compounds__community__translation_key__in=keys - {SITE_ROOT}
        )
        if SITE_ROOT in keys:
            served |= homeless_q()
        return firms.filter(served).distinct()

    def directory_title(self, firm):
        with translation.override(self.locale.language_code):
            return gettext("Performance record: %(name)s") % {"name": firm.name}

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("recommendations/", name="recommendations")
    def recommendations_route(self, request):
        """The tracker of every 淘汰建议: how many stand where, how many are late, each one."""
        from home.pagination import paginate

        from ..accountability import localize_recommendations, localizer_for, tracker_counts
        from .recommendations import Recommendation

        recs = Recommendation.objects.public().filter(month__locale=Locale.get_default())
        counts, overdue_count, total = tracker_counts(recs)
        page_obj = paginate(request, recs.for_display(), 25)
        shown = list(page_obj.object_list)
        localize_recommendations(shown, localizer_for(shown, self.locale_id))
        return self.render(
            request,
            template="rankings/recommendation_tracker.html",
            context_overrides={
                "counts": counts,
                "overdue_count": overdue_count,
                "total": total,
                "recommendations": page_obj,
                "shown_recommendations": shown,
            },
        )

    @path("firms/<slug:slug>/", name="firm_profile")
    def firm_profile(self, request, slug):
        from home.models import PropertyFirm

        from ..firm_panels import firm_profile_panels
        from ..results import FirmRecord

        # A firm not yet translated is shown under its default-language name.
        firm = PropertyFirm.objects.filter(
            slug=slug, locale_id=self.locale_id
        ).first() or get_object_or_404(PropertyFirm, slug=slug, locale=Locale.get_default())
        return self.render(
            request,
            template="rankings/firm_profile.html",
            context_overrides={
                "firm": firm,
                # Built from published months, stored standings and rankings records, whose
                # changes bump the generation; list states depend on the day too. Only read
                # when the rendered record is not kept (firm_profile.html).
                "record": SimpleLazyObject(
                    lambda: derived(
                        f"rankings:firm-record:{self.pk}:{firm.pk}:{timezone.localdate()}",
                        lambda: FirmRecord(firm, self),
                        request,
                    )
                ),
                "fragment_version": fragment_version(request),
                # Other apps' panels (residents' reports, inspections) are kept rendered under
                # the record generations as well, and only built when they are not kept.
                "panels_version": fragment_version(request, records=True),
                "panels_timeout": RECORDS_FRAGMENT_TIMEOUT,
                "related_panels": SimpleLazyObject(
                    lambda: firm_profile_panels(self, firm, request)
                ),
            },
        )


def month_title(month):
    """The title of a month's ranking in the default language (Chinese), from its month."""
    return f"{month.year}年{month.month}月物业服务履约考核排名"


class RankingMonthPage(MonthSlugMixin, RoutablePageMixin, Page):
    """One month's ranking: the table, the red/black list and any later corrections."""

    month = models.DateField(
        _("month"), help_text=_("Any day of the assessed month; it is stored as the 1st.")
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [
        FieldPanel("month"),
        FieldPanel("intro"),
        InlinePanel(
            "red_black_entries", heading=_("Red and black list"), label=_("red/black list entry")
        ),
    ]

    parent_page_types = ["rankings.RankingIndexPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("search_outcome_text"),
        index.SearchField("search_month_text"),
        index.FilterField("month"),
    ]

    class Meta:
        verbose_name = _("monthly ranking page")

    def clean(self):
        super().clean()
        if self.month:
            self.month = self.month.replace(day=1)
            months = RankingMonthPage.objects.filter(
                locale_id=self.locale_id, month=self.month
            ).exclude(pk=self.pk)
            if self.path:
                # Once in the tree: one month page per ranking index, i.e. per community.
                months = months.filter(
                    path__startswith=self.path[: -self.steplen], depth=self.depth
                )
            clash = months.exists()
            if clash:
                raise ValidationError({"month": _("This month already has a ranking page.")})
            named = find_month(self.title or "", today=self.month)
            if named is not None and named.month != self.month:
                # A title typed separately from the month once said October on November's page.
                raise ValidationError(
                    {
                        "title": _(
                            "The title names %(named)s but the month is %(month)s; "
                            "make them agree (for example “%(title)s”)."
                        )
                        % {
                            "named": f"{named.month:%Y-%m}",
                            "month": f"{self.month:%Y-%m}",
                            "title": month_title(self.month),
                        }
                    }
                )
            if self.pk and self.is_frozen and self.month != self.source_month_in_db():
                raise ValidationError(
                    {"month": _("The month of a published ranking cannot be changed.")}
                )

    def source_month_in_db(self):
        return (
            RankingMonthPage.objects.filter(pk=self.source.pk)
            .values_list("month", flat=True)
            .first()
        )

    def save(self, *args, **kwargs):
        if self.month:
            self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)

    @cached_property
    def source(self):
        """The page in the default language, which holds the month's scores."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return (
            RankingMonthPage.objects.filter(
                translation_key=self.translation_key, locale=default
            ).first()
            or self
        )

    @property
    def is_frozen(self):
        """Published once means frozen for good, even if later unpublished."""
        return self.source.first_published_at is not None

    def freeze_criteria(self):
        """Copy the active criteria into this month once; later edits never touch the copy."""
        source = self.source
        if source.criteria.exists():
            return list(source.criteria.all())
        from .assessments import MonthCriterion

        return MonthCriterion.objects.bulk_create(
            MonthCriterion(
                month=source,
                criterion=criterion,
                name=criterion.name,
                name_en=criterion.name_en,
                max_score=criterion.max_score,
                sort_order=criterion.sort_order,
            )
            for criterion in Criterion.objects.filter(is_active=True)
        )

    def previous_month(self, excluding=None):
        """The latest published month before this one, in the default language (`excluding`:
        the id of a month on its way out)."""
        source = self.source
        return (
            RankingMonthPage.objects.live()
            .filter(public_page_q())
            .filter(locale_id=source.locale_id, month__lt=source.month)
            .exclude(pk=excluding)
            .order_by("-month")
            .first()
        )

    def search_month_text(self):
        """The month as the site writes it in this page's language (2026年10月), so that a
        query naming the month finds the page whatever its title says."""
        from search.query import month_words

        return month_words(self.month, self.locale.language_code) if self.month else ""

    def search_outcome_text(self):
        """The month's outcome in words, for search: which firms are commended, which get
        replacement advice ("江南物业 淘汰" finds the month that said so)."""
        from home.models import PropertyFirm

        from .assessments import Score

        source = self.source
        totals = dict(
            Score.objects.filter(assessment__month=source)
            .values_list("assessment__firm_id")
            .annotate(total=Sum("value"))
            .order_by()
        )
        if not totals:
            return ""
        ranking = rank_totals(totals)
        firms = PropertyFirm.objects.in_bulk(list(totals))
        shown = {
            firm.translation_key: firm.name
            for firm in PropertyFirm.objects.filter(
                locale_id=self.locale_id,
                translation_key__in=[firm.translation_key for firm in firms.values()],
            )
        }

        def names(standings):
            return "、".join(
                shown.get(firms[s.key].translation_key, firms[s.key].name) for s in standings
            )

        with translation.override(self.locale.language_code):
            return " ".join(
                f"{gettext(label)}: {names(standings)}."
                for label, standings in (
                    ("Commended", ranking.commended),
                    ("Replacement advised", ranking.replacement),
                )
                if standings
            )

    def results(self, request=None):
        from ..results import MonthResults

        return MonthResults(self, request)

    @path("")
    def month_route(self, request):
        return self.render(
            request,
            context_overrides={
                # Only computed when the month's rendered body is not kept (below).
                "results": SimpleLazyObject(lambda: self.results(request)),
                "fragment_version": self.fragment_version(request),
            },
        )

    def fragment_version(self, request):
        """What the month's rendered body (results, lists, corrections) is kept under: it is
        built from this published page, its stored standings and the rankings records."""
        return fragment_version(request) if self.live else None

    @path("csv/", name="csv")
    def csv_route(self, request):
        if not self.live:
            raise Http404
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="ranking-{self.month:%Y-%m}.csv"'
        response.write("\ufeff")  # lets spreadsheet programs detect UTF-8
        self.results(request).write_csv(csv.writer(response))
        return response


VALIDITY_MONTHS = 6


class RedBlackEntry(index.Indexed, Orderable):
    """Praise (red list) or criticism (black list) of a firm's service, published with the month.

    Search finds each entry on its own and links to the list on its month's page.
    """

    class Kind(models.TextChoices):
        RED = "red", _("Red list (praised)")
        BLACK = "black", _("Black list (criticised)")

    page = ParentalKey(RankingMonthPage, on_delete=models.CASCADE, related_name="red_black_entries")
    kind = models.CharField(_("list"), max_length=5, choices=Kind.choices)
    date = models.DateField(_("date"))
    firm = models.ForeignKey(
        "home.PropertyFirm",
        verbose_name=_("property firm"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    compound = models.ForeignKey(
        "home.Compound",
        verbose_name=_("compound"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("reason"), help_text=_("What happened."))
    evidence = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("What supports it: the inspection, complaint records, photos on file."),
    )
    valid_until = models.DateField(
        _("listed until"),
        null=True,
        blank=True,
        help_text=_(
            "The last day on the list; empty: the end of the sixth month after the listing."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date"), FieldPanel("valid_until")]),
        FieldRowPanel([FieldPanel("firm"), FieldPanel("compound")]),
        FieldPanel("description"),
        FieldPanel("evidence"),
    ]
    search_fields = [
        index.SearchField("description"),
        index.SearchField("search_kind_text", boost=2),
        index.SearchField("heading"),
        index.FilterField("page_id"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("red/black list entry")
        verbose_name_plural = _("red/black list entries")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.firm} · {self.date}"

    def save(self, *args, **kwargs):
        if self.valid_until is None and self.date:
            self.valid_until = shift(self.date, VALIDITY_MONTHS + 1) - datetime.timedelta(days=1)
        super().save(*args, **kwargs)

    @property
    def is_red(self):
        return self.kind == self.Kind.RED

    def list_status(self, on=None, removal=...):
        """listed, expired (past its validity) or removed (a verified rectification).

        `removal` is the entry's verified removal (or None) when the caller has loaded it
        (lists load them in one query); otherwise it is looked up.
        """
        on = on or timezone.localdate()
        if removal is ...:
            removal = self.removals.filter(status="verified").first() if self.pk else None
        if removal is not None and removal.removed_on <= on:
            return "removed"
        if self.valid_until and self.valid_until < on:
            return "expired"
        return "listed"

    # A search hit shows an entry as a part of its month page, as it shows an article as a
    # part of its regulation: "<month title> · 红榜（表扬）", headed by the firm.
    anchor = "red-black-heading"

    @property
    def label(self):
        return self.get_kind_display()

    @property
    def heading(self):
        """The firm (and compound) in the page's language, where translated."""
        names = [self._in_page_language(self.firm)]
        if self.compound_id:
            names.append(self._in_page_language(self.compound))
        return " · ".join(str(name) for name in names)

    def _in_page_language(self, row):
        if row.locale_id == self.page.locale_id:
            return row
        return row.get_translation_or_none(self.page.locale_id) or row

    def get_url(self, request=None):
        return f"{self.page.get_url(request)}#{self.anchor}"

    def search_kind_text(self):
        """The list's name in the page's language: 红榜（表扬）, 黑榜（批评）."""
        with translation.override(self.page.locale.language_code):
            return str(self.get_kind_display())

    @classmethod
    def search_queryset(cls, locale):
        """Entries of live, public month pages (in `locale` when given)."""
        pages = RankingMonthPage.objects.live().public()
        if locale is not None:
            pages = pages.filter(locale=locale)
        return cls.objects.filter(page__in=pages.values("pk")).select_related(
            "page", "firm", "compound"
        )


def firm_index_page(model, locale_id):
    """The `directory_index_page` hook: a firm's public page is its performance record."""
    from home.models import PropertyFirm

    if model is not PropertyFirm:
        return None
    return RankingIndexPage.objects.live().public().filter(locale_id=locale_id).first()
