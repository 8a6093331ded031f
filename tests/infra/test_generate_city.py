"""The synthetic city: counts, determinism, pages and search on it, and SQL per page that does
not grow with the city (the same pages at 1 and at 3 communities' worth of data)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cases.models import Case, Report
from city.generator import CitySize, generate_city
from home.communities import COMMUNITY_HOME_DEPTH
from home.models import Community, Compound, HomePage, PropertyFirm
from notices.models import CompoundIndexPage, NoticeIndexPage, NoticePage
from rankings.models import FirmAssessment, RankingIndexPage, RankingMonthPage, Score

pytestmark = pytest.mark.django_db
SCALE = 0.03  # 20 notices and 10 reports per community


def city(seed):
    return {
        "communities": Community.objects.filter(slug__startswith=f"city-s{seed}-"),
        "firms": PropertyFirm.objects.filter(slug__startswith=f"city-s{seed}-"),
        "compounds": Compound.objects.filter(slug__startswith=f"city-s{seed}-"),
        "notices": NoticePage.objects.filter(slug__startswith=f"city-s{seed}-"),
        "months": RankingMonthPage.objects.filter(url_path__contains=f"/city-s{seed}-rankings-"),
        "cases": Case.objects.filter(community__slug__startswith=f"city-s{seed}-"),
    }


def snapshot(seed):
    rows = city(seed)
    return {
        "communities": list(rows["communities"].order_by("slug").values_list("name", "district")),
        "firms": list(
            rows["firms"].order_by("slug").values_list("name", "phone", "community__slug")
        ),
        "compounds": list(
            rows["compounds"]
            .order_by("slug")
            .values_list("name", "households", "property_firm__slug", "translation_key")
        ),
        "notices": [
            (page.path, page.title, page.publish_date, page.body.raw_data[0]["value"])
            for page in rows["notices"].order_by("path")
        ],
        "scores": list(
            Score.objects.filter(assessment__month__in=rows["months"])
            .order_by("assessment__month__month", "assessment__firm__slug", "criterion__sort_order")
            .values_list("value", flat=True)
        ),
        "cases": list(
            rows["cases"]
            .order_by("sequence")
            .values_list("public_number", "title", "status", "received_at", "resolved_at")
        ),
    }


def test_counts_match_the_size(demo):
    counts = generate_city(CitySize.of(2, SCALE), seed=1, index=False)
    size = CitySize.of(2, SCALE)
    assert (size.compounds, size.firms, size.notices, size.reports) == (20, 7, 40, 20)
    rows = city(1)
    assert rows["communities"].count() == counts["communities"] == 2
    assert rows["compounds"].count() == 20
    assert rows["firms"].count() == 7
    assert rows["notices"].live().count() == 40
    assert rows["months"].live().count() == 12 * 2  # under each community's ranking index
    assert rows["cases"].count() == 20
    assert Report.objects.filter(case__in=rows["cases"]).count() == 20
    # Every firm with a record in a community (registered there or serving one of its
    # compounds) is assessed in each of that community's months.
    assessments = FirmAssessment.objects.filter(month__in=rows["months"])
    expected = sum(
        PropertyFirm.objects.filter(Q(community=community) | Q(compounds__community=community))
        .distinct()
        .count()
        for community in rows["communities"]
    )
    assert assessments.count() == 12 * expected
    assert Score.objects.filter(assessment__in=assessments).count() > 12 * expected
    # A home page per community under the site root, with its sections; each notice sits
    # in the notice index of its compound's community.
    for community in rows["communities"]:
        home = HomePage.objects.get(community=community)
        assert home.depth == COMMUNITY_HOME_DEPTH and home.url == f"/{community.slug}/"
        kinds = {type(page) for page in home.get_children().specific()}
        assert kinds == {NoticeIndexPage, CompoundIndexPage, RankingIndexPage}
        notices = NoticePage.objects.child_of(home.get_children().type(NoticeIndexPage).get())
        assert notices.count() > 0
        names = list(Compound.objects.filter(community=community).values_list("name", flat=True))
        for title in notices.values_list("title", flat=True):
            assert any(title.startswith(name) for name in names), title
    by_community = {
        page.title: page.get_parent().get_parent().specific.community.slug
        for page in rows["notices"]
    }
    assert len(by_community) == 40 and set(by_community.values()) == {
        community.slug for community in rows["communities"]
    }
    # The page tree stays valid for treebeard (numchild and paths agree).
    assert Page.find_problems() == ([], [], [], [], [])


def test_full_size_is_what_the_issue_asks_for():
    full = CitySize.of(300)
    assert (full.compounds, full.firms, full.notices, full.reports) == (
        3_000,
        1_000,
        200_000,
        100_000,
    )


def test_same_seed_same_city_other_seed_other_city(demo):
    def generated(seed):
        with transaction.atomic():
            generate_city(CitySize.of(1, SCALE), seed=seed, index=False)
            data = snapshot(seed)
            transaction.set_rollback(True)
        return data

    first, again = generated(5), generated(5)
    assert first["notices"] and first["cases"] and first["scores"]
    assert first == again
    other = generated(6)
    assert other["notices"] != first["notices"]
    assert other["cases"] != first["cases"]


def test_pages_and_search_work_on_the_city(demo, client):
    generate_city(CitySize.of(1, SCALE), seed=1)
    rows = city(1)
    notice = rows["notices"].order_by("path").first()
    response = client.get(notice.url)
    assert response.status_code == 200
    assert notice.title in response.content.decode()
    compound = rows["compounds"].order_by("slug").first()
    response = client.get(compound.get_url())
    assert response.status_code == 200
    assert compound.name in response.content.decode()
    firm = rows["firms"].order_by("slug").first()
    response = client.get(firm.get_url())
    assert response.status_code == 200
    assert firm.name in response.content.decode()
    month = rows["months"].order_by("-month").first()
    response = client.get(month.url)
    assert response.status_code == 200
    assert firm.name in response.content.decode()
    # Search finds the generated notice (indexed in bulk) by two words of its title.
    compound_name = notice.title.split("（")[0]
    topic = notice.title.split("）")[1][:4]
    response = client.get("/search/", {"q": f"{compound_name} {topic}"})
    assert response.status_code == 200
    # Titles come back highlighted (<mark>); the link is the notice's own.
    assert f'href="{notice.url}"' in response.content.decode()


def page_queries(client, urls):
    counts = {}
    for name, url in urls.items():
        client.get(url)  # warms what is kept per content generation (menus)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


def city_urls(seed):
    rows = city(seed)
    notice = rows["notices"].order_by("path").first()
    home = HomePage.objects.filter(community__in=rows["communities"]).order_by("path").first()
    return {
        "community home": home.url,
        "city level": "/city/",
        "notice index": NoticeIndexPage.objects.child_of(home).get().url,
        "notice": notice.url,
        "compound": rows["compounds"].order_by("slug").first().get_url(),
        "firm": rows["firms"].order_by("slug").first().get_url(),
        "ranking month": rows["months"].order_by("-month").first().url,
        "search": "/search/?q=物业+停水",
    }


def test_sql_per_page_does_not_grow_with_the_city(demo, client):
    generate_city(CitySize.of(1, SCALE), seed=1)
    small = page_queries(client, city_urls(1))
    generate_city(CitySize.of(3, SCALE), seed=2)
    large = page_queries(client, city_urls(2))
    # Equal for every page but a compound's, whose panels skip a statement or two when a
    # compound has nothing of a kind (its firm's month, open cases): never more at 3×.
    assert set(large) == set(small)
    for page, count in large.items():
        assert count <= small[page], (page, count, small[page])
    assert sum(large.values()) <= sum(small.values())


def test_the_command_refuses_nonsense_and_reports_counts(demo):
    with pytest.raises(CommandError):
        call_command("generate_city", "--communities", "0", stdout=io.StringIO())
    out = io.StringIO()
    call_command(
        "generate_city", "--communities", "1", "--scale", "0.01", "--seed", "9", "--no-index",
        stdout=out,
    )  # fmt: skip
    assert "1 communities" in out.getvalue()
    assert "10 compounds" in out.getvalue()
