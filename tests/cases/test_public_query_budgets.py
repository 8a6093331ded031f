"""The log, a compound's page and a firm's profile cost the same statements for 60 or 600 reports.

Reports are added in bulk (the numbers set by hand, as `Case.save` would), spread over
compounds, categories, statuses, months and work orders, so an N+1 anywhere shows.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case, Report, WorkOrder
from tests.factories.notices import CompoundIndexPageFactory
from tests.factories.rankings import RankingIndexPageFactory

from . import public_helpers as helpers
from .public_helpers import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db

STATUSES = ["received", "accepted", "in_hand", "resolved", "closed"]


def add_reports(compounds, categories, count):
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
                route="firm" if status != "received" else "",
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


def statements(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def pages(home_page, compound, other_compound, category, noise):
    compounds_page = CompoundIndexPageFactory(parent=home_page)
    rankings_page = RankingIndexPageFactory(parent=home_page)
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
        "_setup": ([compound, other_compound], [category, noise]),
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
    ],
)
def test_statements_do_not_grow_with_the_reports(client, pages, name):
    compounds, categories = pages["_setup"]
    url = pages[name]
    add_reports(compounds, categories, 60)
    few = statements(client, url)
    add_reports(compounds, categories, 540)
    many = statements(client, url)
    assert many == few, f"{name}: {few} statements with 60 reports, {many} with 600"
