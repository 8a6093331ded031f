"""The city level at scale: one row per community, figures counted for every community at
once (the same statements at one community as at four), equal to the per-community path's."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import CaseStatus
from home import city_views
from home.achievements import CITY, TOTAL, achievement_figures, city_figures
from home.models import Community
from notices.models.meetings import FollowUpStatus
from tests.factories.cases import CaseFactory
from tests.factories.home import (
    CommunityFactory,
    CompoundFactory,
    HomePageFactory,
    PropertyFirmFactory,
)
from tests.factories.inspections import InspectionFactory
from tests.factories.notices import (
    FollowUpItemFactory,
    JointMeetingIndexPageFactory,
    JointMeetingPageFactory,
)
from tests.factories.rankings import CriterionFactory, RankingIndexPageFactory, month_with_scores
from tests.factories.volunteering import VolunteerApplicationFactory


def fill(home, community, n, month=datetime.date(2026, 10, 1)):
    """Records of every figure for `community` (whose home is `home`), `n` scaling them so
    that communities differ."""
    from rankings.models import Criterion

    firm = PropertyFirmFactory(community=community)
    compound = CompoundFactory(community=community, property_firm=firm)
    now = timezone.now()
    for days in range(1, n + 2):
        CaseFactory(
            compound=compound,
            received_at=now - datetime.timedelta(days=40),
            resolved_at=now - datetime.timedelta(days=40 - days * 2),
            status=CaseStatus.RESOLVED,
        )
    CaseFactory(compound=compound)
    for _ in range(n):
        VolunteerApplicationFactory(compound=compound)
        InspectionFactory(compound=compound)
    meetings = JointMeetingIndexPageFactory(parent=home)
    meeting = JointMeetingPageFactory(parent=meetings)
    for _ in range(n):
        FollowUpItemFactory(page=meeting, status=FollowUpStatus.RESOLVED, resolved_on=month)
    if not Criterion.objects.exists():
        CriterionFactory()
    values = [10] * Criterion.objects.count()
    index = RankingIndexPageFactory(parent=home)
    month_with_scores(index, month, {firm: values})


def add_community(home_page, name, slug, n, month=datetime.date(2026, 10, 1)):
    community = CommunityFactory(name=name, slug=slug)
    home = HomePageFactory(parent=home_page, title=name, slug=slug, community=community)
    fill(home, community, n, month)
    return community


@pytest.fixture
def root_community(home_page):
    community = CommunityFactory(name="回风亭社区", slug="huifengting")
    home_page.community = community
    home_page.save_revision().publish()
    fill(home_page, community, 1)
    return community


def statements(client, url):
    client.get(url)  # warm the per-generation caches, as any visit after the first finds them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_statements_on_the_city_level_do_not_grow_with_the_communities(
    client, home_page, root_community
):
    one = statements(client, "/city/")
    for n, (name, slug) in enumerate(
        (("双燕社区", "shuangyan"), ("新华社区", "xinhua"), ("江北社区", "jiangbei"))
    ):
        add_community(home_page, name, slug, n + 2)
    html = client.get("/city/").content.decode()
    assert len(re.findall(r'<tr id="community-', html)) == 4
    assert statements(client, "/city/") == one


def test_city_figures_equal_the_per_community_path(home_page, root_community):
    others = [
        add_community(home_page, "双燕社区", "shuangyan", 2, datetime.date(2026, 9, 1)),
        add_community(home_page, "新华社区", "xinhua", 3),
    ]
    communities = [root_community, *others]
    answer = city_figures(communities)
    for community in communities:
        expected = {f.key: f.total for f in achievement_figures(community, CITY)}
        assert {key: f.total for key, f in answer[community.translation_key].items()} == expected
    expected = {f.key: f.total for f in achievement_figures(None, CITY)}
    assert {key: f.total for key, f in answer[TOTAL].items()} == expected
    # The data differ between communities, so the equality above is not of zeros.
    assert len({answer[c.translation_key]["volunteers"].total for c in communities}) == 3
    # City-wide, only the newest date's months count (双燕 ranked only in September).
    assert answer[TOTAL]["firms_ranked"].total == 2


def test_rows_are_sorted_by_name_and_paginated(client, home_page, root_community, monkeypatch):
    for name, slug in (("新华社区", "xinhua"), ("双燕社区", "shuangyan"), ("安居社区", "anju")):
        community = CommunityFactory(name=name, slug=slug)
        HomePageFactory(parent=home_page, title=name, slug=slug, community=community)
    monkeypatch.setattr(city_views, "PER_PAGE", 3)

    def rows(query=""):
        html = client.get(f"/city/{query}").content.decode()
        return re.findall(r'<tr id="community-([^"]+)">', html)

    # Pinyin order: anju, huifengting, shuangyan, xinhua.
    assert rows() == ["anju", "huifengting", "shuangyan"]
    assert rows("?page=2") == ["xinhua"]
    assert rows("?page=abc") == rows()
    assert rows("?page=99") == ["xinhua"]
    assert Community.objects.count() == 4
