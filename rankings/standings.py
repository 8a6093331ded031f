"""Compute a month's results once, when they change, and store them (`MonthStanding`).

They change when the month is published or unpublished (which also changes the next month's
comparison with it) and when a moderator approves a score correction; `connect()` (called
from the app's `ready()`) and `ScoreCorrection.approve()` call `store_month` then. A live
month that has no stored rows yet (published before this existed) is stored on first view.
Readers go through `month_rankings()` and `MonthResults`, never through the scores.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from wagtail.signals import page_published, page_unpublished

from home.communities import community_rows_q
from home.models import PropertyFirm

from .models import MonthStanding, RankingMonthPage
from .ranking import Ranking, Standing, rank_totals


def compute_standings(source, criteria, leaving=None) -> list[MonthStanding]:
    """The month's rows, unsaved, in table order (best first, then firms not assessed).

    `leaving`: a month being unpublished or deleted, still live in the database, which must
    not count as the previous month.
    """
    from .results import month_totals

    assessments = {
        assessment.firm_id: assessment
        for assessment in source.assessments.prefetch_related("scores", "photos")
    }
    # The firms with a record in the month's community (a firm serving several communities
    # is ranked in each, among that community's firms), and any firm assessed in the month.
    firms = list(
        PropertyFirm.objects.filter(locale_id=source.locale_id)
        .filter(
            community_rows_q(source, "community", "compounds__community")
            | Q(pk__in=list(assessments))
        )
        .distinct()
    )
    firms_by_id = {firm.pk: firm for firm in firms}
    totals = {}
    for firm in firms:
        assessment = assessments.get(firm.pk)
        totals[firm.pk] = assessment.total if assessment else None
    ranking = rank_totals(totals)
    previous = source.previous_month(excluding=leaving)
    previous_ranking = rank_totals(
        {firm_id: total for (_m, firm_id), total in month_totals([previous.pk]).items()}
        if previous
        else {}
    )
    rows = []
    for position, standing in enumerate(ranking.standings):
        assessment = assessments.get(standing.key)
        by_criterion = (
            {score.criterion_id: score.value for score in assessment.scores.all()}
            if assessment
            else {}
        )
        before = previous_ranking.get(standing.key)
        rows.append(
            MonthStanding(
                month=source,
                firm=firms_by_id[standing.key],
                position=position,
                total=standing.total,
                rank=standing.rank,
                commended=standing.commended,
                replacement=standing.replacement,
                previous_month=previous.month if previous else None,
                previous_rank=before.rank if before else None,
                previous_total=before.total if before else None,
                scores=[
                    None if by_criterion.get(c.pk) is None else str(by_criterion[c.pk])
                    for c in criteria
                ],
                remarks=assessment.remarks if assessment else "",
                assessment=assessment,
                has_photos=bool(assessment and assessment.photos.all()),
            )
        )
    return rows


def _store(source, leaving=None) -> list[MonthStanding]:
    rows = compute_standings(source, list(source.criteria.all()), leaving)
    try:
        with transaction.atomic():
            MonthStanding.objects.filter(month=source).delete()
            MonthStanding.objects.bulk_create(rows)
    except IntegrityError:  # another request stored the same month at the same moment
        pass
    return rows


def store_month(page, unpublished=False) -> None:
    """Store (or, if it is `unpublished`, forget) the results of `page`'s month, and refresh
    the next live month's comparison with the month before it.

    The signal decides, not the page's `live`: Wagtail signals an unpublish before deleting
    a live page with an instance that still says live.
    """
    source = page.source
    if source.pk == page.pk:
        live = not unpublished
    else:  # a translation: the default-language page holds the results
        source.refresh_from_db(fields=["live"])
        live = source.live
    if live:
        _store(source)
    else:
        MonthStanding.objects.filter(month=source).delete()
    following = (
        RankingMonthPage.objects.live()
        .filter(locale_id=source.locale_id, month__gt=source.month)
        .exclude(pk=source.pk)
        .order_by("month")
        .first()
    )
    if following is not None:
        _store(following, leaving=None if live else source.pk)


def stored_rows(source) -> list[MonthStanding]:
    """The stored rows of a live month (stored now if they are missing), firms joined."""
    rows = list(MonthStanding.objects.filter(month=source).select_related("firm"))
    if not rows:
        rows = _store(source)
    return rows


def ranking_from_rows(rows) -> Ranking:
    return Ranking(
        [Standing(row.firm_id, row.total, row.rank, row.commended, row.replacement) for row in rows]
    )


def month_rankings(month_ids) -> dict:
    """month id -> `Ranking` of the month, from the stored rows, in one query."""
    rows = {month_id: [] for month_id in month_ids}
    for row in MonthStanding.objects.filter(month_id__in=month_ids).only(
        "month_id", "firm_id", "position", "total", "rank", "commended", "replacement"
    ):
        rows[row.month_id].append(row)
    missing = [month_id for month_id, found in rows.items() if not found]
    for month in RankingMonthPage.objects.filter(pk__in=missing):
        rows[month.pk] = stored_rows(month) if month.live else []
    return {month_id: ranking_from_rows(found) for month_id, found in rows.items()}


def scores_of(row) -> list:
    return [None if value is None else Decimal(value) for value in row.scores]


def _on_published(sender, instance, **kwargs):
    if isinstance(instance, RankingMonthPage):
        store_month(instance)


def _on_unpublished(sender, instance, **kwargs):
    if isinstance(instance, RankingMonthPage):
        store_month(instance, unpublished=True)


def connect():
    page_published.connect(_on_published, dispatch_uid="rankings_store_on_publish")
    page_unpublished.connect(_on_unpublished, dispatch_uid="rankings_store_on_unpublish")
