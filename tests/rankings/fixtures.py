"""Shared data for the ranking tests; imported by conftest.py and the browser test."""

import datetime
from decimal import Decimal

import pytest
from wagtail.models import Locale

from home.demo_tools import ensure_translation
from rankings.models import Criterion
from tests.factories.home import CommunityFactory, CompoundFactory, PropertyFirmFactory
from tests.factories.rankings import CriterionFactory, RankingIndexPageFactory, month_with_scores


@pytest.fixture
def criteria(db):
    Criterion.objects.all().delete()  # the ones seeded by the migration
    return [
        CriterionFactory(name="公共环境保洁", name_en="Public cleaning", max_score=Decimal(30)),
        CriterionFactory(name="公共设施维修", name_en="Facility repair", max_score=Decimal(30)),
        CriterionFactory(name="投诉处理", name_en="Complaint handling", max_score=Decimal(40)),
    ]


@pytest.fixture
def community(db):
    return CommunityFactory()


def make_firms(community, count):
    firms = []
    for n in range(count):
        firm = PropertyFirmFactory(community=community, name=f"物业{n:03d}", slug=f"firm{n:03d}")
        CompoundFactory(
            community=community, property_firm=firm, name=f"小区{n:03d}", slug=f"compound{n:03d}"
        )
        firms.append(firm)
    return firms


@pytest.fixture
def firms(community):
    return make_firms(community, 6)


@pytest.fixture
def index_page(home_page):
    index = RankingIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    ensure_translation(index, Locale.objects.get(language_code="en"), title="Firm rankings")
    return index


@pytest.fixture
def two_months(index_page, criteria, firms):
    """September and October; firm 5 is not assessed in October; ties at 2nd place."""
    september = month_with_scores(
        index_page,
        datetime.date(2026, 9, 1),
        {firm: [20 + i, 20, 30] for i, firm in enumerate(firms)},
    )
    october = month_with_scores(
        index_page,
        datetime.date(2026, 10, 1),
        {
            firms[0]: [30, 30, 40],  # 100, rank 1
            firms[1]: [25, 25, 30],  # 80, rank 2
            firms[2]: [20, 30, 30],  # 80, rank 2 (tie straddles the cut-off)
            firms[3]: [20, 20, 30],  # 70, rank 4
            firms[4]: [10, 10, 20],  # 40, rank 5
            firms[5]: None,  # not assessed
        },
    )
    return september, october
