"""Numbering, labels and stable anchors of a regulation's chapters and articles."""

import pytest

from notices.models import RegulationPage
from notices.models.regulation_structure import build_structure
from tests.factories.regulations import (
    RegulationIndexPageFactory,
    RegulationPageFactory,
    article,
    chapter,
)

IDS = [f"{n:08x}-0000-4000-8000-000000000000" for n in range(1, 8)]


def body():
    return [
        chapter("总则", [article("目的", id=IDS[0]), article("范围", id=IDS[1])], id="c1aaaaaa-1"),
        chapter(
            "保洁",
            [article("日扫", id=IDS[2], heading="日常保洁"), article("垃圾", id=IDS[3])],
            id="c2bbbbbb-2",
        ),
        chapter("附则", [article("施行", id=IDS[4])], id="c3cccccc-3"),
    ]


@pytest.fixture
def regulation(home_page):
    index = RegulationIndexPageFactory(parent=home_page)
    return RegulationPageFactory(parent=index, body=body())


def test_articles_are_numbered_across_chapters(regulation):
    chapters = regulation.chapters
    assert [c.label for c in chapters] == ["第一章", "第二章", "第三章"]
    assert [c.title for c in chapters] == ["总则", "保洁", "附则"]
    assert [(a.number, a.label) for a in regulation.articles] == [
        (1, "第一条"),
        (2, "第二条"),
        (3, "第三条"),
        (4, "第四条"),
        (5, "第五条"),
    ]
    assert regulation.articles[2].heading == "日常保洁"
    assert regulation.articles[2].chapter is chapters[1]
    assert regulation.articles[3].plain_text == "垃圾"


def test_labels_follow_the_page_language(db):
    chapters = build_structure(RegulationPage(body=body()).body, "en")
    assert chapters[1].label == "Chapter 2"
    assert chapters[1].articles[0].label == "Article 3"


def test_numbering_past_ten_uses_chinese_counting(home_page):
    index = RegulationIndexPageFactory(parent=home_page)
    page = RegulationPageFactory(
        parent=index, body=[chapter("一", [f"第{n}条内容" for n in range(1, 13)])]
    )
    labels = [a.label for a in page.articles]
    assert labels[9:] == ["第十条", "第十一条", "第十二条"]


def test_anchors_come_from_block_ids(regulation):
    assert [a.anchor for a in regulation.articles] == [
        "article-00000001",
        "article-00000002",
        "article-00000003",
        "article-00000004",
        "article-00000005",
    ]
    assert regulation.chapters[0].anchor == "chapter-c1aaaaaa"


def test_reordering_renumbers_but_keeps_anchors(regulation):
    before = {a.plain_text: a.anchor for a in regulation.articles}
    data = body()
    # Move 垃圾 to the front of the first chapter and swap the last two chapters.
    moved = data[1]["value"]["articles"].pop(1)
    data[0]["value"]["articles"].insert(0, moved)
    data[1], data[2] = data[2], data[1]
    regulation.body = data
    regulation.save()
    page = RegulationPage.objects.get(pk=regulation.pk)
    after = [(a.number, a.plain_text, a.anchor) for a in page.articles]
    assert [text for _n, text, _a in after] == ["垃圾", "目的", "范围", "施行", "日扫"]
    assert [n for n, _t, _a in after] == [1, 2, 3, 4, 5]
    assert {text: anchor for _n, text, anchor in after} == before
    assert page.chapters[1].title == "附则" and page.chapters[1].label == "第二章"


def test_editing_text_keeps_the_anchor(regulation):
    data = body()
    data[0]["value"]["articles"][1]["value"]["text"] = "<p>本细则适用于本社区全部小区。</p>"
    regulation.body = data
    regulation.save()
    page = RegulationPage.objects.get(pk=regulation.pk)
    assert page.articles[1].anchor == "article-00000002"
    assert page.articles[1].plain_text == "本细则适用于本社区全部小区。"


def test_new_articles_get_ids_and_anchors_when_saved(home_page):
    index = RegulationIndexPageFactory(parent=home_page)
    raw = [chapter("总则", ["甲", "乙"])]
    for item in raw[0]["value"]["articles"]:
        del item["id"]
    page = RegulationPageFactory(parent=index, body=raw)
    page = RegulationPage.objects.get(pk=page.pk)
    anchors = [a.anchor for a in page.articles]
    assert all(a.startswith("article-") and len(a) == len("article-") + 8 for a in anchors)
    assert len(set(anchors)) == 2


def test_colliding_short_anchors_fall_back_to_the_whole_id(db):
    data = [
        chapter(
            "总则",
            [
                article("甲", id="abcdef12-0000-4000-8000-000000000001"),
                article("乙", id="abcdef12-0000-4000-8000-000000000002"),
                article("丙", id="12345678-0000-4000-8000-000000000003"),
            ],
        )
    ]
    anchors = [
        a.anchor
        for c in build_structure(RegulationPage(body=data).body, "zh-hans")
        for a in c.articles
    ]
    assert anchors == [
        "article-abcdef12000040008000000000000001",
        "article-abcdef12000040008000000000000002",
        "article-12345678",
    ]
    # The same ids in the other order give the same anchors: nothing depends on position.
    data[0]["value"]["articles"].reverse()
    reversed_anchors = [
        a.anchor
        for c in build_structure(RegulationPage(body=data).body, "zh-hans")
        for a in c.articles
    ]
    assert sorted(reversed_anchors) == sorted(anchors)


def test_copying_a_regulation_keeps_its_anchors(regulation):
    """A new version made by copying the old one keeps every deep link's anchor."""
    new = regulation.copy(update_attrs={"slug": "rules-2025", "title": "新版细则"})
    assert [a.anchor for a in new.specific.articles] == [a.anchor for a in regulation.articles]
