"""Rankings' part of the accountability loops: hooks into home's registries and panels.

- A published month opens its recommendations (`open_recommendations`, on `page_published`).
- `overdue_items` (home/overdue.py): recommendations whose reply or rectification is late.
- `achievement_figures` (home/achievements.py): recommendations, their outcomes,
  replacements and red/black list entries, counted from the records.
- The compound page shows the compound's recommendations (`compound_page_panels`).
"""

from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home.achievements import CITY, TOTAL, AchievementFigure
from home.communities import community_page_q, page_community_key
from home.community_scope import scoped
from home.overdue import OverdueItem
from home.visibility import public_page_q

from .models import MonthStanding, RankingMonthPage, Recommendation, RedBlackEntry, State
from .models.recommendations import Outcome, RecommendationQuerySet, create_for_month


def open_recommendations(sender, instance, **kwargs):
    """`page_published`: the month's bottom two get their tracked recommendations."""
    page = instance.specific_deferred if hasattr(instance, "specific_deferred") else instance
    if isinstance(page, RankingMonthPage) and page.source.pk == page.pk:
        create_for_month(page)


def overdue_recommendations(user):
    if not user.has_perm("rankings.view_recommendation"):
        return []
    late = scoped(Recommendation.objects.overdue(), user).select_related(
        "firm", "compound", "month"
    )
    kind = _("Replacement recommendation")
    return [
        OverdueItem(
            kind=kind,
            title=f"{rec.compound.name} · {rec.firm.name} ({rec.month.month:%Y-%m})",
            url=reverse("rankings_recommendation", args=[rec.pk]),
            due=rec.due,
            days=rec.overdue_days(),
        )
        for rec in late
    ]


def tracker_counts(recs, on=None):
    """([(state, count)], overdue count, total) of a queryset of recommendations, one query."""
    on = on or timezone.localdate()
    late = RecommendationQuerySet.late_q(on)
    totals = recs.aggregate(
        overdue=Count("pk", filter=late),
        total=Count("pk"),
        **{state: Count("pk", filter=Q(state=state)) for state in State.values},
    )
    counts = [(State(state), totals[state] or 0) for state in State.values]
    return counts, totals["overdue"] or 0, totals["total"] or 0


def _by_month(dates):
    return dict(Counter(f"{day:%Y-%m}" for day in dates if day))


def recommendation_figures(community=None):
    """Counted from the recommendations of live months in the default language (with
    `community`, for its compounds and on its pages), and the firms ranked in its newest
    month."""
    default = Locale.get_default()
    recs = Recommendation.objects.public().filter(month__locale=default)
    entries = RedBlackEntry.objects.filter(
        public_page_q("page__"), page__live=True, page__locale=default
    )
    months = RankingMonthPage.objects.live().filter(public_page_q(), locale=default)
    if community is not None:
        recs = recs.filter(compound__community__translation_key=community.translation_key)
        entries = entries.filter(community_page_q(community, "page__"))
        months = months.filter(community_page_q(community))
    recs = list(
        recs.values_list(
            "sent_on",
            "replied_on",
            "closed_on",
            "outcome",
            "service_period_id",
            "service_period__start_month",
        )
    )
    # Several months' recommendations for one compound end in the same new service period:
    # that is one replacement.
    replacements = {r[4]: r[5] for r in recs if r[4]}
    entries = list(entries.values_list("kind", "date"))
    # Firms ranked: assessed in the newest live month (city-wide: in every community's
    # month of that date, a firm ranked in two communities counted once).
    newest = months.order_by("-month").values_list("month", flat=True).first()
    ranked = (
        MonthStanding.objects.filter(month__in=months.filter(month=newest), total__isnull=False)
        .values("firm")
        .distinct()
        .count()
        if newest
        else 0
    )

    def figure(key, label, dates, order):
        dates = [day for day in dates if day]
        return AchievementFigure(key, label, len(dates), _by_month(dates), order)

    return [
        figure(
            "recommendations_sent", _("Replacement recommendations sent"), [r[0] for r in recs], 30
        ),
        figure("recommendations_answered", _("Recommendations answered"), [r[1] for r in recs], 31),
        figure(
            "recommendations_rectified",
            _("Recommendations closed after rectification"),
            [r[2] for r in recs if r[3] == Outcome.RECTIFIED],
            32,
        ),
        figure(
            "firms_replaced",
            _("Property firms replaced"),
            list(replacements.values()),
            33,
        ),
        figure(
            "red_list_entries", _("Red list entries"), [e[1] for e in entries if e[0] == "red"], 40
        ),
        figure(
            "black_list_entries",
            _("Black list entries"),
            [e[1] for e in entries if e[0] == "black"],
            41,
        ),
        AchievementFigure(
            "firms_ranked",
            _("Property firms ranked in the newest month"),
            ranked,
            order=10,
            scopes=frozenset({CITY}),
        ),
    ]


def compound_recommendations_panel(index, compound, request):
    """A compound's page lists the replacement recommendations addressed for it."""
    recs = list(
        Recommendation.objects.public()
        .filter(compound__translation_key=compound.translation_key)
        .for_display()
    )
    if not recs:
        return None
    localize_recommendations(recs, localizer_for(recs, compound.locale_id))
    return {"template": "rankings/includes/compound_recommendations.html", "recommendations": recs}


def localizer_for(recs, locale_id):
    """A Localizer into `locale_id`; recommendations hang off default-language months, so
    their month's locale is the source (no query for the default locale)."""
    from .results import Localizer

    source = recs[0].month.locale_id if recs else locale_id
    return Localizer(locale_id, source)


def localize_recommendations(recs, localize):
    """Names in the page's language through `localize` (a results.Localizer)."""
    for rec in recs:
        rec.shown_firm = localize(rec.firm)
        rec.shown_compound = localize(rec.compound)
        rec.shown_new_firm = localize(rec.service_period.firm) if rec.service_period else None
    return recs


def city_figures(communities):
    """The firms ranked in each community's newest live month and, city-wide, in every
    community's month of the newest date (a firm ranked in two communities counted once), as
    `recommendation_figures` counts them: two statements whatever the number of
    communities."""
    months = {
        pk: (month, key)
        for pk, month, key in RankingMonthPage.objects.live()
        .filter(public_page_q(), locale=Locale.get_default())
        .annotate(community_key=page_community_key())
        .values_list("pk", "month", "community_key")
    }
    newest = {}
    for month, key in months.values():
        newest[key] = max(month, newest.get(key, month))
    city_newest = max(newest.values(), default=None)
    # Only the months counted are read: each community's newest and the city's newest date's.
    counted = [pk for pk, (month, key) in months.items() if month in (newest[key], city_newest)]
    ranked, city_ranked = defaultdict(set), set()
    for month_id, firm_id in (
        MonthStanding.objects.filter(month__in=counted, total__isnull=False)
        .values_list("month", "firm")
        .distinct()
    ):
        month, key = months[month_id]
        if month == newest[key]:
            ranked[key].add(firm_id)
        if month == city_newest:
            city_ranked.add(firm_id)
    label = _("Property firms ranked in the newest month")
    city = frozenset({CITY})
    values = {
        community.translation_key: len(ranked[community.translation_key])
        for community in communities
    }
    values[TOTAL] = len(city_ranked)
    return {
        key: [AchievementFigure("firms_ranked", label, value, order=10, scopes=city)]
        for key, value in values.items()
    }
