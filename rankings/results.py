"""What the public pages show, each gathered in a fixed number of queries.

`MonthResults` is one month's table; `FirmRecord` is one firm's record over all published
months; `latest_summary` feeds the home page. Rows are always read from the month page in
the default language and names are shown in the page's own language.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Exists, OuterRef, Sum
from django.db.models.functions import Substr
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from home.communities import in_community
from home.exports import safe_row
from home.models import PropertyFirm
from home.visibility import public_page_q

from .accountability import localize_recommendations
from .charts import ScoreChart
from .models import (
    EvidencePhoto,
    MonthCriterion,
    RankingIndexPage,
    RankingMonthPage,
    Recommendation,
    RedBlackEntry,
    RedBlackRemoval,
    Score,
    ScoreCorrection,
)
from .models.service import ServiceHistory
from .standings import (
    compute_standings,
    month_rankings,
    ranking_from_rows,
    scores_of,
    stored_rows,
)

ONE_PLACE = Decimal("0.1")


class Localizer:
    """Shows default-language directory rows in another language, one query per model."""

    def __init__(self, locale_id, source_locale_id):
        self.same = locale_id == source_locale_id
        self.locale_id = locale_id
        self._maps = {}

    def __call__(self, obj):
        if obj is None or self.same or obj.locale_id == self.locale_id:
            return obj
        model = type(obj)
        if model not in self._maps:
            self._maps[model] = {
                row.translation_key: row for row in model.objects.filter(locale_id=self.locale_id)
            }
        return self._maps[model].get(obj.translation_key, obj)


def month_totals(month_ids):
    """(month id, firm id) -> total of the scores, for many months in one query."""
    rows = (
        Score.objects.filter(assessment__month_id__in=month_ids)
        .values_list("assessment__month_id", "assessment__firm_id")
        .annotate(total=Sum("value"))
    )
    # SQLite sums decimals as floats or ints; one decimal place is what the scores hold.
    return {
        (month_id, firm_id): Decimal(str(total)).quantize(ONE_PLACE)
        for month_id, firm_id, total in rows
    }


@dataclass
class Row:
    firm: PropertyFirm
    standing: object
    scores: list
    compounds: list
    remarks: str = ""
    photos: list = field(default_factory=list)
    previous_rank: int | None = None
    previous_total: Decimal | None = None
    profile_url: str = ""
    criteria: list = field(default_factory=list)

    @property
    def criterion_scores(self):
        """(criterion, score) pairs, for layouts that name each score (the phone cards)."""
        return list(zip(self.criteria, self.scores, strict=True))

    @property
    def rank_change(self):
        """Places gained since last month (negative when it fell)."""
        if self.standing.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.standing.rank

    @property
    def rank_change_size(self):
        change = self.rank_change
        return abs(change) if change is not None else None

    @property
    def total_change(self):
        if self.standing.total is None or self.previous_total is None:
            return None
        return self.standing.total - self.previous_total


def month_index(page):
    """The month page's parent index, specific, in one statement rather than two (a month's
    parent is always a ranking index: `parent_page_types`)."""
    return RankingIndexPage.objects.get(path=page.path[: -page.steplen])


class MonthResults:
    """A month's table: stored rows for a live month, computed for a draft (preview)."""

    def __init__(self, page, request=None):
        self.page = page
        self.source = page.source
        self.localize = Localizer(page.locale_id, self.source.locale_id)
        self.criteria = list(self.source.criteria.all())
        if self.source.live:
            stored = stored_rows(self.source)
        else:
            stored = compute_standings(self.source, self.criteria)
        self.ranking = ranking_from_rows(stored)
        previous_month = stored[0].previous_month if stored else None
        self.previous = SimpleNamespace(month=previous_month) if previous_month else None
        photos = defaultdict(list)
        with_photos = [row.assessment_id for row in stored if row.has_photos]
        if with_photos:
            for photo in (
                EvidencePhoto.objects.filter(assessment_id__in=with_photos)
                .select_related("image")
                .prefetch_related("image__renditions")
            ):
                photos[photo.assessment_id].append(photo)
        served = ServiceHistory(self.source.locale_id).for_month(self.source.month)
        index = page.get_parent().specific  # routing left the parent on the page: no query
        index_url = index.get_url(request)
        self.rows = []
        for row, standing in zip(stored, self.ranking.standings, strict=True):
            shown = self.localize(row.firm)
            self.rows.append(
                Row(
                    firm=shown,
                    standing=standing,
                    scores=scores_of(row),
                    compounds=[self.localize(c) for c in served.get(row.firm_id, [])],
                    remarks=row.remarks,
                    photos=photos.get(row.assessment_id, []),
                    previous_rank=row.previous_rank,
                    previous_total=row.previous_total,
                    profile_url=index_url
                    + index.reverse_subpage("firm_profile", args=[shown.slug]),
                    criteria=self.criteria,
                )
            )

    @cached_property
    def max_total(self):
        return sum((criterion.max_score for criterion in self.criteria), start=Decimal(0))

    @cached_property
    def ranked_rows(self):
        return [row for row in self.rows if row.standing.assessed]

    @cached_property
    def unassessed_rows(self):
        return [row for row in self.rows if not row.standing.assessed]

    @cached_property
    def commended_rows(self):
        return [row for row in self.rows if row.standing.commended]

    @cached_property
    def replacement_rows(self):
        return [row for row in self.rows if row.standing.replacement]

    @cached_property
    def corrections(self):
        corrections = list(
            self.source.corrections.approved()
            .select_related("firm", "criterion")
            .order_by("decided_at", "pk")
        )
        for correction in corrections:
            correction.shown_firm = self.localize(correction.firm)
        return corrections

    @cached_property
    def red_black_entries(self):
        entries = list(self.page.red_black_entries.select_related("firm", "compound"))
        mark_statuses(entries)
        for entry in entries:
            entry.shown_firm = self.localize(entry.firm)
            entry.shown_compound = self.localize(entry.compound)
        return entries

    @cached_property
    def recommendations(self):
        """The month's 淘汰建议 and what became of each."""
        recs = list(self.source.recommendations.for_display())
        return localize_recommendations(recs, self.localize)

    def write_csv(self, writer):
        writer.writerow(
            safe_row(
                [_("Rank"), _("Property firm"), _("Compounds served")]
                + [f"{c.localized_name} ({c.max_score})" for c in self.criteria]
                + [_("Total"), _("Result")]
            )
        )
        for row in self.rows:
            standing = row.standing
            if standing.commended:
                result = _("Commended")
            elif standing.replacement:
                result = _("Replacement advised")
            elif not standing.assessed:
                result = _("Not assessed")
            else:
                result = ""
            writer.writerow(
                safe_row(
                    [standing.rank or "", row.firm.name, "、".join(c.name for c in row.compounds)]
                    + ["" if value is None else value for value in row.scores]
                    + ["" if standing.total is None else standing.total, result]
                )
            )


@dataclass
class MonthRecord:
    month: object
    page: RankingMonthPage
    total: Decimal | None
    max_total: Decimal
    rank: int | None
    ranked_count: int
    commended: bool
    replacement: bool
    compounds: list


class FirmRecord:
    """A firm's 履约档案: its results in every published month, oldest first."""

    def __init__(self, firm, index, request=None):
        default = Locale.get_default()
        locale_id = index.locale_id
        self.firm = firm
        self.localize = Localizer(locale_id, default.pk)
        source_firm = (
            firm
            if firm.locale_id == default.pk
            else PropertyFirm.objects.get(translation_key=firm.translation_key, locale=default)
        )
        # The months of this index's community: the default-language pages under the index
        # (or its source) this page translates; a firm's record in another community is on
        # that community's index. A subquery: no extra statement.
        own_index = Page.objects.filter(
            translation_key=index.translation_key,
            path=Substr(OuterRef("path"), 1, index.depth * Page.steplen),
        )
        months = list(
            RankingMonthPage.objects.live()
            .filter(public_page_q(), Exists(own_index))
            .filter(locale=default)
            .order_by("month")
        )
        month_ids = [month.pk for month in months]
        rankings = month_rankings(month_ids)
        maxima = dict(
            (month_id, Decimal(str(total)).quantize(ONE_PLACE))
            for month_id, total in MonthCriterion.objects.filter(month_id__in=month_ids)
            .values_list("month_id")
            .annotate(total=Sum("max_score"))
        )
        # In the default language the months are the pages shown: no second query.
        shown_pages = (
            {}
            if locale_id == default.pk
            else {
                page.translation_key: page
                for page in RankingMonthPage.objects.live()
                .filter(public_page_q())
                .filter(
                    locale_id=locale_id, translation_key__in=[m.translation_key for m in months]
                )
            }
        )
        history = ServiceHistory(default.pk)
        self.months = []
        for month in months:
            ranking = rankings[month.pk]
            standing = ranking.get(source_firm.pk)
            self.months.append(
                MonthRecord(
                    month=month.month,
                    page=shown_pages.get(month.translation_key, month),
                    total=standing.total if standing else None,
                    max_total=maxima.get(month.pk) or Decimal(0),
                    rank=standing.rank if standing else None,
                    ranked_count=len(ranking.ranked),
                    commended=bool(standing and standing.commended),
                    replacement=bool(standing and standing.replacement),
                    compounds=[
                        self.localize(c) for c in history.for_month(month.month)[source_firm.pk]
                    ],
                )
            )
        self.red_black_entries = list(
            RedBlackEntry.objects.filter(
                public_page_q("page__"),
                page__live=True,
                page__locale_id=locale_id,
                firm__translation_key=firm.translation_key,
            )
            .select_related("firm", "compound", "page")
            .order_by("-date", "pk")
        )
        mark_statuses(self.red_black_entries)
        for entry in self.red_black_entries:
            entry.shown_compound = self.localize(entry.compound)
        self.recommendations = localize_recommendations(
            list(Recommendation.objects.public().filter(firm=source_firm).for_display()),
            self.localize,
        )
        self.corrections = list(
            ScoreCorrection.objects.approved()
            .filter(firm=source_firm, month_id__in=month_ids)
            .select_related("month", "criterion")
            .order_by("-decided_at", "-pk")
        )
        self.chart = ScoreChart(
            [(record.month, record.total) for record in self.months],
            max((record.max_total for record in self.months), default=Decimal(100)),
        )

    @cached_property
    def assessed_months(self):
        return [record for record in self.months if record.total is not None]

    @cached_property
    def current_compounds(self):
        return self.months[-1].compounds if self.months else []

    @cached_property
    def times_commended(self):
        return sum(record.commended for record in self.months)

    @cached_property
    def times_replacement(self):
        return sum(record.replacement for record in self.months)


def lifecycle_key(entry):
    """What an entry and its copy on the translated month page share: removals are verified
    on the default-language entry, and a translation holds copies of the entries (new rows),
    so they are matched by month, date, firm and compound rather than by id."""
    return (
        entry.page.translation_key,
        entry.kind,
        entry.date,
        entry.firm.translation_key,
        entry.compound.translation_key if entry.compound_id else None,
    )


def mark_statuses(entries):
    """Each entry's list state (listed, expired, removed); one query, only if any is black
    (only a black entry can be removed early). Entries need their page, firm and compound
    loaded (select_related)."""
    black = [entry for entry in entries if not entry.is_red]
    removals = {}
    if black:
        verified = RedBlackRemoval.objects.filter(
            status=RedBlackRemoval.Status.VERIFIED,
            entry__kind=RedBlackEntry.Kind.BLACK,
            entry__page__translation_key__in={entry.page.translation_key for entry in black},
            entry__firm__translation_key__in={entry.firm.translation_key for entry in black},
        ).select_related("entry__page", "entry__firm", "entry__compound")
        for removal in verified:
            removals.setdefault(lifecycle_key(removal.entry), removal)
    for entry in entries:
        entry.removal = None if entry.is_red else removals.get(lifecycle_key(entry))
        entry.list_state = entry.list_status(removal=entry.removal)


def latest_month_page(home):
    """The newest published, public month page under `home`, in the home page's language."""
    return (
        in_community(RankingMonthPage.objects.live().filter(public_page_q()), home)
        .filter(locale_id=home.locale_id)
        .order_by("-month")
        .first()
    )


def firm_standing(home, firm):
    """Where `firm` (default-language row) stands in the newest published month, or None."""
    page = latest_month_page(home)
    if page is None:
        return None
    ranking = month_rankings([page.source.pk])[page.source.pk]
    standing = ranking.get(firm.pk)
    if standing is None or not standing.assessed:
        return None
    index = month_index(page)
    return {
        "page": page,
        "standing": standing,
        "assessed": len(ranking.ranked),
        "profile_url": index.firm_url(Localizer(page.locale_id, page.source.locale_id)(firm)),
    }


def latest_summary(home):
    """The newest published month under `home`, with its commended and replacement firms."""
    page = latest_month_page(home)
    if page is None:
        return None
    source = page.source
    localize = Localizer(page.locale_id, source.locale_id)
    ranking = month_rankings([source.pk])[source.pk]
    if not ranking.ranked:
        return None
    labelled = [s.key for s in ranking.commended + ranking.replacement]
    firms = PropertyFirm.objects.in_bulk(labelled)
    index = month_index(page)

    def entries(standings):
        result = []
        for standing in standings:
            firm = localize(firms[standing.key])
            result.append({"firm": firm, "standing": standing, "url": index.firm_url(firm)})
        return result

    return {
        "page": page,
        "commended": entries(ranking.commended),
        "replacement": entries(ranking.replacement),
    }


__all__ = ["FirmRecord", "MonthResults", "firm_standing", "latest_summary"]
