"""Communities as sections of one site: a second community's home under the site root's,
listings that never mix communities, the city level, the picker and search by community."""

import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone

from cases.models import CaseStatus
from home.communities import community_home, community_of, community_page_q, in_community
from home.models import HomePage
from notices.models import NoticePage
from services.volunteering.models import VolunteerApplication
from tests.factories.cases import CaseFactory
from tests.factories.home import CommunityFactory, CompoundFactory, HomePageFactory
from tests.factories.notices import (
    CompoundIndexPageFactory,
    NoticeIndexPageFactory,
    NoticePageFactory,
)
from tests.factories.volunteering import VolunteerApplicationFactory


@pytest.fixture
def two_communities(home_page):
    """The site root's community (回风亭) and 双燕社区 at /shuangyan/, each with a notice index,
    a compound directory, a compound and a notice of its own."""
    first = CommunityFactory(name="回风亭社区", slug="huifengting")
    second = CommunityFactory(name="双燕社区", slug="shuangyan")
    home_page.community = first
    home_page.save_revision().publish()
    second_home = HomePageFactory(
        parent=home_page, title="双燕社区", slug="shuangyan", community=second
    )
    pages = {}
    for key, home, community, compound_name, notice_title in (
        ("first", home_page, first, "北路华府小区", "北路华府停水通知"),
        ("second", second_home, second, "沿江花园", "沿江花园电梯维修通知"),
    ):
        compound = CompoundFactory(community=community, name=compound_name)
        index = NoticeIndexPageFactory(parent=home, show_in_menus=True)
        CompoundIndexPageFactory(parent=home)
        notice = NoticePageFactory(parent=index, title=notice_title)
        pages[key] = {
            "home": home,
            "community": community,
            "compound": compound,
            "index": index,
            "notice": notice,
        }
    return pages


def test_a_page_belongs_to_the_deepest_home_above_it(two_communities):
    first, second = two_communities["first"], two_communities["second"]
    assert community_home(second["notice"]).pk == second["home"].pk
    assert community_of(second["notice"]) == second["community"]
    assert community_of(first["notice"]) == first["community"]
    assert community_of(second["home"]) == second["community"]


def test_listing_below_the_site_root_leaves_out_the_nested_community(two_communities):
    first, second = two_communities["first"], two_communities["second"]
    notices = NoticePage.objects.live()
    assert list(in_community(notices, first["home"])) == [first["notice"]]
    assert list(in_community(notices, second["home"])) == [second["notice"]]
    by_community = notices.filter(community_page_q(second["community"]))
    assert list(by_community) == [second["notice"]]
    assert list(notices.filter(community_page_q(first["community"]))) == [first["notice"]]


def _text(response):
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_listings_never_mix_communities(client, two_communities):
    first, second = two_communities["first"], two_communities["second"]
    pages = {
        "first": ["/", "/notices/", "/compounds/"],
        "second": ["/shuangyan/", "/shuangyan/notices/", "/shuangyan/compounds/"],
    }
    for key, other in (("first", "second"), ("second", "first")):
        own = two_communities[key]
        for path in pages[key]:
            html = _text(client.get(path))
            mine = own["notice"].title if "compounds" not in path else own["compound"].name
            assert mine in html, path
            theirs = two_communities[other]
            assert theirs["notice"].title not in html, path
            assert theirs["compound"].name not in html, path  # nor in the filter's options
    # Another community's compound has no page in this community's directory.
    assert client.get(f"/compounds/{second['compound'].slug}/").status_code == 404
    assert first["compound"].name in _text(client.get(f"/compounds/{first['compound'].slug}/"))


def test_the_menu_of_a_second_communitys_page_is_its_own(client, two_communities):
    html = _text(client.get("/shuangyan/notices/"))
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert 'href="/shuangyan/notices/" aria-current="page"' in menu
    assert 'href="/notices/"' not in menu
    root_menu = re.search(r'<nav class="main-nav".*?</nav>', _text(client.get("/")), re.S).group(0)
    assert 'href="/notices/"' in root_menu and "/shuangyan/notices/" not in root_menu


def _city_row(html, key):
    """The figure `key` of each community row of the city table, in the rows' order."""
    rows = re.findall(r'<tr id="community-[^"]+">(.*?)</tr>', html, re.S)
    cells = [re.search(rf'<td data-figure="{key}">(.*?)</td>', row, re.S).group(1) for row in rows]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells]


def _city_total(html, key):
    cell = re.search(rf'<dd data-figure="{key}">(.*?)</dd>', html, re.S).group(1)
    return re.sub(r"<[^>]+>", "", cell).strip()


def test_city_figures_are_counted_from_each_communitys_records(client, two_communities):
    first, second = two_communities["first"], two_communities["second"]
    now = timezone.now()
    for days in (1, 3, 8):
        CaseFactory(
            compound=first["compound"],
            received_at=now - datetime.timedelta(days=10),
            resolved_at=now - datetime.timedelta(days=10 - days),
            status=CaseStatus.RESOLVED,
        )
    CaseFactory(compound=first["compound"])  # received, not resolved
    CaseFactory(compound=second["compound"], is_public=False)  # hidden: not counted
    for compound in (first["compound"], first["compound"], second["compound"]):
        VolunteerApplicationFactory(compound=compound)
    VolunteerApplicationFactory(
        compound=second["compound"], status=VolunteerApplication.Status.PENDING
    )

    html = _text(client.get("/city/"))
    table = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    # Sorted by name, in pinyin: huifengting before shuangyan.
    assert table.index("回风亭社区") < table.index("双燕社区")
    assert _city_row(html, "cases_received") == ["4", "0"]
    assert _city_row(html, "cases_resolved") == ["3", "0"]
    assert _city_row(html, "cases_median_days") == ["3.0", "—暂无"]
    assert _city_row(html, "volunteers") == ["2", "1"]
    assert [_city_total(html, key) for key in ("cases_received", "volunteers")] == ["4", "3"]
    assert _city_total(html, "cases_median_days") == "3.0"
    assert 'href="/shuangyan/"' in html
    en = _text(client.get("/en/city/"))
    assert "<h1>Communities of the city</h1>" in en


def test_the_picker_remembers_the_choice_without_javascript(client, two_communities):
    # Nothing chosen: the home page offers the picker, the menu the city level.
    html = _text(client.get("/"))
    assert 'action="/community/"' in html and 'name="community"' in html
    assert "我的社区" not in html

    response = client.get("/community/", {"community": "shuangyan"})
    assert response.status_code == 302 and response["Location"] == "/shuangyan/"
    cookie = response.cookies[settings.COMMUNITY_COOKIE]
    assert cookie.value == "shuangyan" and cookie["httponly"] and cookie["samesite"] == "Lax"

    html = _text(client.get("/"))  # the client sends the cookie back
    assert '<a href="/shuangyan/">我的社区：双燕社区</a>' in html
    assert "您选择的社区是双燕社区。" in html
    assert '<option value="shuangyan" selected>' in html
    # On the chosen community's own home page there is nothing to offer.
    assert "您选择的社区是" not in _text(client.get("/shuangyan/"))

    response = client.get("/community/", {"community": "all"})
    assert response["Location"] == "/city/"
    assert response.cookies[settings.COMMUNITY_COOKIE].value == ""


def test_the_picker_ignores_what_is_not_a_community(client, two_communities):
    for value in ("nowhere", "<script>", ""):
        response = client.get("/community/", {"community": value})
        assert response.status_code == 302 and response["Location"] == "/city/"
        assert settings.COMMUNITY_COOKIE not in response.cookies
    client.cookies[settings.COMMUNITY_COOKIE] = "nowhere"
    html = _text(client.get("/"))
    assert "我的社区" not in html


@pytest.fixture
def searchable(two_communities):
    from django.core.management import call_command

    for data in two_communities.values():
        notice = data["notice"]
        notice.title = notice.title.replace("通知", "维修通知")
        notice.save_revision().publish()
    call_command("update_index", verbosity=0)
    return two_communities


def _result_titles(html):
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<h3[^>]*>(.*?)</h3>", html, re.S)]


def test_search_defaults_to_the_picked_community_with_a_city_wide_option(client, searchable):
    first, second = searchable["first"]["notice"], searchable["second"]["notice"]
    first.refresh_from_db()
    second.refresh_from_db()

    city = " ".join(_result_titles(_text(client.get("/search/", {"q": "维修"}))))
    assert first.title in city and second.title in city

    client.cookies[settings.COMMUNITY_COOKIE] = "shuangyan"
    html = _text(client.get("/search/", {"q": "维修"}))
    titles = " ".join(_result_titles(html))
    assert second.title in titles and first.title not in titles
    assert "以下为双燕社区的结果。" in html and "community=all" in html

    titles = " ".join(
        _result_titles(_text(client.get("/search/", {"q": "维修", "community": "all"})))
    )
    assert first.title in titles and second.title in titles

    html = _text(client.get("/search/", {"q": "维修", "community": "huifengting"}))
    titles = " ".join(_result_titles(html))
    assert first.title in titles and second.title not in titles


def test_search_with_an_unknown_community_answers_and_searches_the_city(client, searchable):
    response = client.get("/search/", {"q": "维修", "community": "<nowhere>"})
    assert response.status_code == 200
    assert "以下为" not in response.content.decode()


def test_a_home_page_is_created_for_the_second_community_only_under_the_root(two_communities):
    second = two_communities["second"]["home"]
    assert not HomePage.can_create_at(second)
    assert HomePage.can_create_at(two_communities["first"]["home"])


def test_a_shared_firm_is_ranked_in_each_community_among_its_firms(client, two_communities):
    """One profile, a record in each community: 江南物业 serves a compound in both."""
    from rankings.models import MonthStanding
    from tests.factories.home import PropertyFirmFactory
    from tests.factories.rankings import (
        CriterionFactory,
        RankingIndexPageFactory,
        month_with_scores,
    )

    first, second = two_communities["first"], two_communities["second"]
    from rankings.models import Criterion

    if not Criterion.objects.exists():
        CriterionFactory()
    values = [10] * Criterion.objects.count()  # every criterion the month freezes
    shared = PropertyFirmFactory(community=first["community"], name="江南物业", slug="jiangnan")
    own_first = PropertyFirmFactory(community=first["community"], name="恒信物业")
    own_second = PropertyFirmFactory(community=second["community"], name="双燕物业")
    for compound in (first["compound"], second["compound"]):
        compound.property_firm = shared
        compound.save()
    october = datetime.date(2026, 10, 1)
    months = {}
    for key, own in (("first", own_first), ("second", own_second)):
        index = RankingIndexPageFactory(parent=two_communities[key]["home"])
        months[key] = month_with_scores(
            index, october, {shared: [v + 1 for v in values], own: values}
        )

    for key, own, other in (("first", own_first, own_second), ("second", own_second, own_first)):
        standings = MonthStanding.objects.filter(month=months[key])
        assessed = set(standings.filter(total__isnull=False).values_list("firm__name", flat=True))
        assert assessed == {shared.name, own.name}
        # Listed (assessed or not): only firms with a record in this community.
        listed = set(standings.values_list("firm__community__slug", "firm__name"))
        assert other.name not in {name for _slug, name in listed}
        assert {slug for slug, name in listed if name != shared.name} == {
            two_communities[key]["community"].slug
        }
    assert _text(client.get("/shuangyan/rankings/firms/jiangnan/")).count("江南物业") >= 1
    # The city level counts the firms ranked in each community's newest month.
    assert _city_row(_text(client.get("/city/")), "firms_ranked") == ["2", "2"]
