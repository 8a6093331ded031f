import datetime
import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from home.roles import EDITORS
from rankings.models import Score, ScoreCorrection
from tests.factories.home import city_level
from tests.factories.rankings import RankingMonthPageFactory, month_with_scores


@pytest.fixture
def draft(index_page, criteria, firms):
    return RankingMonthPageFactory(parent=index_page, month=datetime.date(2026, 11, 1), live=False)


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("editor", "e@example.cn", "pw")
    city_level(user).groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def grid_data(month, firms, values):
    criteria = list(month.criteria.all())
    data = {}
    for firm, row in zip(firms, values, strict=False):
        for criterion, value in zip(criteria, row, strict=True):
            data[f"score-{firm.pk}-{criterion.pk}"] = value
        data[f"remarks-{firm.pk}"] = "ok"
    return data


def test_editor_enters_a_month_on_one_screen(editor_client, draft, firms):
    url = reverse("rankings_scores", args=[draft.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('type="number"') == len(firms) * 3  # every firm × criterion
    response = editor_client.post(
        url, grid_data(draft, firms, [["30", "20", "35.5"], ["1", "2", "3"]])
    )
    assert response.status_code == 302
    assert Score.objects.filter(assessment__month=draft).count() == 6
    assert draft.assessments.get(firm=firms[0]).total == Decimal("85.5")


def test_errors_stay_next_to_cells_and_nothing_is_lost(editor_client, draft, firms):
    url = reverse("rankings_scores", args=[draft.pk])
    editor_client.get(url)  # freezes the criteria
    data = grid_data(draft, firms, [["31", "20", "x"], ["1", "", "3"], ["5", "5", "5"]])
    response = editor_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["form"]
    c = list(draft.criteria.all())
    assert form.has_error(f"score-{firms[0].pk}-{c[0].pk}")
    assert form.has_error(f"score-{firms[0].pk}-{c[2].pk}")
    assert form.has_error(f"score-{firms[1].pk}-{c[1].pk}")  # missing in a started row
    assert not form.has_error(f"score-{firms[2].pk}-{c[0].pk}")
    assert f'aria-describedby="id_score-{firms[0].pk}-{c[0].pk}-error"' in html
    assert 'value="31"' in html and 'value="5"' in html  # typed values come back
    assert not Score.objects.filter(assessment__month=draft).exists()


def test_published_month_grid_is_read_only_and_offers_corrections(
    editor_client, index_page, criteria, firms
):
    month = month_with_scores(index_page, datetime.date(2026, 9, 1), {firms[0]: [1, 1, 1]})
    url = reverse("rankings_scores", args=[month.pk])
    html = editor_client.get(url).content.decode()
    assert "disabled" in html and 'name="reason"' in html
    response = editor_client.post(url, grid_data(month, firms, [["9", "9", "9"]]))
    assert response.status_code == 302
    assert set(Score.objects.filter(assessment__month=month).values_list("value", flat=True)) == {
        Decimal(1)
    }
    score = Score.objects.filter(assessment__month=month).first()
    response = editor_client.post(
        reverse("rankings_correct", args=[month.pk]),
        {"score": score.pk, "new_value": "2", "reason": "补充材料后复核"},
    )
    assert response.status_code == 302
    assert ScoreCorrection.objects.get().reason == "补充材料后复核"
    # A correction without a reason is refused with the error next to the field.
    response = editor_client.post(
        reverse("rankings_correct", args=[month.pk]),
        {"score": score.pk, "new_value": "3", "reason": ""},
    )
    assert response.status_code == 200
    assert response.context["correction_form"].has_error("reason")


def test_anonymous_and_unprivileged_users_are_kept_out(client, django_user_model, draft):
    url = reverse("rankings_scores", args=[draft.pk])
    assert client.get(url).status_code == 302  # to the login page
    user = django_user_model.objects.create_user("nobody", "n@example.cn", "pw")
    user.user_permissions.add(*Permission.objects.filter(codename="access_admin"))
    client.force_login(user)
    assert client.get(url).status_code in (302, 403)
    assert client.get(reverse("rankings_months")).status_code in (302, 403)


def test_month_list(editor_client, draft):
    response = editor_client.get(reverse("rankings_months"))
    assert response.status_code == 200
    assert reverse("rankings_scores", args=[draft.pk]) in response.content.decode()


def test_month_page_editor_links_to_the_score_grid(editor_client, draft):
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert response.status_code == 200
    assert reverse("rankings_scores", args=[draft.pk]) in response.content.decode()


def test_admin_menu_and_snippets_render(editor_client, criteria):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("rankings_months") in html
    assert editor_client.get(reverse("wagtailsnippets_rankings_criterion:list")).status_code == 200
    assert (
        editor_client.get(reverse("wagtailsnippets_rankings_serviceperiod:add")).status_code == 200
    )


def test_month_created_in_the_admin_freezes_the_criteria_at_once(
    editor_client, index_page, criteria
):
    from rankings.models import RankingMonthPage

    response = editor_client.post(
        reverse("wagtailadmin_pages:add", args=["rankings", "rankingmonthpage", index_page.pk]),
        {
            "title": "2026年12月考核排名",
            "slug": "2026-12",
            "month": "2026-12-15",
            "intro": json.dumps({"blocks": [], "entityMap": {}}),
            "red_black_entries-TOTAL_FORMS": "0",
            "red_black_entries-INITIAL_FORMS": "0",
            "red_black_entries-MIN_NUM_FORMS": "0",
            "red_black_entries-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    month = RankingMonthPage.objects.get(slug="2026-12")
    assert month.month == datetime.date(2026, 12, 1)
    assert list(month.criteria.values_list("name", flat=True)) == [c.name for c in criteria]
    criteria[0].delete()
    assert month.criteria.count() == 3
