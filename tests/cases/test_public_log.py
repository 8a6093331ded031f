"""The public outcome log: anonymous, filtered, per case, monthly figures and feeds."""

import datetime

import pytest
from django.utils import timezone

from cases.models import HallSession, SatisfactionSurvey

from . import public_helpers as helpers
from .public_helpers import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=9):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def cases(compound, other_compound, category, noise, admin_user):
    parking = helpers.make_case(
        compound, category, title="车库入口被占", received_at=at(2026, 10, 3)
    )
    helpers.make_report(parking)
    parking.accept(admin_user)
    parking.route_to_firm(admin_user)
    parking.resolve(admin_user, "物业已清理占道车辆并设置禁停标志。")
    noisy = helpers.make_case(
        other_compound, noise, title="夜间装修噪音", received_at=at(2026, 11, 5)
    )
    helpers.make_report(noisy)
    hidden = helpers.make_case(compound, noise, title="不公开的案件", is_public=False)
    helpers.make_report(hidden)
    return {"parking": parking, "noisy": noisy, "hidden": hidden}


def test_the_log_lists_public_cases_without_personal_data(client, cases):
    for prefix in ("", "/en"):
        html = client.get(f"{prefix}/reports/log/").content.decode()
        assert cases["parking"].public_number in html and cases["noisy"].public_number in html
        assert "不公开的案件" not in html and cases["hidden"].public_number not in html
        for personal in (helpers.NAME, helpers.MOBILE, helpers.MOBILE[-4:], helpers.SECRET_WORDS):
            assert personal not in html
        assert "物业已清理占道车辆" in html


@pytest.mark.parametrize(
    ("query", "shown", "not_shown"),
    [
        ("compound=beilu-huafu", "parking", "noisy"),
        ("category=test-noise", "noisy", "parking"),
        ("month=2026-10", "parking", "noisy"),
        ("status=open", "noisy", "parking"),
        ("status=resolved", "parking", "noisy"),
    ],
)
def test_filters(client, cases, query, shown, not_shown):
    html = client.get(f"/reports/log/?{query}").content.decode()
    assert cases[shown].public_number in html
    assert cases[not_shown].public_number not in html


@pytest.mark.parametrize(
    "query",
    [
        "compound=" + "9" * 40,
        "category=%00",
        "month=99999-99",
        "month=2026-13",
        "status=😀",
        "page=" + "9" * 40,
        "page=-1",
        "compound=beilu-huafu&compound=miaopu",
    ],
)
def test_odd_filter_values_are_ignored_never_an_error(client, cases, query):
    response = client.get(f"/reports/log/?{query}")
    assert response.status_code == 200


def test_one_page_per_public_case(client, cases):
    parking = cases["parking"]
    response = client.get(f"/reports/log/{parking.public_number}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "物业已清理占道车辆" in html and helpers.NAME not in html
    assert parking.get_absolute_url() == f"/reports/log/{parking.public_number}/"
    assert client.get(f"/reports/log/{cases['hidden'].public_number}/").status_code == 404
    assert client.get("/reports/log/1999-0001/").status_code == 404


def test_a_merged_case_is_not_listed_on_its_own(client, cases, compound, category, admin_user):
    duplicate = helpers.make_case(compound, category, title="重复的")
    duplicate.merge_into(cases["noisy"], admin_user)
    assert client.get(f"/reports/log/{duplicate.public_number}/").status_code == 404
    assert duplicate.public_number not in client.get("/reports/log/").content.decode()


def test_monthly_figures_are_counted_from_the_records(client, cases, compound):
    parking = cases["parking"]
    HallSession.objects.create(
        case=parking,
        hall="北路华府邻里厅",
        held_on=datetime.date(2026, 10, 9),
        agreement_reached="yes",
    )
    report = parking.reports.get()
    survey = SatisfactionSurvey.objects.create(case=parking, report=report)
    survey.record_answer(True, 4, "")
    month = timezone.localtime(parking.resolved_at).strftime("%Y-%m")
    response = client.get(f"/reports/log/figures/?month={month}")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.resolved >= 1
    assert (figures.surveys_answered, figures.surveys_fixed, figures.average_score) == (1, 1, 4.0)
    october = client.get("/reports/log/figures/?month=2026-10").context["figures"]
    assert october.received == 1
    assert october.hall_sessions == 1
    assert [row.name for row in october.by_compound] == [compound.name]


def test_figures_with_a_bad_month_fall_back(client, cases):
    for month in ("", "abcd-ef", "0000-00", "9" * 40):
        assert client.get(f"/reports/log/figures/?month={month}").status_code == 200


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_per_compound(client, cases, kind):
    response = client.get(f"/reports/log/beilu-huafu/{kind}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert cases["parking"].public_number in body
    assert cases["noisy"].public_number not in body
    assert "不公开的案件" not in body and helpers.NAME not in body
    assert client.get(f"/reports/log/no-such-compound/{kind}/").status_code == 404
