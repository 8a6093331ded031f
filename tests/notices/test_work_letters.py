"""Monthly work reminder letters: one per month per locale, grouped by area and year."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from notices.models import WorkLetterPage
from tests.factories.notices import WorkLetterItemFactory, WorkLetterPageFactory

from .helpers import english, translate

pytestmark = pytest.mark.django_db


def test_month_is_normalised_to_the_first_day(letter_index):
    letter = WorkLetterPageFactory(parent=letter_index, month=datetime.date(2026, 5, 17))
    letter.refresh_from_db()
    assert letter.month == datetime.date(2026, 5, 1)


def test_a_second_letter_for_the_same_month_is_refused_with_a_clear_error(letter_index):
    WorkLetterPageFactory(
        parent=letter_index, title="2026年5月提示函", month=datetime.date(2026, 5, 1)
    )
    duplicate = WorkLetterPage(title="又一份", slug="again", month=datetime.date(2026, 5, 20))
    with pytest.raises(ValidationError) as excinfo:
        letter_index.add_child(instance=duplicate)
    with translation.override("zh-hans"):
        messages = excinfo.value.message_dict["month"]
    assert messages == ["2026-05已有提示函《2026年5月提示函》。请修改那一份，或选择其他月份。"]


def test_duplicate_month_in_the_admin_form_shows_the_error_next_to_month(
    admin_client, letter_index
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    WorkLetterPageFactory(parent=letter_index, title="五月提示函", month=datetime.date(2026, 5, 1))
    data = nested_form_data(
        {
            "title": "重复的五月提示函",
            "slug": "may-again",
            "month": "2026-05-09",
            "addressed_to": "辖区各物业服务企业",
            "issued_by": "回风亭社区环境和物业管理委员会",
            "intro": rich_text(""),
            "closing": rich_text(""),
            "items": inline_formset(
                [{"area": "sanitation", "requirement": "清扫", "due_date": ""}]
            ),
            "comments": inline_formset([]),
        }
    )
    response = admin_client.post(
        f"/admin/pages/add/notices/workletterpage/{letter_index.pk}/", data
    )
    assert response.status_code == 200
    assert "已有提示函《五月提示函》" in response.content.decode()
    assert WorkLetterPage.objects.count() == 1


def test_same_month_in_another_locale_is_allowed(letter_index):
    letter = WorkLetterPageFactory(parent=letter_index, month=datetime.date(2026, 5, 1))
    translated = translate(letter, title="Work letter, May 2026")
    assert translated.month == letter.month


def test_editing_a_letter_keeps_its_own_month(letter_index):
    letter = WorkLetterPageFactory(parent=letter_index, month=datetime.date(2026, 5, 1))
    letter.title = "改过的标题"
    letter.full_clean()
    letter.save()


def test_items_are_grouped_by_area_in_declared_order(client, letter_index):
    letter = WorkLetterPageFactory(parent=letter_index)
    WorkLetterItemFactory(page=letter, area="safety", requirement="检查消防通道")
    WorkLetterItemFactory(page=letter, area="sanitation", requirement="清理楼道杂物")
    WorkLetterItemFactory(page=letter, area="beautification", requirement="补种绿篱")
    WorkLetterItemFactory(page=letter, area="safety", requirement="排查电动车违规充电")
    groups = letter.items_by_area()
    assert [(area, [i.requirement for i in items]) for area, items in groups] == [
        ("环境卫生", ["清理楼道杂物"]),
        ("安全", ["检查消防通道", "排查电动车违规充电"]),
        ("绿化美化", ["补种绿篱"]),
    ]
    html = client.get(letter.url).content.decode()
    assert html.index("环境卫生") < html.index("安全") < html.index("绿化美化")
    assert "排查电动车违规充电" in html


def test_index_groups_letters_by_year_newest_first(client, letter_index):
    for month in [(2025, 11), (2026, 1), (2026, 2), (2025, 12)]:
        WorkLetterPageFactory(
            parent=letter_index, title=f"{month[0]}年{month[1]}月", month=datetime.date(*month, 1)
        )
    response = client.get(letter_index.url)
    years = [
        (year, [letter.title for letter in letters]) for year, letters in response.context["years"]
    ]
    assert years == [(2026, ["2026年2月", "2026年1月"]), (2025, ["2025年12月", "2025年11月"])]
    html = response.content.decode()
    assert '<h2 id="year-2026">2026年</h2>' in html


def test_home_page_links_this_months_letter_or_the_latest(client, home_page, letter_index):
    WorkLetterPageFactory(parent=letter_index, title="十月提示函", month=datetime.date(2026, 10, 1))
    november = WorkLetterPageFactory(
        parent=letter_index, title="十一月提示函", month=datetime.date(2026, 11, 1)
    )
    WorkLetterPageFactory(parent=letter_index, title="下月提示函", month=datetime.date(2026, 12, 1))
    with time_machine.travel(datetime.datetime(2026, 11, 25, 10, 0), tick=False):
        html = client.get("/").content.decode()
        assert f'<a href="{november.url}">十一月提示函</a>' in html
    november.unpublish()
    with time_machine.travel(datetime.datetime(2026, 11, 25, 10, 0), tick=False):
        assert "十月提示函" in client.get("/").content.decode()
    with time_machine.travel(datetime.datetime(2020, 1, 5, 10, 0), tick=False):
        # Before any letter's month: the latest one is still linked.
        assert "下月提示函" in client.get("/").content.decode()


def test_english_home_page_links_the_english_letter(client, home_page, letter_index):
    letter = WorkLetterPageFactory(
        parent=letter_index, title="十一月提示函", month=datetime.date(2026, 11, 1)
    )
    translate(letter, title="Work letter, November 2026", slug=letter.slug)
    en_home = home_page.get_translation(english())
    assert WorkLetterPage.current_for(en_home).title == "Work letter, November 2026"
    assert "Work letter, November 2026" in client.get("/en/").content.decode()
