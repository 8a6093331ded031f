"""The log's share on other pages: compound page, firm profile, home page; and the firm hook."""

import datetime

import pytest
from django.utils import timezone
from wagtail import hooks

from cases.models import WorkOrder
from rankings.firm_panels import firm_profile_panels
from tests.factories.notices import CompoundIndexPageFactory
from tests.factories.rankings import RankingIndexPageFactory

from . import public_helpers as helpers
from .public_helpers import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page):
    return {
        "compounds": CompoundIndexPageFactory(parent=home_page),
        "rankings": RankingIndexPageFactory(parent=home_page),
    }


@pytest.fixture
def open_and_overdue(compound, category, admin_user):
    fresh = helpers.make_case(compound, category, title="新的")
    late = helpers.make_case(
        compound, category, title="超期的", received_at=timezone.now() - datetime.timedelta(days=9)
    )
    late.accept(admin_user, due_date=timezone.localdate())
    late.route_to_firm(admin_user)
    late.due_date = timezone.localdate() - datetime.timedelta(days=2)
    late.save()
    WorkOrder.objects.filter(case=late).update(
        answered_at=timezone.now(), sent_at=timezone.now() - datetime.timedelta(days=2)
    )
    return fresh, late


def test_the_compound_page_shows_open_and_overdue_reports(client, site, compound, open_and_overdue):
    response = client.get(site["compounds"].url + f"{compound.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "compound-reports-heading" in html
    panel = next(p for p in response.context["related_panels"] if "open_count" in p)
    assert (panel["open_count"], panel["overdue_count"]) == (2, 1)
    this_month = panel["response_times"][-1]
    assert (this_month["answered"], this_month["median_days"]) == (1, 2.0)


def test_the_compound_page_and_firm_profile_show_the_latest_outcomes(
    client, site, compound, category, admin_user
):
    def resolved(title, outcome, **fields):
        case = helpers.make_case(compound, category, title=title, **fields)
        case.accept(admin_user)
        case.route_to_firm(admin_user)
        case.resolve(admin_user, outcome)
        return case

    resolved("旧的", "更换了路灯")
    resolved("隐藏的", "不公开的结果", is_public=False)
    helpers.make_case(compound, category, title="还没办完")
    firm = compound.property_firm
    for url in (
        site["compounds"].url + f"{compound.slug}/",
        site["rankings"].url + f"firms/{firm.slug}/",
    ):
        response = client.get(url)
        html = response.content.decode()
        panel = next(p for p in response.context["related_panels"] if "latest_outcomes" in p)
        assert [case.outcome_summary for case in panel["latest_outcomes"]] == ["更换了路灯"]
        assert "更换了路灯" in html and "不公开的结果" not in html


def test_the_firm_profile_shows_the_firms_share(client, site, compound, open_and_overdue):
    firm = compound.property_firm
    url = site["rankings"].url + f"firms/{firm.slug}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "firm-reports-heading" in response.content.decode()
    panel = next(p for p in response.context["related_panels"] if "open_count" in p)
    assert (panel["open_count"], panel["overdue_count"]) == (2, 1)


def test_the_firm_profile_hook_collects_panels_from_any_app(site, compound):
    def extra(index, firm, request):
        return {"template": "x.html", "firm_name": firm.name}

    with hooks.register_temporarily("firm_profile_panels", extra):
        panels = firm_profile_panels(site["rankings"], compound.property_firm, None)
    assert {"template": "x.html", "firm_name": compound.property_firm.name} in panels


def test_the_home_page_offers_to_report_and_shows_this_months_figures(
    client, home_page, compound, category
):
    helpers.make_case(compound, category)
    response = client.get("/")
    html = response.content.decode()
    assert 'href="/reports/"' in html
    panel = next(p.context for p in response.context["home_panels"] if "received" in p.context)
    assert panel["received"] == 1


def _case_statements(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return html, [q["sql"] for q in queries if '"cases_case"' in q["sql"]]


def test_kept_panels_show_a_report_as_soon_as_it_is_saved(
    client, site, compound, category, admin_user
):
    """The compound page's body and the firm profile's panels are kept rendered (they are
    not content, so under the "cases" record generation): a second view reads no case, and
    a case saved, resolved or hidden shows at once."""
    firm = compound.property_firm
    urls = (
        site["compounds"].url + f"{compound.slug}/",
        site["rankings"].url + f"firms/{firm.slug}/",
    )
    for url in urls:
        _case_statements(client, url)
        html, reads = _case_statements(client, url)
        assert reads == [], url  # kept
        assert "新修的路灯" not in html
    case = helpers.make_case(compound, category, title="路灯不亮")
    case.accept(admin_user)
    case.route_to_firm(admin_user)
    case.resolve(admin_user, "新修的路灯")
    for url in urls:
        html, reads = _case_statements(client, url)
        assert reads, url  # rebuilt
        assert "新修的路灯" in html, url
    case.is_public = False
    case.save()
    for url in urls:
        assert "新修的路灯" not in client.get(url).content.decode(), url


def test_the_kept_home_panels_count_a_report_as_soon_as_it_is_saved(
    client, home_page, compound, category
):
    def reports_section():
        html, reads = _case_statements(client, "/")
        start = html.index('id="reports-heading"')
        return html[start : html.index("</section>", start)], reads

    helpers.make_case(compound, category)
    reports_section()
    before, reads = reports_section()
    assert reads == []  # kept
    helpers.make_case(compound, category)
    after, reads = reports_section()
    assert reads
    assert "收到诉求 1 件" in before and "收到诉求 2 件" in after


def test_a_saved_report_retires_kept_fragments_again_once_committed(
    compound, category, django_capture_on_commit_callbacks
):
    """A reader between a save and its commit may keep a fragment of the old rows under the
    new number: the number moves on again after the commit."""
    from home.generation import records_version

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        helpers.make_case(compound, category, title="新的")
        during = records_version()
    for callback in callbacks:
        callback()
    assert records_version() != during
