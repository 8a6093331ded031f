"""The log, a compound's page and a firm's profile cost the same statements for 60 or 600 reports.

Reports are added in bulk (the numbers set by hand, as `Case.save` would), spread over
compounds, categories, statuses, months, every route's records (work orders, 协商 sessions,
mediations, joint-meeting referrals with their follow-ups) and satisfaction answers, so an N+1
anywhere shows. The pages must show the added cases and their outcomes, so that a page that
stopped listing them cannot pass.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import (
    Case,
    HallSession,
    Mediation,
    MeetingReferral,
    Report,
    SatisfactionSurvey,
    WorkOrder,
)
from home.generation import bump_records
from notices.models import FollowUpItem
from tests.factories.notices import (
    CompoundIndexPageFactory,
    JointMeetingIndexPageFactory,
    JointMeetingPageFactory,
)
from tests.factories.rankings import RankingIndexPageFactory

from . import public_helpers as helpers
from .public_helpers import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db

STATUSES = ["received", "accepted", "in_hand", "resolved", "closed"]
ROUTES = ["firm", "hall", "mediation", "meeting"]


def add_reports(compounds, categories, count, meeting):
    now = timezone.now()
    start = Case.objects.count()
    cases = []
    for i in range(start, start + count):
        received = now - datetime.timedelta(days=i % 150, hours=i % 24)
        status = STATUSES[i % len(STATUSES)]
        cases.append(
            Case(
                year=9000 + i // 10000,
                sequence=i % 10000,
                public_number=f"{9000 + i // 10000}-{i % 10000:04d}",
                community_id=compounds[0].community_id,
                compound=compounds[i % len(compounds)],
                category=categories[i % len(categories)],
                title=f"案件{i}",
                status=status,
                route=ROUTES[(i // len(STATUSES)) % len(ROUTES)] if status != "received" else "",
                holder_label="测试物业",
                received_at=received,
                accept_by=received + datetime.timedelta(hours=24),
                accepted_at=received + datetime.timedelta(hours=5)
                if status != "received"
                else None,
                due_date=(received + datetime.timedelta(days=7)).date(),
                resolved_at=received + datetime.timedelta(days=3)
                if status in ("resolved", "closed")
                else None,
                outcome_summary="已处理" if status in ("resolved", "closed") else "",
                is_public=i % 7 != 0,
            )
        )
    cases = Case.objects.bulk_create(cases)
    Report.objects.bulk_create(
        Report(
            reference=f"R{case.pk:07d}"[-8:],
            form_token=f"token-{case.pk:020d}",
            case=case,
            compound=case.compound,
            category=case.category,
            description="描述",
            reporter_name=helpers.NAME,
            reporter_mobile=helpers.MOBILE,
        )
        for case in cases
    )
    add_route_records(cases, meeting)
    WorkOrder.objects.bulk_create(
        WorkOrder(
            case=case,
            firm=case.compound.property_firm,
            sent_at=case.accepted_at,
            answered_at=case.accepted_at + datetime.timedelta(days=1),
        )
        for case in cases
        if case.accepted_at
    )


def add_route_records(cases, meeting):
    reports = {report.case_id: report for report in Report.objects.filter(case__in=cases)}
    done = [case for case in cases if case.resolved_at]
    HallSession.objects.bulk_create(
        HallSession(
            case=case,
            hall="北路华府邻里厅",
            held_on=case.received_at.date(),
            agreement_reached="yes",
        )
        for case in cases
        if case.route == "hall"
    )
    Mediation.objects.bulk_create(
        Mediation(case=case, agreed_on=case.resolved_at.date() if case.resolved_at else None)
        for case in cases
        if case.route == "mediation"
    )
    for case in (case for case in cases if case.route == "meeting"):
        item = FollowUpItem.objects.create(
            page=meeting,
            description=f"跟进{case.public_number}",
            responsible_organisation="小区治理党支部",
            status="resolved" if case.resolved_at else "open",
        )
        MeetingReferral.objects.create(
            case=case, meeting=meeting, agenda_text=case.title, follow_up=item
        )
    SatisfactionSurvey.objects.bulk_create(
        SatisfactionSurvey(
            case=case,
            report=reports[case.pk],
            token=f"survey-{case.pk:020d}",
            answered_at=case.resolved_at,
            fixed=True,
            score=4,
        )
        for case in done
    )


def statements(client, url):
    assert client.get(url).status_code == 200
    # What is kept rendered under the record generations is measured as it is rebuilt: a
    # kept fragment would hide a statement per row in the panels it holds.
    bump_records()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def pages(home_page, compound, other_compound, category, noise):
    compounds_page = CompoundIndexPageFactory(parent=home_page)
    rankings_page = RankingIndexPageFactory(parent=home_page)
    meetings_page = JointMeetingIndexPageFactory(parent=home_page)
    meeting = JointMeetingPageFactory(parent=meetings_page)
    firm = compound.property_firm
    return {
        "public log": "/reports/log/",
        "public log, filtered": f"/reports/log/?compound={compound.slug}&status=open",
        "public log, English": "/en/reports/log/",
        "monthly figures": "/reports/log/figures/",
        "compound feed": f"/reports/log/{compound.slug}/rss/",
        "compound page": compounds_page.url + f"{compound.slug}/",
        "firm profile": rankings_page.url + f"firms/{firm.slug}/",
        "home page": "/",
        "follow-up tracker": meetings_page.url + "follow-ups/",
        "_setup": ([compound, other_compound], [category, noise], meeting),
    }


@pytest.mark.parametrize(
    "name",
    [
        "public log",
        "public log, filtered",
        "public log, English",
        "monthly figures",
        "compound feed",
        "compound page",
        "firm profile",
        "home page",
        "follow-up tracker",
    ],
)
def test_statements_do_not_grow_with_the_reports(client, pages, name):
    compounds, categories, meeting = pages["_setup"]
    url = pages[name]
    add_reports(compounds, categories, 60, meeting)
    few = statements(client, url)
    add_reports(compounds, categories, 540, meeting)
    many = statements(client, url)
    assert many == few, f"{name}: {few} statements with 60 reports, {many} with 600"


def test_the_pages_measured_show_the_reports_and_their_outcomes(client, pages):
    """The budgets above would be hollow if the pages showed nothing: they show the records."""
    compounds, categories, meeting = pages["_setup"]
    add_reports(compounds, categories, 60, meeting)
    public = Case.objects.public()
    newest = public.order_by("-received_at", "-pk").first()
    assert newest.title in client.get(pages["public log"]).content.decode()
    home = next(
        panel.context
        for panel in client.get(pages["home page"]).context["home_panels"]
        if "outcomes" in panel.context
    )
    outcomes = {key: count for key, _label, count in home["outcomes"]}
    assert outcomes["hall_sessions"] == HallSession.objects.filter(case__in=public).count() > 0
    assert outcomes["disputes_settled"] == (
        Mediation.objects.filter(case__in=public, agreed_on__isnull=False).count()
    )
    assert outcomes["meeting_issues_solved"] == (
        public.filter(meeting_referral__isnull=False, resolved_at__isnull=False).count()
    )
    assert outcomes["disputes_settled"] > 0 and outcomes["meeting_issues_solved"] > 0
    compound_html = client.get(pages["compound page"]).content.decode()
    assert 'data-figure="hall_sessions"' in compound_html
    tracker = client.get(pages["follow-up tracker"]).content.decode()
    assert "/reports/log/" in tracker  # follow-ups link back to their cases
