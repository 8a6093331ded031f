"""How merged results are weighed: demoted sources, the title bonus and its window."""

from types import SimpleNamespace

import pytest

from search.registry import DEMOTED_WEIGHT, SearchModel
from search.results import RESCORE_WINDOW, SCORE_FIELD, SiteSearch, Source

pytestmark = pytest.mark.django_db


def row(title, score, weight=1.0, rank=0):
    obj = SimpleNamespace(title=title, **{SCORE_FIELD: score})
    return (Source("notices", SearchModel("notices.NoticePage"), None, weight), obj, rank)


def test_title_bonus_grows_with_the_share_of_the_title_the_query_covers():
    search = SiteSearch("苗圃")
    compound = search.title_bonus(SimpleNamespace(title="苗圃小区"))
    event = search.title_bonus(SimpleNamespace(title="苗圃小区义诊与健康体检"))
    assert compound > event > 1.0
    assert search.title_bonus(SimpleNamespace(title="广电花苑小区")) == 1.0


def test_title_bonus_needs_every_query_word_and_accepts_synonyms():
    search = SiteSearch("业委会 工作规则")
    assert search.title_bonus(SimpleNamespace(title="回风亭社区业主委员会工作规则")) > 1.0
    assert search.title_bonus(SimpleNamespace(title="业主委员会成员履职培训通知")) == 1.0


def test_article_is_judged_by_its_own_heading_not_its_regulation_title():
    from wagtail.models import Page

    class Article(SimpleNamespace):
        pass

    page = Page(title="物业管理服务细则")
    article = Article(page=page, anchor="article-1", label="第一条", heading="目的")
    assert SiteSearch("物业管理服务细则").title_bonus(article) == 1.0


def test_a_title_match_outranks_a_slightly_better_backend_score():
    search = SiteSearch("苗圃小区")
    rows = [row("苗圃小区义诊与健康体检", 14.5), row("苗圃小区", 13.3)]
    rows.sort(key=search.sort_key)
    assert [obj.title for _, obj, _ in rows] == ["苗圃小区", "苗圃小区义诊与健康体检"]


def test_a_demoted_source_counts_less():
    search = SiteSearch("细则")
    superseded = row("第八条", 10.0, weight=DEMOTED_WEIGHT)
    in_force = row("第十五条", 6.0)
    assert sorted([superseded, in_force], key=search.sort_key)[0] is in_force


def test_rows_beyond_the_window_come_after_it_in_backend_order():
    search = SiteSearch("苗圃小区")
    late = row("苗圃小区", 100.0, rank=RESCORE_WINDOW)
    early = row("停水通知", 1.0, rank=RESCORE_WINDOW - 1)
    assert sorted([late, early], key=search.sort_key)[0] is early


def test_superseded_rules_and_the_public_case_log_form_demoted_sources():
    sources = SiteSearch("细则").all_sources
    demoted = {source.entry.label: source for source in sources if source.weight < 1.0}
    # A residents' report in the public log answers a question less well than the rule or
    # notice it is about, so it ranks at half weight, like a superseded regulation; so does a
    # replacement recommendation, a card of the month page that tells its story.
    assert set(demoted) == {
        "notices.RegulationPage",
        "notices.RegulationArticle",
        "cases.Case",
        "rankings.Recommendation",
    }
    assert "is_public" in str(demoted["cases.Case"].queryset.query)
    assert demoted["notices.RegulationArticle"].weight == DEMOTED_WEIGHT
    assert "in_force" in str(demoted["notices.RegulationArticle"].queryset.query)
