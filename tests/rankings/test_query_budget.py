"""Pages cost a fixed number of queries whatever the number of firms and months."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from home.demo_tools import ensure_translation
from home.generation import bump_records
from rankings.models import EvidencePhoto, RedBlackEntry, ScoreCorrection, ServicePeriod
from tests.factories.home import CompoundFactory
from tests.factories.rankings import month_with_scores
from tests.rankings.fixtures import make_firms

# As measured, both languages: the month page loads itself (the route is remembered) and
# serves its rendered body as kept for this content generation and day (a publish or an
# approved correction renders it again: tests/rankings/test_correction_moderation.py).
MONTH_PAGE_BUDGET = 1
# As measured (Chinese 10, English 11; both sizes): the firm's record is kept per generation
# and day; the residents' reports panel (four statements) and the inspections panel (five:
# inspections, counts, training attendance, letter record) are read per request.
PROFILE_BUDGET = 11
HOME_BUDGET = 7  # as measured: notices, events, residents' reports; letter and ranking kept


def build(index_page, community, firm_count, month_count):
    firms = make_firms(community, firm_count)
    # Some service history and extra compounds, so "compounds served" has work to do.
    for firm in firms[:5]:
        compound = CompoundFactory(community=community, property_firm=firms[-1])
        ServicePeriod.objects.create(
            compound=compound, firm=firm, start_month=datetime.date(2020, 1, 1)
        )
    image = Image.objects.create(title="检查照片", file=get_test_image_file())
    months = []
    for m in range(month_count):
        month = datetime.date(2025 + (m // 12), m % 12 + 1, 1)
        page = month_with_scores(
            index_page,
            month,
            {firm: [(i * 7 + m) % 30, (i * 3) % 30, (i + m) % 40] for i, firm in enumerate(firms)},
            remarks="检查记录",
            publish=False,
        )
        if m == month_count - 1:  # evidence photos for every firm in the measured month
            for assessment in page.assessments.all():
                EvidencePhoto.objects.create(assessment=assessment, image=image, caption="现场")
        for firm in firms[:3]:
            RedBlackEntry.objects.create(
                page=page, kind="red", date=month, firm=firm, description="好"
            )
        page.save_revision().publish()
        score = (
            page.assessments.first().scores.select_related("criterion", "assessment__firm").first()
        )
        ScoreCorrection.objects.propose(score, "1", "复核").approve()
        months.append(page)
    return firms, months


def count_queries(client, url):
    client.get(url)  # warm caches (site root paths) so both sizes start alike
    # What is kept rendered under the record generations is measured as it is rebuilt: a
    # kept fragment would hide a statement per row in the panels it holds.
    bump_records()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def measure(client, index_page, community, criteria):
    def run(firm_count, month_count):
        firms, months = build(index_page, community, firm_count, month_count)
        en = Locale.objects.get(language_code="en")
        latest_en = ensure_translation(months[-1], en, title="Latest month")
        return {
            "month": count_queries(client, months[-1].url),
            "month_en": count_queries(client, latest_en.url),
            "profile": count_queries(client, index_page.url + f"firms/{firms[0].slug}/"),
            "profile_en": count_queries(client, "/en" + index_page.url + f"firms/{firms[0].slug}/"),
            "home": count_queries(client, "/"),
        }

    return run


@pytest.mark.parametrize("firm_count,month_count", [(13, 2), (50, 6)])
def test_budget_holds_for_any_size(measure, firm_count, month_count):
    counts = measure(firm_count, month_count)
    assert counts["month"] <= MONTH_PAGE_BUDGET, counts
    assert counts["month_en"] <= MONTH_PAGE_BUDGET, counts
    assert counts["profile"] <= PROFILE_BUDGET, counts
    assert counts["profile_en"] <= PROFILE_BUDGET, counts
    assert counts["home"] <= HOME_BUDGET, counts


def test_same_count_with_13_and_50_firms(client, index_page, community, criteria):
    """Not just under budget: exactly the same number of queries."""
    from tests.factories.home import CommunityFactory

    small_firms, small_months = build(index_page, community, 13, 2)
    small = (
        count_queries(client, small_months[-1].url),
        count_queries(client, index_page.url + f"firms/{small_firms[0].slug}/"),
    )
    # Add 37 more firms and 4 more months on the same site.
    other = CommunityFactory()
    extra = make_firms_offset(other, 37)
    for m in range(4):
        month_with_scores(
            index_page,
            datetime.date(2027, m + 1, 1),
            {firm: [5, 5, 5] for firm in small_firms + extra},
        )
    large = (
        count_queries(client, small_months[-1].url),
        count_queries(client, index_page.url + f"firms/{small_firms[0].slug}/"),
    )
    assert large == small


def make_firms_offset(community, count):
    from tests.factories.home import PropertyFirmFactory

    firms = []
    for n in range(count):
        firm = PropertyFirmFactory(
            community=community, name=f"外加物业{n:03d}", slug=f"extra{n:03d}"
        )
        CompoundFactory(community=community, property_firm=firm)
        firms.append(firm)
    return firms
