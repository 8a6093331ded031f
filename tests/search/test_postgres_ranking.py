"""PostgreSQL: matching through the title+body GIN index, ranking inside the index table.

The index-ranked results must be exactly what Wagtail's stock statement returns (same rows,
order and scores, filters respected); only the way PostgreSQL gets there differs.
"""

import pytest
from django.db import connection
from modelsearch.backends.database.postgres.postgres import PostgresSearchResults
from wagtail.search.backends import get_search_backend

from search.query import build_query
from tests.search_fixtures.models import FixtureArticle, FixtureNoticePage

from .conftest import publish_notice

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

INDEX = "site_search_indexentry_title_body_gin"
QUERIES = ["物业", "电梯", "业委会 换届", "物业费 标准", "上门 社保认证", "公告", "安全"]


@pytest.fixture(autouse=True)
def require_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("The GIN expression index and index-side ranking are PostgreSQL's.")


def search_both_ways(query, queryset, **kwargs):
    """(index-ranked results, stock results) for the same search."""
    backend = get_search_backend()
    ours = backend.search(query, queryset, **kwargs).annotate_score("score")
    stock_backend = get_search_backend()  # a new instance on every call
    stock_backend.results_class = PostgresSearchResults
    stock = stock_backend.search(query, queryset, **kwargs).annotate_score("score")
    return ours, stock


def rows(results):
    return [(obj.pk, round(obj.score, 6)) for obj in results]


def test_migration_created_the_expression_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "(title || body)" in definition


def test_the_match_uses_the_expression_index(notices):
    results = get_search_backend().search("业委会 换届", FixtureNoticePage.objects.live())
    sql, params = results.matching_entries().query.sql_with_params()
    with connection.cursor() as cursor:
        # A handful of rows is scanned sequentially anyway: ask what an index would serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert INDEX in plan


@pytest.mark.parametrize("query", QUERIES)
def test_same_rows_order_and_scores_as_the_stock_statement(notices, query):
    for number in range(3):  # several near-identical bodies: ties must not reorder scores
        publish_notice(
            notices["service-rules"].get_parent(),
            f"extra-{number}",
            f"安全月活动{number}",
            "物业公司检查电梯和消防设施，公告栏公示收费标准。",
        )
    ours, stock = search_both_ways(query, FixtureNoticePage.objects.live())
    assert ours.count() == stock.count()
    assert {pk for pk, _ in rows(ours)} == {pk for pk, _ in rows(stock)}
    assert [score for _, score in rows(ours)] == [score for _, score in rows(stock)]
    assert rows(ours[:2]) == rows(ours)[:2]


def test_queryset_filters_apply_to_matches_counts_and_pages(notices):
    excluded = notices["lift-notice"]
    queryset = FixtureNoticePage.objects.live().exclude(pk=excluded.pk)
    ours, stock = search_both_ways("电梯", queryset)
    assert excluded.pk not in [obj.pk for obj in ours]
    assert ours.count() == stock.count() == len(list(ours))
    excluded.unpublish()
    assert excluded.pk not in [
        obj.pk for obj in get_search_backend().search("电梯", FixtureNoticePage.objects.live())
    ]


def test_non_page_models_and_autocomplete_take_the_same_path(notices):
    articles, stock = search_both_ways("电梯", FixtureArticle.objects.all())
    assert [obj.label for obj in articles] == ["第十三条"]
    assert rows(articles) == rows(stock)
    found = get_search_backend().autocomplete("电", FixtureNoticePage.objects.live())
    assert "广电花苑小区电梯加装公示" in [page.title for page in found]


def test_sorting_by_date_keeps_the_querysets_order(notices):
    queryset = FixtureNoticePage.objects.live().order_by("-first_published_at")
    results = get_search_backend().search("物业", queryset, order_by_relevance=False)
    dates = [page.first_published_at for page in results]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 2


def test_a_query_tree_is_ranked_in_the_index_too(notices):
    tree = build_query("业委会 换届", operator="and")
    ours, stock = search_both_ways(tree, FixtureNoticePage.objects.live())
    assert rows(ours) == rows(stock) != []


def test_sequential_scans_are_off_only_for_the_search_statements(notices):
    during = []

    def spy(execute, sql, params, many, context):
        if "wagtailsearch_indexentry" in sql and "@@" in sql:
            with context["connection"].cursor() as cursor:
                cursor.execute("SHOW enable_seqscan")
                during.append(cursor.fetchone()[0])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        results = get_search_backend().search("电梯", FixtureNoticePage.objects.live())
        assert results.count() == 1 and len(list(results)) == 1
    assert during == ["off", "off"]  # the count and the ranked page
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
