import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from home.models import SiteSettings
from search.models import ZeroResultQuery
from search.registry import SearchModel, SearchType
from tests.factories.home import CompoundFactory

from .conftest import publish_notice

pytestmark = pytest.mark.django_db


def get(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def hits(response):
    return response.context["results"].object_list


def test_snippets_are_highlighted_from_the_original_text(client, notices):
    response = get(client, q="业委会 换届")
    [hit] = hits(response)
    # The title keeps its own words (业主委员会), marked because 业委会 stands for them.
    assert hit.title_html == "云影香山小区<mark>业主委员会</mark><mark>换届</mark>选举公告"
    assert "第二届<mark>业委会</mark>选举" in hit.snippet_html
    assert "<mark>业主委员会</mark>" in response.content.decode()


def test_traditional_query_marks_simplified_text_and_vice_versa(client, home_page, search_types):
    publish_notice(home_page, "trad", "業委會通知", "換屆選舉。")
    [hit] = hits(get(client, q="业委会"))
    assert hit.title_html == "<mark>業委會</mark>通知"


def test_counts_per_type_and_type_filter(client, notices):
    response = get(client, q="物业费")
    counts = {key: count for key, _, count in response.context["site_search"].type_counts}
    assert counts == {"notices": 1, "regulations": 1}
    html = response.content.decode()
    assert "type=regulations" in html
    only = get(client, q="物业费", type="regulations")
    assert [hit.article_label for hit in hits(only)] == ["第十二条"]
    # The counts still show every type, so the resident can switch.
    assert only.context["site_search"].type_counts == response.context["site_search"].type_counts


def test_article_hit_shows_regulation_title_and_number_and_links_to_anchor(client, notices):
    response = get(client, q="电梯", type="regulations")
    [hit] = hits(response)
    assert (hit.parent_title, hit.article_label, hit.title) == (
        "物业管理服务细则",
        "第十三条",
        "电梯维护",
    )
    assert hit.url == "/service-rules/#article-13"
    html = response.content.decode()
    assert 'href="/service-rules/#article-13"' in html
    assert '<span class="search-hit-article">第十三条</span>' in html


def test_compound_filter(client, notices, compounds):
    response = get(client, q="物业", compound="miaopu")
    titles = [hit.title for hit in hits(response)]
    assert titles == ["关于调整物业服务费标准的通知", "苗圃小区"]


def test_date_range_filter_and_validation(client, notices):
    today = timezone.localdate()
    response = get(client, q="物业", date_from=str(today - datetime.timedelta(days=50)))
    assert [hit.title for hit in hits(response)] == ["关于调整物业服务费标准的通知"]
    bad = get(client, q="物业", date_from="2026-13-45", date_to="yesterday")
    assert bad.context["form"].errors
    assert "errorlist" in bad.content.decode()
    assert bad.context["total"] > 1  # invalid filters are ignored, not fatal
    reversed_range = get(
        client, q="物业", date_from=str(today), date_to=str(today - datetime.timedelta(days=9))
    )
    assert "date_to" in reversed_range.context["form"].errors


def test_sort_by_newest(client, notices):
    response = get(client, q="物业", sort="newest", type="notices")
    titles = [hit.title for hit in hits(response)]
    assert titles == ["关于调整物业服务费标准的通知", "五月物业工作提示函", "物业管理服务细则"]


def test_pagination(client, home_page, search_types):
    for number in range(23):
        publish_notice(home_page, f"n{number}", f"停车通知{number}", "桂花街停车场。")
    first = get(client, q="停车")
    assert first.context["results"].paginator.count == 23
    assert len(hits(first)) == 10
    third = get(client, q="停车", page="3")
    assert len(hits(third)) == 3
    seen = {h.obj.pk for h in hits(first)} | {h.obj.pk for h in hits(get(client, q="停车", page=2))}
    assert len(seen | {h.obj.pk for h in hits(third)}) == 23
    assert len(hits(get(client, q="停车", page="999999"))) == 3  # clamped to the last page
    assert len(hits(get(client, q="停车", page="abc"))) == 10


def test_results_page_sql_is_bounded(client, home_page, search_types):
    for number in range(12):
        publish_notice(home_page, f"b{number}", f"加装电梯{number}", "电梯维修。")
    for number in range(2):
        publish_notice(home_page, f"c{number}", f"停车场{number}", "停车场维修。")
    get(client, q="维修")  # warm the caches (site, settings, content types)

    def queries_for(query):
        with CaptureQueriesContext(connection) as captured:
            response = get(client, q=query)
        return len(captured), len(hits(response))

    few, few_hits = queries_for("停车场 维修")
    many, many_hits = queries_for("电梯 维修")
    assert (few_hits, many_hits) == (2, 10)
    assert few == many


def test_editors_picks_come_first_and_are_not_repeated(client, notices):
    query = Query.get("物业费")
    SearchPromotion.objects.create(
        query=query, page=notices["service-rules"], sort_order=0, description="请先看细则。"
    )
    response = get(client, q="物业费")
    html = response.content.decode()
    assert html.index("请先看细则。") < html.index("关于调整")
    assert notices["service-rules"].pk not in [hit.obj.pk for hit in hits(response)]
    # Picks are for the unfiltered first page only.
    assert get(client, q="物业费", page=2).context["picks"] == []


def test_zero_results_page_helps(client, notices, home_page):
    settings = SiteSettings.for_site(home_page.get_site())
    settings.hotline = "0827-5268123"
    settings.save()
    response = get(client, q="业委汇")
    assert response.context["total"] == 0
    html = response.content.decode()
    assert "业委会" in response.context["suggestions"]
    assert 'href="tel:0827-5268123"' in html
    assert "?q=%E7%89%A9%E4%B8%9A%E8%B4%B9" in html  # a common term (物业费) to start from


def test_searches_are_logged_and_zero_results_recorded(client, notices):
    get(client, q="物业费")
    get(client, q="物业费")
    get(client, q="物业费", page=2)  # paging is not a new search
    get(client, q="火星")
    assert Query.get("物业费").hits == 2
    assert ZeroResultQuery.objects.get(query_string="火星").count == 1
    get(client, q="火星")
    assert ZeroResultQuery.objects.get(query_string="火星").count == 2


def test_phone_and_id_numbers_are_not_logged(client, notices):
    get(client, q="王阿姨 13812345678")
    get(client, q="511902 1950 0101 1234")
    assert not Query.objects.filter(query_string__contains="138").exists()
    assert not ZeroResultQuery.objects.filter(query_string__contains="1950").exists()


def test_autocomplete_json(client, notices):
    response = client.get("/search/autocomplete/", {"q": "物业管"})
    assert response.status_code == 200
    assert {"title": "物业管理服务细则", "url": "/service-rules/"} in response.json()["results"]
    assert client.get("/search/autocomplete/", {"q": '"*'}).json()["results"] == []


def test_form_works_without_javascript(client, notices):
    html = get(client).content.decode()
    form = re.search(r'<form class="search-page-form"[^>]*>', html).group(0)
    assert 'method="get"' in form and 'action="/search/"' in form
    assert 'list="search-suggestions"' in html and "<datalist" in html
    assert 'data-autocomplete-url="/search/autocomplete/"' in html


def test_english_pages_are_searched_in_english(client, notices, home_page):
    response = client.get("/en/search/", {"q": "物业"})
    assert response.status_code == 200
    assert response.context["total"] == 0


def test_unregistered_page_types_are_found_as_other_pages(client, notices):
    response = get(client, q="回风亭社区")
    keys = [(hit.type_key, hit.title) for hit in hits(response)]
    assert ("pages", "回风亭社区") in keys
    counts = {key: count for key, _, count in response.context["site_search"].type_counts}
    assert counts["pages"] == 1


def test_page_statements_do_not_grow_with_matches_and_counts_stay_exact(
    client, notices, monkeypatch
):
    """A source counts only when its best RESCORE_WINDOW rows are all taken."""
    monkeypatch.setattr("search.results.RESCORE_WINDOW", 4)  # a window of 50 at test scale
    parent = notices["service-rules"].get_parent()
    for number in range(3):
        publish_notice(parent, f"water-{number}", f"停水通知{number}", "明日停水，请储水。")
    with CaptureQueriesContext(connection) as few:
        response = get(client, q="停水")
    assert response.context["total"] == 3
    for number in range(3, 13):
        publish_notice(parent, f"water-{number}", f"停水通知{number}", "明日停水，请储水。")
    with CaptureQueriesContext(connection) as many:
        response = get(client, q="停水")
    assert response.context["total"] == 13
    assert len(many) <= len(few) + 1  # the one count of the full source
    last_page = get(client, q="停水", page=2)
    assert len(hits(last_page)) == 3


def test_sources_without_matches_cost_no_statement(client, notices):
    """One grouped count tells which content types match; the others are never searched."""
    get(client, q="维修")  # warm the caches (site, settings, content types)
    with CaptureQueriesContext(connection) as captured:
        response = get(client, q="火星殖民地")
    assert response.context["total"] == 0
    searched = [q["sql"] for q in captured if "fixturenoticepage" in q["sql"].lower()]
    assert searched == []


# Statements of the results page for 物业 over the `notices` fixture (demo-like: notices,
# articles, compounds): counted, so a change shows; see the README's Performance section.
# The compounds' links and the compound filter's choices cost none once known: they are
# kept per content generation (`search.results.directory_urls`, `search.views._compounds`).
COMMON_WORD_STATEMENTS = 10


def test_sources_are_ranked_and_counted_in_one_statement_however_many_match(
    client, notices, search_types
):
    """Twenty more sources, every one of them matching, cost no statement more: they are
    built once per content generation, ranked and counted in one statement, and the page's
    rows are loaded per model."""
    get(client, q="物业")  # warm the caches (site, settings, content types)
    with CaptureQueriesContext(connection) as captured:
        first = get(client, q="物业")
    # Read now: the captured list is a slice of a log the next request empties.
    few = [query["sql"] for query in captured]
    for number in range(20):
        search_types.insert(
            0,
            SearchType(
                f"more{number}",
                f"More {number}",
                (
                    SearchModel("search_fixtures.FixtureNoticePage", compound_lookup="compound"),
                    SearchModel("search_fixtures.FixtureArticle", date_field=None),
                ),
            ),
        )
    get(client, q="物业")  # the sources of a new registry are built once
    with CaptureQueriesContext(connection) as captured:
        second = get(client, q="物业")
    many = [query["sql"] for query in captured]
    assert second.context["total"] > 20 * first.context["total"] // 2  # they all matched
    assert len(few) == COMMON_WORD_STATEMENTS
    assert len(many) <= len(few)  # the same rows, or the extra sources' (fewer models)
    assert len([sql for sql in many if "UNION ALL" in sql]) == 1


def test_directory_links_are_kept_per_content_generation(client, notices, compounds):
    """A compound's link (which directory serves its community, whether that directory lists
    it) is looked up once per content generation; an edit shows at once."""
    first = {hit.title: hit.url for hit in hits(get(client, q="小区", type="compounds"))}
    assert first["苗圃小区"].endswith("/miaopu/")
    with CaptureQueriesContext(connection) as captured:
        again = {hit.title: hit.url for hit in hits(get(client, q="小区", type="compounds"))}
    assert again == first
    looked_up = [q["sql"] for q in captured if "compoundindexpage" in q["sql"].lower()]
    assert looked_up == []
    compound = compounds["miaopu"]
    compound.slug = "miaopu-renamed"
    compound.save()  # a directory row's save starts a new content generation
    renamed = {hit.title: hit.url for hit in hits(get(client, q="小区", type="compounds"))}
    assert renamed["苗圃小区"].endswith("/miaopu-renamed/")
    assert renamed["广电花苑小区"] == first["广电花苑小区"]


def test_sources_rows_statements_are_compiled_once_per_content_generation(
    client, notices, home_page, monkeypatch
):
    """The ranked statement's parts (one per source) are compiled from their querysets once
    per content generation, not on every search; a publish starts over."""
    from search.results import Source

    built = []
    original = Source.ranked_queryset

    def counting(source):
        built.append(source.type_key)
        return original(source)

    monkeypatch.setattr(Source, "ranked_queryset", counting)
    first = get(client, q="物业")
    assert first.context["total"] > 0 and built
    built.clear()
    second = get(client, q="电梯")  # another query, same sources
    assert second.context["total"] > 0
    assert built == []
    publish_notice(home_page, "new-lift", "电梯年检通知", "电梯年检。")
    third = get(client, q="电梯")
    assert built  # a new generation: compiled again, and the new notice is found
    assert "电梯年检通知" in [hit.title for hit in hits(third)]


def test_compound_choices_are_kept_per_generation_and_follow_edits(client, notices, compounds):
    get(client, q="物业")
    with CaptureQueriesContext(connection) as captured:
        response = get(client, q="物业")
    listed = [  # every compound of the language, not the hits' rows (`id IN (…)`)
        q
        for q in captured
        if q["sql"].startswith('SELECT "home_compound"') and " IN (" not in q["sql"]
    ]
    assert listed == []
    assert "miaopu" in dict(response.context["form"].fields["compound"].choices)
    CompoundFactory(name="金桂大厦", slug="jingui", community=compounds["miaopu"].community)
    response = get(client, q="物业", compound="jingui")
    assert "jingui" in dict(response.context["form"].fields["compound"].choices)
    assert response.context["form"].is_valid()
