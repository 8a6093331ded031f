"""The pages that show recommendations cost the same number of queries with 10× as many."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from home.demo_tools import ensure_translation
from home.models import Compound
from rankings.models import (
    Recommendation,
    RecommendationStep,
    RedBlackEntry,
    RedBlackRemoval,
    ServicePeriod,
    State,
)
from rankings.models.recommendations import Addressee, Decision
from tests.factories.notices import CompoundIndexPageFactory
from tests.factories.rankings import month_with_scores
from tests.rankings.fixtures import make_firms
from tests.rankings.test_query_budget import count_queries

pytestmark = pytest.mark.django_db

# As measured (SQLite and PostgreSQL alike); the existing budgets in test_query_budget.py
# and tests/notices/test_query_budgets.py cover the same pages with the panels added.
TRACKER_BUDGET = 7  # English; Chinese 5


@pytest.fixture
def site(home_page, index_page, criteria, community):
    firms = make_firms(community, 13)
    compounds = CompoundIndexPageFactory(parent=home_page)
    compounds.save_revision().publish()
    ensure_translation(compounds, Locale.objects.get(language_code="en"), title="Compounds")
    months = [
        month_with_scores(
            index_page,
            datetime.date(2026, m, 1),
            {firm: [10 + i, 10, 10] for i, firm in enumerate(firms)},
        )
        for m in (9, 10)
    ]
    bottom = firms[0]
    entry = RedBlackEntry.objects.create(
        page=months[-1],
        kind="black",
        date=datetime.date(2026, 10, 3),
        firm=bottom,
        description="差",
    )
    RedBlackRemoval.propose(entry, "整改合格", datetime.date(2026, 10, 20)).verify()
    return {"firms": firms, "months": months, "bottom": bottom, "compounds": compounds}


def add_recommendations(site, n):
    """n more recommendations, each with a step and a new firm's service period, on the
    measured month, firm and compound."""
    month, bottom = site["months"][-1], site["bottom"]
    compound = bottom.compounds.get()
    today = timezone.localdate()
    for i in range(n):
        other = Compound.objects.create(
            community=compound.community,
            name=f"加测小区{i}",
            slug=f"extra-{i}",
            locale=compound.locale,
        )
        period = ServicePeriod.objects.create(
            compound=other, firm=site["firms"][1], start_month=datetime.date(2026, 11, 1)
        )
        rows = [(month, bottom, other, period)]
        if i < 11:  # the compound page's share: other firms' advice at the same compound
            rows += [(m, site["firms"][2 + i], compound, None) for m in site["months"]]
        for rec_month, firm, where, new_period in rows:
            rec = Recommendation.objects.create(
                month=rec_month,
                firm=firm,
                compound=where,
                addressee=Addressee.COMMUNITY,
                sent_on=today,
                reply_due=today,
                state=State.NEW_FIRM,
                service_period=new_period,
            )
            RecommendationStep.objects.create(
                recommendation=rec,
                to_state=State.SENT,
                on_date=today,
                decision=Decision.CONFIRMED,
            )


def measure(client, site, index_page):
    bottom = site["bottom"]
    compound = bottom.compounds.get()
    return {
        "month": count_queries(client, site["months"][-1].url),
        "profile": count_queries(client, index_page.url + f"firms/{bottom.slug}/"),
        "compound": count_queries(client, site["compounds"].url + f"{compound.slug}/"),
        "tracker": count_queries(client, index_page.url + "recommendations/"),
        "tracker_en": count_queries(client, "/en" + index_page.url + "recommendations/"),
    }


def test_constant_with_ten_times_the_recommendations(client, site, index_page):
    assert Recommendation.objects.count() == 4  # the bottom two of September and October
    few = measure(client, site, index_page)
    add_recommendations(site, 20)
    assert Recommendation.objects.count() >= 10 * 4
    compound = site["bottom"].compounds.get()
    assert Recommendation.objects.filter(compound=compound).count() >= 10 * 2
    many = measure(client, site, index_page)
    print(few)
    assert many == few
    assert few["tracker"] <= TRACKER_BUDGET and few["tracker_en"] <= TRACKER_BUDGET, few
    html = client.get(index_page.url + "recommendations/").content.decode()
    assert html.count('class="card recommendation"') == 25  # one page of the tracker


def test_demo_pages_cost_the_same_with_ten_times_the_inspections_and_recommendations(client, demo):
    """The demo's month page, firm record, compound page and tracker (both languages) cost
    the same statements with ten times the demo's inspections and recommendations."""
    from home.models import PropertyFirm
    from inspections.models import Inspection
    from notices.models import CompoundIndexPage
    from rankings.models import RankingIndexPage, RankingMonthPage
    from tests.inspections.test_query_budget import multiply

    zh = Locale.objects.get(language_code="zh-hans")
    rankings = RankingIndexPage.objects.get(locale=zh, depth=3)  # the site root community's
    compounds = CompoundIndexPage.objects.get(locale=zh, depth=3)
    binhe = Compound.objects.get(slug="binhe", locale=zh)
    month = (
        RankingMonthPage.objects.live()
        .filter(locale=zh, recommendations__isnull=False)
        .order_by("-month")
        .first()
    )
    urls = [
        month.url,
        rankings.url + "firms/chengxiang/",
        "/en" + rankings.url + "firms/chengxiang/",
        compounds.url + "binhe/",
        rankings.url + "recommendations/",
        "/en" + rankings.url + "recommendations/",
    ]
    few = [count_queries(client, url) for url in urls]
    inspections, recs = Inspection.objects.count(), Recommendation.objects.count()
    assert inspections and recs
    multiply(9)
    today = timezone.localdate()
    originals = list(Recommendation.objects.select_related("compound"))
    firms = list(PropertyFirm.objects.filter(locale=zh))
    months = list(RankingMonthPage.objects.live().filter(locale=zh))
    for n in range(9):
        for original in originals:
            # The month page's and the firm record's share: the same month and firm at
            # another compound.
            other = Compound.objects.create(
                community=original.compound.community,
                name=f"加测小区{n}-{original.pk}",
                slug=f"extra-{n}-{original.pk}",
                locale=zh,
            )
            extra = Recommendation.objects.create(
                month=original.month,
                firm=original.firm,
                compound=other,
                addressee=Addressee.COMMUNITY,
                sent_on=today,
                reply_due=today,
            )
            RecommendationStep.objects.create(
                recommendation=extra,
                to_state=State.SENT,
                on_date=today,
                decision=Decision.CONFIRMED,
            )
    # The compound page's share: advice to other firms at 滨河小区 in other months.
    taken = set(Recommendation.objects.filter(compound=binhe).values_list("month", "firm"))
    wanted = 10 * max(len(taken), 1)
    added = 0
    for page in months:
        for firm in firms:
            if added < wanted - len(taken) and (page.pk, firm.pk) not in taken:
                Recommendation.objects.create(
                    month=page,
                    firm=firm,
                    compound=binhe,
                    addressee=Addressee.COMMUNITY,
                    sent_on=today,
                    reply_due=today,
                )
                added += 1
    assert Inspection.objects.count() == 10 * inspections
    assert Recommendation.objects.count() >= 10 * recs
    assert Recommendation.objects.filter(compound=binhe).count() >= 10 * max(len(taken), 1)
    many = [count_queries(client, url) for url in urls]
    assert many == few, list(zip(urls, few, many, strict=True))
