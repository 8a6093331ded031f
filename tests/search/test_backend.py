"""The Chinese-aware database backend, through Wagtail's own search API."""

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import Compound
from search.models import SearchSynonym
from tests.search_fixtures.models import FixtureArticle, FixtureNoticePage

from .conftest import publish_notice

pytestmark = pytest.mark.django_db


def titles(results):
    return [getattr(obj, "title", None) or str(obj) for obj in results]


def test_configured_backend_is_the_chinese_one():
    from django.db import connection

    backend = get_search_backend()
    expected = {
        "sqlite": ("search.backends.sqlite", "ChineseSQLiteSearchBackend"),
        "postgresql": ("search.backends.postgres", "ChinesePostgresSearchBackend"),
    }[connection.vendor]
    assert (type(backend).__module__, type(backend).__name__) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("物业", "物业管理服务细则"),  # a word inside a longer run of Han characters
        ("业委会 换届", "云影香山小区业主委员会换届选举公告"),  # abbreviation via synonyms
        ("業委會", "云影香山小区业主委员会换届选举公告"),  # traditional characters
        ("上门 社保认证", "社保验证上门服务安排"),  # synonym 社保认证 = 社保验证
        ("电梯", "广电花苑小区电梯加装公示"),
        ("升降梯", "广电花苑小区电梯加装公示"),
        ("物业服务费", "关于调整物业服务费标准的通知"),
        ("提示涵", "五月物业工作提示函"),  # a common typo kept in the synonym list
    ],
)
def test_page_search_in_chinese(notices, query, expected):
    assert expected in titles(FixtureNoticePage.objects.live().search(query))


def test_natural_question_falls_back_to_or(notices):
    # "坏" is in no document: AND finds nothing, so OR answers.
    found = titles(FixtureNoticePage.objects.live().search("电梯坏了找谁"))
    assert found[0] == "广电花苑小区电梯加装公示"


def test_explicit_and_does_not_fall_back(notices):
    assert titles(FixtureNoticePage.objects.live().search("电梯 坏", operator="and")) == []


def test_title_match_ranks_above_body_match(notices):
    # 电梯 is in the lift notice's title and only in an article's body.
    publish_notice(
        notices["service-rules"].get_parent(), "misc", "安全月活动", "检查电梯和消防设施。"
    )
    found = titles(FixtureNoticePage.objects.live().search("电梯"))
    assert found[0] == "广电花苑小区电梯加装公示"
    assert "安全月活动" in found


def test_non_page_models_are_searched_too(notices):
    articles = get_search_backend().search("物业费", FixtureArticle.objects.all())
    assert [a.label for a in articles] == ["第十二条"]
    compounds = get_search_backend().search("电梯", Compound.objects.all())
    assert [c.name for c in compounds] == ["广电花苑小区"]


def test_filters_on_unindexed_fields_work_on_the_database(notices, compounds):
    queryset = FixtureNoticePage.objects.live().filter(compound=compounds["miaopu"])
    assert titles(get_search_backend().search("物业费", queryset)) == [
        "关于调整物业服务费标准的通知"
    ]


def test_synonym_edits_apply_without_reindexing(notices):
    assert titles(FixtureNoticePage.objects.live().search("加梯")) == []
    SearchSynonym.objects.create(term="加梯", synonyms="加装电梯")
    assert "广电花苑小区电梯加装公示" in titles(FixtureNoticePage.objects.live().search("加梯"))


def test_autocomplete_matches_the_start_of_words_in_titles(notices):
    assert "物业管理服务细则" in titles(FixtureNoticePage.objects.live().autocomplete("物业管"))
    assert "五月物业工作提示函" in titles(FixtureNoticePage.objects.live().autocomplete("提示"))


def test_publishing_and_unpublishing_update_the_index(home_page, search_types):
    page = publish_notice(home_page, "outage", "停水通知", "明天上午维修水管。")
    backend = get_search_backend()
    assert titles(backend.search("停水", Page.objects.live())) == ["停水通知"]
    page.unpublish()
    assert titles(backend.search("停水", Page.objects.live())) == []
    page.title = "停电通知"
    page.save_revision().publish()
    assert titles(backend.search("停电", Page.objects.live())) == ["停电通知"]
    assert titles(backend.search("停水", Page.objects.live())) == []


def test_update_index_rebuilds_everything(notices):
    from wagtail.search.models import IndexEntry

    IndexEntry.objects.all().delete()
    assert titles(FixtureNoticePage.objects.live().search("物业")) == []
    call_command("update_index", verbosity=0)
    assert "物业管理服务细则" in titles(FixtureNoticePage.objects.live().search("物业"))
    assert get_search_backend().search("物业费", FixtureArticle.objects.all()).count() == 1


def test_scores_are_higher_is_better(notices):
    results = list(FixtureNoticePage.objects.live().search("电梯").annotate_score("s"))
    scores = [r.s for r in results]
    assert scores == sorted(scores, reverse=True)


def test_sqlite_counts_and_deep_pages_past_the_ranking_limit(notices, monkeypatch):
    """The ranked statement keeps the best N; counts and deeper pages still see every match."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("The ranking limit is the SQLite backend's.")
    parent = notices["service-rules"].get_parent()
    for number in range(9):
        publish_notice(parent, f"water-{number}", f"停水通知{number}", "停水" * (number + 1))
    everything = [page.pk for page in FixtureNoticePage.objects.live().search("停水")]
    assert len(everything) == 9
    monkeypatch.setattr("search.backends.sqlite.SQLITE_RANK_LIMIT", 3)
    results = FixtureNoticePage.objects.live().search("停水")
    assert results.count() == 9
    assert [page.pk for page in results[6:9]] == everything[6:9]
    assert [page.pk for page in results[:3]] == everything[:3]
    # Filters apply before the count, not after the limit.
    fewer = FixtureNoticePage.objects.live().exclude(pk__in=everything[:4]).search("停水")
    assert fewer.count() == 5
    assert [page.pk for page in fewer] == everything[4:]
