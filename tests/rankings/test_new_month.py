"""Creating a ranking month: one admin action, title and slug from the month, Chinese messages."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from home.roles import EDITORS
from rankings.models import RankingMonthPage
from tests.factories.home import city_level
from tests.factories.rankings import RankingMonthPageFactory


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("editor", "e@example.cn", "pw")
    city_level(user).groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_month_list_offers_the_new_month_form(editor_client, index_page):
    html = editor_client.get(reverse("rankings_months")).content.decode()
    assert f'action="{reverse("rankings_new_month")}"' in html
    assert "新建该月考核" in html


def test_one_action_creates_the_draft_month_titled_from_its_month(
    editor_client, index_page, criteria
):
    response = editor_client.post(reverse("rankings_new_month"), {"month": "2026年12月"})
    month = RankingMonthPage.objects.get(month=datetime.date(2026, 12, 1))
    assert response.status_code == 302
    assert response["Location"] == reverse("rankings_scores", args=[month.pk])
    assert month.title == "2026年12月物业服务履约考核排名"
    assert month.slug == "2026-12"
    assert not month.live
    assert month.get_parent().pk == index_page.pk
    assert month.criteria.count() == len(criteria)
    grid = editor_client.get(response["Location"])
    assert messages_of(grid) == [
        "已新建草稿“2026年12月物业服务履约考核排名”。请在此录入或导入得分，核对无误后再发布页面。"
    ]


def test_a_month_that_exists_is_not_created_twice(editor_client, index_page, criteria):
    existing = RankingMonthPageFactory(
        parent=index_page, month=datetime.date(2026, 11, 1), live=False
    )
    response = editor_client.post(reverse("rankings_new_month"), {"month": "2026-11"}, follow=True)
    assert RankingMonthPage.objects.filter(month=datetime.date(2026, 11, 1)).count() == 1
    assert response.redirect_chain[-1][0] == reverse("rankings_scores", args=[existing.pk])
    assert messages_of(response)[0].startswith("2026-11已有考核排名页面")


def test_a_month_that_cannot_be_read_creates_nothing(editor_client, index_page):
    response = editor_client.post(reverse("rankings_new_month"), {"month": "下下月"}, follow=True)
    assert not RankingMonthPage.objects.exists()
    assert messages_of(response) == ["请填写月份，例如 2026年11月 或 2026-11。"]


def test_users_without_score_rights_cannot_create_a_month(client, django_user_model, index_page):
    user = django_user_model.objects.create_user("nobody", "n@example.cn", "pw")
    client.force_login(user)
    response = client.post(reverse("rankings_new_month"), {"month": "2026-12"})
    assert response.status_code in (302, 403)
    assert not RankingMonthPage.objects.exists()


def test_a_title_naming_another_month_is_refused(index_page):
    page = RankingMonthPage(title="2026年10月考核排名", month=datetime.date(2026, 11, 1))
    with pytest.raises(ValidationError) as raised:
        index_page.add_child(instance=page)
    assert "title" in raised.value.message_dict


def test_a_month_added_in_the_page_editor_is_served_at_its_year_and_month(
    editor_client, index_page, criteria, client
):
    # The admin copies the Chinese title into the slug as the editor types.
    response = editor_client.post(
        reverse("wagtailadmin_pages:add", args=["rankings", "rankingmonthpage", index_page.pk]),
        {
            "title": "2026年12月考核排名",
            "slug": "2026年12月考核排名",
            "month": "2026-12-15",
            "intro": json.dumps({"blocks": [], "entityMap": {}}),
            "red_black_entries-TOTAL_FORMS": "0",
            "red_black_entries-INITIAL_FORMS": "0",
            "red_black_entries-MIN_NUM_FORMS": "0",
            "red_black_entries-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    month = RankingMonthPage.objects.get(month=datetime.date(2026, 12, 1))
    assert month.slug == "2026-12"
    month.save_revision().publish()
    assert client.get("/rankings/2026-12/").status_code == 200
