"""The public pages: both languages, sign-up and join forms, filters, query budgets."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from home.demo_tools import ensure_translation
from home.models import HomePage
from services.home_panels import upcoming_events
from services.models import (
    VolunteerApplication,
    VolunteerEventIndexPage,
    VolunteerEventPage,
    VolunteerSignup,
    VolunteerTeamPage,
)
from services.volunteering.models import EventType
from tests.factories.home import CompoundFactory
from tests.factories.volunteering import (
    VolunteerEventPageFactory,
    VolunteerEventReportFactory,
    VolunteerSignupFactory,
)

pytestmark = pytest.mark.django_db

INDEX_QUERY_BUDGET = 25
EVENT_QUERY_BUDGET = 25
TEAM_QUERY_BUDGET = 25


def english(page, **fields):
    return ensure_translation(page, Locale.objects.get(language_code="en"), **fields)


# -- page tree -------------------------------------------------------------------------------


def test_page_tree_rules():
    assert VolunteerTeamPage.parent_page_types == ["home.HomePage"]
    assert VolunteerEventIndexPage.parent_page_types == ["services.VolunteerTeamPage"]
    assert VolunteerEventPage.parent_page_types == ["services.VolunteerEventIndexPage"]
    assert VolunteerEventPage.subpage_types == []
    assert VolunteerTeamPage.can_create_at(HomePage())
    assert not VolunteerEventPage.can_create_at(HomePage())


def test_event_must_end_after_it_starts(event):
    from django.core.exceptions import ValidationError

    event.ends_at = event.starts_at - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError):
        event.full_clean()


# -- both locales ------------------------------------------------------------------------------


def test_pages_render_in_both_languages(client, team_page, event_index, event, past_event):
    VolunteerEventReportFactory(event=past_event, summary="测量血压120人次。")
    en_team = english(team_page, title="Compound Steward Volunteer Team")
    en_index = english(event_index, title="Volunteer events")
    en_event = english(event, title="Health check-up for the elderly")
    en_past = english(past_event, title="Past check-up")
    for url in (team_page.url, event_index.url, event.url, past_event.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="zh-Hans"' in response.content.decode()
    for page in (en_team, en_index, en_event, en_past):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert page.url.startswith("/en/")
        assert '<html lang="en"' in html and page.title in html
    # The English page of a past event shows the report kept on the Chinese one.
    assert "测量血压120人次" in client.get(en_past.url).content.decode()
    # Sign-ups on the English page take places of the one shared event.
    client.post(en_event.url, {"name": "Tom", "mobile": "13800000009", "consent": "on"})
    assert VolunteerSignup.objects.get().event_id == event.pk


def test_home_page_lists_upcoming_events_of_its_locale(
    client, home_page, event_index, event, past_event
):
    en_event = english(event, title="Health check-up for the elderly")
    english(event_index.get_parent(), title="Team")
    english(event_index, title="Events")
    zh_html = client.get("/").content.decode()
    assert event.title in zh_html and past_event.title not in zh_html
    assert [e.pk for e in upcoming_events(home_page)] == [event.pk]
    en_home = home_page.get_translation(Locale.objects.get(language_code="en"))
    assert [e.pk for e in upcoming_events(en_home.specific)] == [en_event.pk]


# -- sign-up form -----------------------------------------------------------------------------


def test_sign_up_through_the_page_and_cancel_through_the_link(client, event):
    response = client.post(event.url, {"name": "张三", "mobile": "138 0000 0001", "consent": "on"})
    signup = VolunteerSignup.objects.get()
    assert signup.mobile == "13800000001"
    assert (
        response.status_code == 302
        and response["Location"] == f"/volunteering/signups/{signup.token}/"
    )
    status_page = client.get(response["Location"])
    assert status_page.status_code == 200
    assert status_page["X-Robots-Tag"].startswith("noindex")
    assert "13800000001" not in status_page.content.decode()
    client.post(response["Location"])
    signup.refresh_from_db()
    assert signup.status == VolunteerSignup.Status.CANCELLED


def test_wrong_token_is_404(client, event):
    VolunteerSignupFactory(event=event)
    assert client.get("/volunteering/signups/not-a-token/").status_code == 404
    assert client.post("/volunteering/signups/not-a-token/").status_code == 404


def test_sign_up_errors_stay_next_to_fields_and_keep_input(client, event):
    response = client.post(event.url, {"name": "张三", "mobile": "12345", "email": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    # Django's error id, which the aria-describedby it puts on the input points at.
    assert 'id="id_mobile_error"' in html
    mobile_input = html[html.index('name="mobile"') :].split(">", 1)[0]
    assert "id_mobile_error" in mobile_input.split('aria-describedby="', 1)[1].split('"', 1)[0]
    assert 'value="张三"' in html
    assert 'value="12345"' in html
    assert VolunteerSignup.objects.count() == 0


def test_full_event_offers_the_waiting_list(client, event):
    event.sign_up("甲", "13800000001")
    event.sign_up("乙", "13800000002")
    html = client.get(event.url).content.decode()
    assert 'name="mobile"' in html
    client.post(event.url, {"name": "丙", "mobile": "13800000003", "consent": "on"})
    assert VolunteerSignup.objects.get(name="丙").status == VolunteerSignup.Status.WAITLISTED


def test_honeypot_turns_bots_away(client, event):
    response = client.post(
        event.url,
        {"name": "bot", "mobile": "13800000001", "consent": "on", "website": "http://spam"},
    )
    assert response.status_code == 200
    assert VolunteerSignup.objects.count() == 0


def test_sign_up_is_rate_limited(client, event_index):
    big = VolunteerEventPageFactory(parent=event_index, capacity=100)
    for i in range(10):
        client.post(big.url, {"name": f"人{i}", "mobile": f"1380000{i:04d}", "consent": "on"})
    assert VolunteerSignup.objects.count() == 10
    response = client.post(big.url, {"name": "又一人", "mobile": "13899999999", "consent": "on"})
    assert response.status_code == 200
    assert VolunteerSignup.objects.count() == 10
    assert 'value="又一人"' in response.content.decode()


def test_past_event_has_no_sign_up_form_and_refuses_posts(client, past_event):
    assert 'name="mobile"' not in client.get(past_event.url).content.decode()
    response = client.post(
        past_event.url, {"name": "张三", "mobile": "13800000001", "consent": "on"}
    )
    assert response.status_code == 200
    assert VolunteerSignup.objects.count() == 0


# -- join form ----------------------------------------------------------------------------------


def test_join_form_creates_a_pending_application(client, team_page):
    compound = CompoundFactory(name="苗圃小区")
    response = client.post(
        team_page.url,
        {
            "name": "王芳",
            "mobile": "13912345678",
            "category": "retiree",
            "compound": compound.pk,
            "skills": "护理",
            "availability": "周末上午",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("join/thanks/")
    application = VolunteerApplication.objects.get()
    assert application.status == VolunteerApplication.Status.PENDING
    assert application.compound == compound
    assert client.get(response["Location"]).status_code == 200


def test_join_form_without_consent_or_with_bad_mobile_keeps_input(client, team_page):
    response = client.post(
        team_page.url, {"name": "王芳", "mobile": "1391234567", "category": "nonsense"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("mobile", "category", "consent"):
        assert f'id="id_{field}_error"' in html  # Django's id: aria-describedby points at it
    assert 'value="王芳"' in html
    assert VolunteerApplication.objects.count() == 0


def test_join_form_is_rate_limited(client, team_page):
    data = {"name": "王芳", "mobile": "13912345678", "category": "student", "consent": "on"}
    for _ in range(5):
        client.post(team_page.url, data)
    response = client.post(team_page.url, data)
    assert response.status_code == 200
    assert VolunteerApplication.objects.count() == 5


# -- index filters -----------------------------------------------------------------------------


def test_index_lists_upcoming_first_and_past_by_month(client, event_index, event, past_event):
    html = client.get(event_index.url).content.decode()
    assert html.index(event.title) < html.index(past_event.title)
    start = timezone.localtime(past_event.starts_at)
    assert f'<h3><time datetime="{start:%Y-%m}">{start.year}年{start.month}月</time></h3>' in html


def test_index_filters_by_type_and_compound(client, event_index):
    miaopu = CompoundFactory(name="苗圃小区", slug="miaopu")
    other = CompoundFactory(name="金桂大厦", slug="jingui-dasha")
    safety = VolunteerEventPageFactory(
        parent=event_index,
        title="消防安全检查",
        event_type=EventType.SAFETY_INSPECTION,
        compound=miaopu,
    )
    health = VolunteerEventPageFactory(
        parent=event_index, title="义诊", event_type=EventType.HEALTH_CHECK, compound=other
    )
    html = client.get(event_index.url, {"type": "safety"}).content.decode()
    assert safety.title in html and health.title not in html
    html = client.get(event_index.url, {"compound": "jingui-dasha"}).content.decode()
    assert health.title in html and safety.title not in html


@pytest.mark.parametrize(
    "params",
    [
        {"type": "bogus"},
        {"compound": "nowhere"},
        {"page": "abc"},
        {"page": "99999"},
        {"type": ["a", "b"]},
    ],
)
def test_bad_index_params_are_a_200_with_a_message(client, event_index, event, params):
    response = client.get(event_index.url, params)
    assert response.status_code == 200
    html = response.content.decode()
    if "page" not in params:
        assert "form-problems" in html
    assert event.title in html


# -- query budgets -----------------------------------------------------------------------------


def make_events(index, count):
    compounds = [CompoundFactory() for _ in range(3)]
    now = timezone.now()
    for i in range(count):
        start = now + datetime.timedelta(days=i - count // 2, hours=1)
        VolunteerEventPageFactory(
            parent=index,
            compound=compounds[i % 3],
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )


def count_queries(client, url):
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_index_query_count_does_not_grow_with_events(client, event_index):
    make_events(event_index, 4)
    few = count_queries(client, event_index.url)
    make_events(event_index, 30)
    many = count_queries(client, event_index.url)
    assert many == few
    assert many <= INDEX_QUERY_BUDGET


def add_photos(report, count):
    from wagtail_factories import ImageFactory

    from services.models import VolunteerReportPhoto

    for i in range(count):
        VolunteerReportPhoto.objects.create(report=report, image=ImageFactory(), caption=f"照片{i}")


def test_event_page_query_count_does_not_grow(client, past_event):
    report = VolunteerEventReportFactory(event=past_event)
    add_photos(report, 1)
    VolunteerSignupFactory(event=past_event, attended=True)
    few = count_queries(client, past_event.url)
    add_photos(report, 6)
    for _ in range(15):
        VolunteerSignupFactory(event=past_event, attended=True)
    many = count_queries(client, past_event.url)
    assert many == few <= EVENT_QUERY_BUDGET
    assert report.attendance() == 16


def test_upcoming_event_page_query_budget(client, event):
    for _ in range(2):
        VolunteerSignupFactory(event=event)
    assert count_queries(client, event.url) <= EVENT_QUERY_BUDGET


def test_team_page_query_count_does_not_grow(client, team_page, event_index):
    make_events(event_index, 3)
    few = count_queries(client, team_page.url)
    make_events(event_index, 20)
    many = count_queries(client, team_page.url)
    assert many == few <= TEAM_QUERY_BUDGET


def test_home_page_query_count_does_not_grow_with_events(client, home_page, event_index):
    make_events(event_index, 3)
    few = count_queries(client, "/")
    make_events(event_index, 20)
    assert count_queries(client, "/") == few
