"""Elasticsearch 8: the index settings, mappings, documents and query bodies it would send.

No cluster is needed for these: the backend builds requests lazily. The last test runs
against a real cluster only when ELASTICSEARCH_URL is set.
"""

import os
import uuid
from unittest import mock

import pytest

from config.settings.env import search_config
from search.backends.elasticsearch import (
    ChineseElasticsearchMapping,
    ChineseElasticsearchSearchBackend,
)
from search.models import SearchSynonym
from tests.search_fixtures.models import FixtureArticle, FixtureNoticePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    return ChineseElasticsearchSearchBackend(
        {"URLS": ["http://127.0.0.1:9"], "INDEX_PREFIX": "hemei_test_"}
    )


def test_settings_select_this_backend_with_an_index_prefix():
    config = search_config(
        {"ELASTICSEARCH_URL": "https://es.example.cn:9200", "ELASTICSEARCH_INDEX": "hm"}
    )
    assert config["BACKEND"] == "search.backends.elasticsearch"
    assert config["INDEX_PREFIX"] == "hm_"


def test_index_settings_analyse_chinese_with_the_synonym_list(backend):
    SearchSynonym.objects.update_or_create(term="加梯", defaults={"synonyms": "加装电梯"})
    analysis = backend.index_settings()["settings"]["analysis"]
    analyzers = analysis["analyzer"]
    assert analyzers["default"]["tokenizer"] == "whitespace"
    assert "cjk_width" in analyzers["default"]["filter"]
    assert analyzers["default_search"]["filter"][-1] == "hemei_synonyms"
    assert "cjk_width" in analyzers["edgengram_analyzer"]["filter"]
    assert analyzers["edgengram_analyzer"]["tokenizer"] == "whitespace"
    rules = analysis["filter"]["hemei_synonyms"]["synonyms"]
    assert analysis["filter"]["hemei_synonyms"]["type"] == "synonym_graph"
    assert "业委会, 业主委员会" in rules  # from the seeded list
    assert "加梯, 加装 电梯" in rules  # an editor's entry, in index-token form


def test_user_index_settings_still_win(backend):
    custom = ChineseElasticsearchSearchBackend(
        {
            "URLS": ["http://127.0.0.1:9"],
            "INDEX_SETTINGS": {"settings": {"index": {"number_of_shards": 1}}},
        }
    )
    settings = custom.index_settings()["settings"]
    assert settings["index"]["number_of_shards"] == 1
    assert "default" in settings["analysis"]["analyzer"]


def test_index_creation_sends_the_settings(backend):
    index = backend.get_index_for_model(FixtureNoticePage)
    with mock.patch.object(index, "es") as es:
        index.put()
    kwargs = es.indices.create.call_args.kwargs
    assert kwargs["index"] == "hemei_test_wagtailcore_page"
    assert "hemei_synonyms" in kwargs["settings"]["analysis"]["filter"]


def test_mapping_uses_the_cjk_autocomplete_analysers():
    mapping = ChineseElasticsearchMapping(FixtureNoticePage).get_mapping()["properties"]
    assert mapping["_edgengrams"]["search_analyzer"] == "hemei_autocomplete_search"
    assert mapping["title_edgengrams"]["analyzer"] == "edgengram_analyzer"


def test_documents_carry_segmented_text(notices):
    page = notices["election-notice"]
    document = ChineseElasticsearchMapping(FixtureNoticePage).get_document(page)
    assert document["title"].split()[:4] == ["云影香山小区", "业主委员会", "换届", "选举"]
    assert "业委会" in document["search_fixtures_fixturenoticepage__body"].split()
    article = FixtureArticle.objects.get(label="第十二条")
    article_doc = ChineseElasticsearchMapping(FixtureArticle).get_document(article)
    assert "物业费" in article_doc["heading"].split()


def test_query_body_expands_segments_and_synonyms(backend):
    results = backend.search("業委會換屆", FixtureNoticePage, operator="and")
    body = str(results.query_compiler.get_query())
    assert "'业委会'" in body and "'业主委员会'" in body and "'换届'" in body
    assert "must" in body


def test_autocomplete_body_is_plain_segmented_text(backend):
    results = backend.autocomplete("物业管", FixtureNoticePage)
    query = results.query_compiler.get_query()
    assert query["bool"]["must"] == {
        "match": {"_edgengrams": {"query": "物业 管", "operator": "and"}}
    }


def test_hostile_query_sends_nothing(backend):
    for query in ["", '"', "*(", "\x00", "的"]:
        assert list(backend.search(query, FixtureNoticePage)) == []


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set")
def test_against_a_real_cluster(notices):
    backend = ChineseElasticsearchSearchBackend(
        {
            "URLS": [os.environ["ELASTICSEARCH_URL"]],
            "INDEX_PREFIX": f"hemei_test_{uuid.uuid4().hex[:8]}_",
        }
    )
    index = backend.get_index_for_model(FixtureNoticePage)
    index.reset()
    try:
        index.add_model(FixtureNoticePage)
        index.add_items(FixtureNoticePage, list(FixtureNoticePage.objects.live()))
        index.refresh()
        titles = [p.title for p in backend.search("业委会 换届", FixtureNoticePage.objects.live())]
        assert titles == ["云影香山小区业主委员会换届选举公告"]
        assert "物业管理服务细则" in [
            p.title for p in backend.autocomplete("物业管", FixtureNoticePage.objects.live())
        ]
    finally:
        index.delete()


@pytest.fixture
def two_communities(home_page):
    """回风亭 at the site root and 双燕 at /shuangyan/, a notice and a compound in each."""
    from tests.factories.home import CommunityFactory, CompoundFactory, HomePageFactory
    from tests.factories.notices import NoticeIndexPageFactory, NoticePageFactory

    first = CommunityFactory(name="回风亭社区", slug="huifengting")
    second = CommunityFactory(name="双燕社区", slug="shuangyan")
    home_page.community = first
    home_page.save_revision().publish()
    second_home = HomePageFactory(parent=home_page, slug="shuangyan", community=second)
    made = {}
    for key, home, community in (("first", home_page, first), ("second", second_home, second)):
        index = NoticeIndexPageFactory(parent=home)
        made[key] = {
            "community": community,
            "home": home,
            "notice": NoticePageFactory(parent=index, title=f"{community.name}电梯维修通知"),
            "compound": CompoundFactory(community=community),
        }
    return made


def test_community_paths_select_the_pages_the_sql_filter_selects(two_communities):
    from home.communities import community_page_q, community_paths_q
    from notices.models import NoticePage

    for data in two_communities.values():
        community = data["community"]
        by_sql = set(NoticePage.objects.filter(community_page_q(community)))
        by_paths = set(NoticePage.objects.filter(community_paths_q(community)))
        assert by_paths == by_sql == {data["notice"]}


def _sent_query(backend, queryset):
    """The query body the backend sends the cluster for a search of `queryset`."""
    with mock.patch.object(backend, "es") as es:
        es.search.return_value = {"hits": {"hits": [], "total": {"value": 0}}}
        es.count.return_value = {"count": 0}
        list(backend.search("维修", queryset)[:10])
    return es.search.call_args.kwargs["query"]


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_the_community_filter_reaches_elasticsearch(backend, two_communities):
    """The site search's community filter, sent as filters Elasticsearch can apply: page
    paths as prefixes (the root's community without the nested home), rows by their ids."""
    from home.models import Compound
    from notices.models import NoticePage
    from search.registry import SearchModel
    from search.results import SearchFilters, SiteSearch

    first, second = two_communities["first"], two_communities["second"]
    with mock.patch("search.results.get_search_backend", return_value=backend):
        for data, other in ((second, first), (first, second)):
            search = SiteSearch("维修", filters=SearchFilters(community=data["community"]))
            pages = search._in_community(
                SearchModel("notices.NoticePage"), NoticePage.objects.live()
            )
            query = _sent_query(backend, pages)
            prefixes = [n["prefix"] for n in _walk(query) if "prefix" in n]
            paths = {value for prefix in prefixes for value in prefix.values()}
            assert data["home"].path in paths
            if data is first:  # the root's pages, not those of the community nested in it
                assert second["home"].path in paths
                assert any("must_not" in n for n in _walk(query))
            rows = search._in_community(
                SearchModel("home.Compound", date_field=None, compound_lookup="pk"),
                Compound.objects.all(),
            )
            query = _sent_query(backend, rows)
            terms = [n["terms"] for n in _walk(query) if "terms" in n]
            ids = {value for term in terms for values in term.values() for value in values}
            assert str(data["compound"].pk) in ids and str(other["compound"].pk) not in ids
