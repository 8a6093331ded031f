"""Staff and firms handle residents' reports through the real Wagtail admin, in Chromium.

Community staff (诉求处理) sign in, accept (快受) four reports with a due date and route one
each way: a work order to the compound's firm, a 邻里厅 协商 session, a mediation, the joint
meeting's agenda. A firm contact (物业公司联系人) answers its work order and gets a 404 for
another firm's. The outcome staff write reaches the public log and the compound page; the
joint-meeting route reaches the meeting page and the follow-up tracker.

Every test starts from the same data set (`handling`); the live server's database is emptied
after each test, so each builds it again (it takes well under a second).
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale

from cases.roles import CASE_STAFF, FIRM_CONTACTS
from home.demo_tools import ensure_snippet_translation, ensure_translation
from tests.factories.cases import CaseFactory, ReportFactory
from tests.factories.home import CompoundFactory, PropertyFirmFactory
from tests.factories.notices import (
    CompoundIndexPageFactory,
    JointMeetingIndexPageFactory,
    JointMeetingPageFactory,
)

PASSWORD = "pw-Hemei-2026"
ROUTES = ("firm", "hall", "mediation", "meeting")


def member(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(username, f"{username}@example.cn", PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def handling(home_page, django_user_model):
    """A community with two compounds served by two firms, its pages, staff, a firm contact,
    and four new reports from 北路华府 (one per route)."""
    from cases.models import CaseTeamMember, FirmContact

    firm = PropertyFirmFactory(name="江南社区物业管理有限公司", slug="jiangnan")
    community = firm.community
    compound = CompoundFactory(
        name="北路华府", slug="beilu-huafu", community=community, property_firm=firm
    )
    other_firm = PropertyFirmFactory(
        name="宏荣物业服务有限公司", slug="hongrong", community=community
    )
    other_compound = CompoundFactory(
        name="宏荣名著", slug="hongrong-mingzhu", community=community, property_firm=other_firm
    )
    home_page.community = community
    home_page.save()
    compounds = CompoundIndexPageFactory(parent=home_page)
    en = Locale.objects.get(language_code="en")
    ensure_translation(compounds, en, title="Compounds")
    ensure_snippet_translation(compound, en, name="Beilu Huafu")
    meetings = JointMeetingIndexPageFactory(parent=home_page)
    meeting = JointMeetingPageFactory(
        parent=meetings,
        title="十二月联席会议",
        slug="meeting-december",
        meeting_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    staff = member(django_user_model, "zhao", CASE_STAFF)
    CaseTeamMember.objects.create(user=staff, community=community)
    contact = member(django_user_model, "jiangnan", FIRM_CONTACTS)
    FirmContact.objects.create(user=contact, firm=firm)
    titles = {
        "firm": "5栋电梯停运三天",
        "hall": "广场舞音响扰民",
        "mediation": "楼上漏水殃及楼下",
        "meeting": "桂花街沿线停车难",
    }
    cases = {
        route: ReportFactory(case=CaseFactory(compound=compound, title=title)).case
        for route, title in titles.items()
    }
    return {
        "compound": compound,
        "other_compound": other_compound,
        "compounds_page": compounds,
        "meetings_page": meetings,
        "meeting": meeting,
        "staff": staff,
        "contact": contact,
        "cases": cases,
    }


@pytest.fixture
def admin_page(browser, live_server):
    """A desktop page for the admin; console errors are Wagtail's business, not checked."""
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    yield context.new_page()
    context.close()


def sign_in(page, username):
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")


def take_step(page, action, fields=None):
    """Open the step's <details>, fill its fields (by name) and submit it."""
    step = page.locator("details", has=page.locator(f"button[name=action][value='{action}']"))
    step.locator("summary").click()
    for name, value in (fields or {}).items():
        field = step.locator(f"[name='{action}-{name}']")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    with page.expect_navigation():
        step.locator(f"button[name=action][value='{action}']").click()
    assert page.locator(".error-message").count() == 0, page.locator(
        ".error-message"
    ).all_inner_texts()


def history_rows(page):
    return page.locator("table.listing tbody tr")


def route_step(route, due, held_on):
    """The admin form that routes a case `route`, and the fields staff fill in."""
    return {
        "firm": ("route-firm", {"due_date": due.isoformat(), "note": "请三日内修复"}),
        "hall": (
            "route-hall",
            {
                "hall": "北路华府邻里厅",
                "held_on": held_on.isoformat(),
                "parties": "5栋住户、广场舞队",
            },
        ),
        "mediation": (
            "route-mediation",
            {"mediator_role": "社区人民调解员", "parties": "1201住户、1101住户"},
        ),
        "meeting": ("route-meeting", {"agenda_text": "桂花街沿线停车难"}),
    }[route]


# What each route's own record shows on the case page.
SHOWN_RECORD = {
    "firm": "江南社区物业管理有限公司",
    "hall": "5栋住户、广场舞队",
    "mediation": "社区人民调解员",
    "meeting": "十二月联席会议",
}


@pytest.mark.parametrize("route", ROUTES)
def test_staff_accept_and_route_each_of_the_four_ways(admin_page, handling, route):
    from cases.models import Case, CaseEvent, CaseStatus, Route

    page = admin_page
    case = handling["cases"][route]
    today = timezone.localdate()
    due = today + datetime.timedelta(days=5)
    held_on = today + datetime.timedelta(days=2)
    sign_in(page, "zhao")

    # The list is the staff's way in.
    page.goto("/admin/cases/")
    page.get_by_role("link", name=case.public_number, exact=True).click()
    page.wait_for_url(f"**/admin/cases/{case.pk}/")
    take_step(page, "accept", {"due_date": due.isoformat(), "note": "快受"})
    case.refresh_from_db()
    assert (case.status, case.due_date) == (CaseStatus.ACCEPTED, due)
    assert case.accepted_within_target

    action, fields = route_step(route, due, held_on)
    take_step(page, action, fields)
    case.refresh_from_db()
    assert (case.status, case.route) == (CaseStatus.IN_HAND, Route(route))
    assert SHOWN_RECORD[route] in page.locator("main").inner_text()
    # The history: one row per recorded step, by whom, the last naming who holds it now.
    events = list(case.events.all())
    assert [e.kind for e in events] == [CaseEvent.Kind.STATUS, CaseEvent.Kind.ROUTE]
    assert all(e.user == handling["staff"] for e in events)
    rows = history_rows(page)
    assert rows.count() == 2
    assert case.holder_label in rows.last.inner_text() and "zhao" in rows.last.inner_text()

    # Each route is a record of its own, taken further through the same page.
    if route == "firm":
        order = case.work_orders.get()
        assert (order.firm.slug, order.due_date) == ("jiangnan", due)
        # Past its due date the case is flagged, and the overdue filter lists it alone.
        Case.objects.filter(pk=case.pk).update(due_date=today - datetime.timedelta(days=2))
        page.goto("/admin/cases/?overdue=on")
        listed = page.locator("main table tbody a[href^='/admin/cases/']").all_inner_texts()
        assert listed == [case.public_number]
    elif route == "hall":
        session = case.hall_sessions.get()
        assert (session.hall, session.held_on, session.parties) == (
            "北路华府邻里厅",
            held_on,
            "5栋住户、广场舞队",
        )
        take_step(
            page,
            "hall-outcome",
            {
                "held_on": today.isoformat(),
                "agreement_reached": "yes",
                "summary": "约定晚八点后降低音量",
            },
        )
        session.refresh_from_db()
        assert (session.held_on, session.agreement_reached) == (today, "yes")
        assert "约定晚八点后降低音量" in page.locator("main").inner_text()
        assert history_rows(page).count() == 3
    elif route == "mediation":
        assert case.mediation.mediator_role == "社区人民调解员"
        take_step(page, "mediation-session", {"held_on": today.isoformat(), "note": "双方到场"})
        assert list(case.mediation.sessions.values_list("held_on", "note")) == [(today, "双方到场")]
        assert history_rows(page).count() == 3
    else:
        referral = case.meeting_referral
        assert referral.meeting.pk == handling["meeting"].pk
        draft = referral.meeting.get_latest_revision_as_object()
        assert [block.value["title"] for block in draft.agenda] == ["桂花街沿线停车难"]
        # The meeting's draft is one click away for the editors.
        assert page.locator(f"main a[href='/admin/pages/{referral.meeting_id}/edit/']").count() == 1


def test_a_firm_contact_answers_its_work_order_and_cannot_open_another_firms(
    admin_page, handling, browser, live_server
):
    from cases.models import CaseEvent

    staff = handling["staff"]
    ours = handling["cases"]["firm"]
    ours.accept(staff)
    ours.route_to_firm(staff)
    theirs = ReportFactory(
        case=CaseFactory(compound=handling["other_compound"], title="车库积水")
    ).case
    theirs.accept(staff)
    theirs.route_to_firm(staff)
    our_order, their_order = ours.work_orders.get(), theirs.work_orders.get()

    page = admin_page
    sign_in(page, "jiangnan")
    # The menu leads a firm contact to the work orders, and only to their firm's.
    page.locator("a[href='/admin/cases/work-orders/']").first.click()
    page.wait_for_url("**/admin/cases/work-orders/")
    listing = page.locator("main").inner_text()
    assert ours.public_number in listing and theirs.public_number not in listing
    page.get_by_role("link", name=ours.public_number).click()
    page.wait_for_url(f"**/admin/cases/work-orders/{our_order.pk}/")
    text = page.locator("main").inner_text()
    assert ours.title in text
    report = ours.reports.get()
    assert report.reporter_name not in text and report.reporter_mobile not in text
    page.locator("textarea[name=answer]").fill("已派维保人员更换5栋电梯控制板，今日恢复运行。")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/admin/cases/work-orders/")
    our_order.refresh_from_db()
    assert our_order.answered_by == handling["contact"] and "控制板" in our_order.answer
    answer = ours.events.get(kind=CaseEvent.Kind.FIRM_ANSWER)
    assert (answer.actor, answer.user) == (CaseEvent.Actor.FIRM, handling["contact"])

    # Another firm's work order does not exist for them, and neither do the cases.
    response = page.goto(f"/admin/cases/work-orders/{their_order.pk}/")
    assert response.status == 404
    their_order.refresh_from_db()
    assert their_order.answered_at is None
    page.goto(f"/admin/cases/{ours.pk}/")
    assert not page.url.endswith(f"/admin/cases/{ours.pk}/")  # refused: back to the dashboard

    # Staff read the firm's answer in the case's history.
    staff_context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    staff_page = staff_context.new_page()
    sign_in(staff_page, "zhao")
    staff_page.goto(f"/admin/cases/{ours.pk}/")
    assert "控制板" in history_rows(staff_page).last.inner_text()
    staff_context.close()


def test_the_outcome_staff_write_reaches_the_public_log_and_the_compound_page(
    admin_page, handling, browser, live_server
):
    staff = handling["staff"]
    case = handling["cases"]["firm"]
    case.accept(staff)
    case.route_to_firm(staff)
    outcome = "电梯控制板已更换，5栋电梯恢复运行并通过年检。"

    page = admin_page
    sign_in(page, "zhao")
    page.goto(f"/admin/cases/{case.pk}/")
    take_step(page, "resolve", {"outcome": outcome})
    case.refresh_from_db()
    assert case.status == "resolved" and case.outcome_summary == outcome

    from .conftest import PageProblems

    for prefix in ("", "/en"):
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": 360, "height": 740}
        )
        public = context.new_page()
        problems = PageProblems.attach(public)
        public.goto(f"{prefix}/reports/log/{case.public_number}/")
        assert outcome in public.locator("main").inner_text()
        reporter = case.reports.get()
        assert reporter.reporter_name not in public.content()
        public.goto(f"{prefix}/reports/log/?compound=beilu-huafu")
        assert outcome in public.locator("main").inner_text()
        public.goto(f"{prefix}/compounds/beilu-huafu/")
        panel = public.locator("#compound-reports-heading").locator("xpath=..")
        assert outcome in panel.inner_text()
        panel.get_by_role("link", name=case.public_number).first.click()
        public.wait_for_url(f"**{prefix}/reports/log/{case.public_number}/")
        problems.assert_clean()
        context.close()


def test_the_joint_meeting_route_reaches_the_meeting_page_and_the_tracker(
    admin_page, handling, browser_page
):
    from cases.models import CaseStatus
    from notices.models import JointMeetingPage

    staff = handling["staff"]
    case = handling["cases"]["meeting"]
    case.accept(staff)
    case.route_to_meeting(staff, agenda_text="桂花街沿线停车难")

    page = admin_page
    sign_in(page, "zhao")
    page.goto(f"/admin/cases/{case.pk}/")
    take_step(
        page,
        "meeting-decision",
        {
            "decision": "利用人防车位新建两处停车场，新增车位300个",
            "responsible_organisation": "小区治理党支部",
            "due_date": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        },
    )
    referral = case.meeting_referral
    referral.refresh_from_db()
    assert referral.follow_up is not None
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_HAND  # decided, not yet done

    # An editor reviews and publishes the meeting's draft, as the workflow has it.
    meeting = JointMeetingPage.objects.get(pk=handling["meeting"].pk)
    meeting.get_latest_revision().publish()

    public = browser_page
    public.goto(meeting.url)
    text = public.locator("main").inner_text()
    assert "桂花街沿线停车难" in text and case.public_number in text
    assert "利用人防车位新建两处停车场" in text

    public.goto("/joint-meetings/follow-ups/")
    tracker = public.locator("main")
    assert "利用人防车位新建两处停车场" in tracker.inner_text()
    assert "北路华府" in tracker.inner_text()
    # The tracker links back to the case where that link exists (issue 19: "linked both
    # ways"); when it does, it must lead to the case's public log entry.
    case_links = tracker.locator(f"a[href$='/reports/log/{case.public_number}/']")
    if case_links.count():
        case_links.first.click()
        public.wait_for_url(f"**/reports/log/{case.public_number}/")
    public.problems.assert_clean()
