"""RegulationArticle rows follow the live text: publish, reorder, edit, unpublish, delete."""

import pytest
from wagtail.models import Locale

from home.demo_tools import ensure_translation
from notices.models import RegulationArticle, RegulationPage
from tests.factories.regulations import (
    RegulationIndexPageFactory,
    RegulationPageFactory,
    article,
    chapter,
)


def body():
    return [
        chapter(
            "总则",
            [
                article("为规范物业服务，制定本细则。", id="aaaaaaa1-0000-4000-8000-000000000001"),
                article("本细则适用于本社区各小区。", id="aaaaaaa2-0000-4000-8000-000000000002"),
            ],
        ),
        chapter(
            "公共设施维修",
            [
                article(
                    "<b>电梯</b>每半月维护保养一次。",
                    heading="电梯保养",
                    id="aaaaaaa3-0000-4000-8000-000000000003",
                )
            ],
        ),
    ]


@pytest.fixture
def regulation(home_page):
    index = RegulationIndexPageFactory(parent=home_page)
    page = RegulationPageFactory(parent=index, body=body(), live=False)
    return page


def publish(page, data=None):
    page = RegulationPage.objects.get(pk=page.pk)
    if data is not None:
        page.body = data
    page.save_revision().publish()
    return RegulationPage.objects.get(pk=page.pk)


def rows(page):
    return list(RegulationArticle.objects.filter(page=page).order_by("sort_order"))


def test_publishing_creates_one_row_per_article(regulation):
    assert rows(regulation) == []
    page = publish(regulation)
    articles = rows(page)
    assert [(a.number, a.label, a.chapter_number, a.chapter_title) for a in articles] == [
        (1, "第一条", 1, "总则"),
        (2, "第二条", 1, "总则"),
        (3, "第三条", 2, "公共设施维修"),
    ]
    assert [a.anchor for a in articles] == [a.anchor for a in page.articles]
    assert articles[2].heading == "电梯保养"
    assert articles[2].text == "电梯每半月维护保养一次。"  # plain text, tags stripped
    assert articles[0].locale == page.locale
    assert all(a.in_force for a in articles)
    page.status = RegulationPage.Status.SUPERSEDED
    page.save_revision().publish()
    assert not any(a.in_force for a in rows(page))
    assert articles[2].get_url() == f"{page.url}#article-aaaaaaa3"


def test_reordering_updates_numbers_but_keeps_anchors_and_rows(regulation):
    page = publish(regulation)
    before = {a.anchor: a.pk for a in rows(page)}
    data = body()
    data.reverse()  # 公共设施维修 becomes the first chapter
    page = publish(page, data)
    after = rows(page)
    assert [(a.anchor, a.number, a.label, a.chapter_number) for a in after] == [
        ("article-aaaaaaa3", 1, "第一条", 1),
        ("article-aaaaaaa1", 2, "第二条", 2),
        ("article-aaaaaaa2", 3, "第三条", 2),
    ]
    assert {a.anchor: a.pk for a in after} == before


def test_removed_and_added_articles_are_synced(regulation):
    page = publish(regulation)
    data = body()
    del data[0]["value"]["articles"][1]
    data[1]["value"]["articles"].append(
        article("新增条文：公共照明损坏两日内修复。", id="bbbbbbb1-0000-4000-8000-000000000009")
    )
    page = publish(page, data)
    assert [a.anchor for a in rows(page)] == [
        "article-aaaaaaa1",
        "article-aaaaaaa3",
        "article-bbbbbbb1",
    ]
    assert rows(page)[2].text == "新增条文：公共照明损坏两日内修复。"


def test_drafts_do_not_touch_published_rows(regulation):
    page = publish(regulation)
    data = body()
    data[0]["value"]["articles"][0]["value"]["text"] = "<p>草稿中的修改。</p>"
    page.body = data
    page.save_revision()
    assert rows(page)[0].text == "为规范物业服务，制定本细则。"


def test_unpublishing_and_deleting_remove_rows(regulation):
    page = publish(regulation)
    assert len(rows(page)) == 3
    page.unpublish()
    assert rows(page) == []
    page = publish(page)
    assert len(rows(page)) == 3
    page.delete()
    assert RegulationArticle.objects.count() == 0


def test_translations_have_their_own_rows(regulation):
    page = publish(regulation)
    en = Locale.objects.get(language_code="en")
    page.get_parent().specific.save_revision().publish()
    en_page = ensure_translation(page, en, title="Service rules")
    en_rows = rows(en_page)
    assert [a.label for a in en_rows] == ["Article 1", "Article 2", "Article 3"]
    assert {a.locale_id for a in en_rows} == {en.pk}
    assert en_rows[0].get_url().startswith("/en/")


def test_articles_are_indexed_for_search(regulation):
    data = body()
    data[1]["value"]["articles"][0]["value"]["text"] = "<p>Lifts are serviced twice a month.</p>"
    page = publish(regulation, data)
    results = list(RegulationArticle.objects.search("serviced"))
    assert [r.anchor for r in results] == ["article-aaaaaaa3"]
    filtered = RegulationArticle.objects.filter(locale_id=page.locale_id).search("serviced")
    assert len(list(filtered)) == 1
    page.unpublish()
    assert list(RegulationArticle.objects.search("serviced")) == []


def test_scheduled_publishing_syncs_articles(regulation):
    import datetime

    import time_machine
    from django.core.management import call_command
    from django.utils import timezone

    page = RegulationPage.objects.get(pk=regulation.pk)
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.save_revision().publish()  # with a future go-live this only schedules it
    assert rows(page) == [] and not RegulationPage.objects.get(pk=page.pk).live
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        call_command("publish_scheduled")
    page = RegulationPage.objects.get(pk=page.pk)
    assert page.live
    assert [a.label for a in rows(page)] == ["第一条", "第二条", "第三条"]


def test_sync_reads_the_body_being_published_not_a_cached_one(regulation):
    page = publish(regulation)
    assert len(page.articles) == 3  # caches the structure on this instance
    data = body()
    del data[1]
    page.body = data
    page.save_revision().publish()
    assert [a.anchor for a in rows(page)] == ["article-aaaaaaa1", "article-aaaaaaa2"]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("细则第十二条", [12]),
        ("第 3 条和第三条", [3]),
        ("第１２条", [12]),
        ("第一百零一条、第二十条", [101, 20]),
        ("电梯坏了找谁", []),
        ("第千条", []),
        ("", []),
        (None, []),
    ],
)
def test_cited_article_numbers(text, numbers):
    from notices.models.regulation_articles import cited_article_numbers

    assert cited_article_numbers(text) == numbers


def test_cited_in_finds_the_articles_a_query_names(regulation):
    page = publish(regulation)
    assert [
        a.anchor for a in RegulationArticle.objects.filter(page=page).cited_in("细则第三条")
    ] == ["article-aaaaaaa3"]
    assert not RegulationArticle.objects.cited_in("电梯保养").exists()
