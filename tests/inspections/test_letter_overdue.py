"""A work-letter requirement past its due date that a firm has not done is 逾期: marked with
its days on the letter page and the firm profile, counted on the letter page, and listed on
the editors' dashboard. Boundaries with a frozen clock: due today, due yesterday, closed late."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from home.overdue import overdue_items
from inspections.models import RequirementCheck, requirement_standings
from tests.factories.home import CompoundFactory, PropertyFirmFactory
from tests.factories.inspections import InspectionFactory, RequirementCheckFactory

pytestmark = pytest.mark.django_db

NOT_DONE, DONE = RequirementCheck.Status.NOT_DONE, RequirementCheck.Status.DONE


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def set_due(item, day):
    item.due_date = day
    item.save(update_fields=["due_date"])


def check(compound, item, status, on):
    return RequirementCheckFactory(
        inspection=InspectionFactory(compound=compound, date=on), item=item, status=status
    )


def standing_of(item, firm):
    return requirement_standings(RequirementCheck.objects.standing_rows())[(item.pk, firm.pk)]


# The rule, at its boundaries (today is 2026-11-20).


def test_not_done_and_due_today_is_not_overdue(site_pages, compound, firm, frozen_today):
    item = site_pages["items"][0]
    set_due(item, frozen_today)
    check(compound, item, NOT_DONE, datetime.date(2026, 11, 18))
    standing = standing_of(item, firm)
    assert (standing.overdue, standing.days) == (False, 0)


def test_not_done_and_due_yesterday_is_one_day_overdue(site_pages, compound, firm, frozen_today):
    item = site_pages["items"][0]
    set_due(item, frozen_today - datetime.timedelta(days=1))
    check(compound, item, NOT_DONE, datetime.date(2026, 11, 18))
    standing = standing_of(item, firm)
    assert (standing.overdue, standing.days) == (True, 1)


def test_done_after_a_late_not_done_is_closed_late(site_pages, compound, firm, frozen_today):
    item = site_pages["items"][0]
    set_due(item, datetime.date(2026, 11, 10))
    check(compound, item, NOT_DONE, datetime.date(2026, 11, 12))
    check(compound, item, DONE, datetime.date(2026, 11, 15))
    standing = standing_of(item, firm)
    assert (standing.overdue, standing.done_late, standing.days) == (False, True, 5)


def test_done_when_first_seen_after_the_due_date_is_not_judged_late(
    site_pages, compound, firm, frozen_today
):
    item = site_pages["items"][0]
    set_due(item, datetime.date(2026, 11, 10))
    # "Not done" before the due date is no lateness; the inspection after it saw it done.
    check(compound, item, NOT_DONE, datetime.date(2026, 11, 5))
    check(compound, item, DONE, datetime.date(2026, 11, 15))
    standing = standing_of(item, firm)
    assert (standing.overdue, standing.done_late, standing.days) == (False, False, 0)


# What the public and the editors see.


@pytest.fixture
def late(site_pages, community, compound, firm, frozen_today):
    """Item 0 due 11-12: not done by 城乡物业 (8 days overdue) and by a second firm, done by a
    third. Item 1 due today, not done: not overdue. Item 2 closed late."""
    items = site_pages["items"]
    for item, day in zip(items, (12, 20, 10), strict=True):
        set_due(item, datetime.date(2026, 11, day))
    others = [
        CompoundFactory(community=community, property_firm=PropertyFirmFactory(community=community))
        for _ in range(2)
    ]
    check(compound, items[0], NOT_DONE, datetime.date(2026, 11, 2))
    check(others[0], items[0], NOT_DONE, datetime.date(2026, 11, 14))
    check(others[1], items[0], DONE, datetime.date(2026, 11, 14))
    check(compound, items[1], NOT_DONE, datetime.date(2026, 11, 2))
    check(compound, items[2], NOT_DONE, datetime.date(2026, 11, 12))
    check(compound, items[2], DONE, datetime.date(2026, 11, 16))
    return items, others


def test_the_letter_page_marks_and_counts_overdue_requirements(client, site_pages, late):
    with translation.override("zh-hans"):
        page = html(client, site_pages["letter"].url)
    assert "1 项要求已过期限仍未落实（涉及 2 家企业，以最近一次检查为准）。" in page
    assert page.count("逾期 8 天") == 1
    assert "2 家企业未落实" in page
    page = html(client, "/en" + site_pages["letter"].url)
    assert "1 requirement is past its due date and not done (2 firms, as last inspected)." in page
    assert page.count("Overdue 8 days") == 1
    assert "(2 firms have not done it)" in page


def test_the_firm_profile_marks_its_overdue_requirements(client, site_pages, firm, late):
    url = site_pages["rankings"].url + f"firms/{firm.slug}/"
    record = html(client, url).split('id="firm-letters-heading"')[1].split("</section>")[0]
    assert "第0项要求" in record and "逾期 8 天" in record
    assert "第1项要求" in record  # not done, but due today: listed without 逾期
    assert record.count("逾期") == 1
    record = html(client, "/en" + url).split('id="firm-letters-heading"')[1]
    assert "Overdue 8 days" in record.split("</section>")[0]


def test_the_editors_dashboard_lists_overdue_requirements(client, editor, site_pages, firm, late):
    items, others = late
    listed = [item for item in overdue_items(editor) if item.due.month == 11]
    requirement_items = [i for i in listed if "第0项要求" in i.title or "第" in i.title]
    assert sorted((i.title.split(" · ")[0], i.days) for i in requirement_items) == sorted(
        [(firm.name, 8), (others[0].property_firm.name, 8)]
    )
    own = next(i for i in requirement_items if i.title.startswith(firm.name))
    latest = RequirementCheck.objects.get(item=items[0], inspection__firm=firm).inspection
    assert own.url == reverse("wagtailsnippets_inspections_inspection:edit", args=[latest.pk])
    client.force_login(editor)
    dashboard = html(client, reverse("wagtailadmin_home"))
    assert "2026-10 · 第0项要求" in dashboard


def test_no_overdue_requirements_for_users_without_the_permission(django_user_model, late):
    nobody = django_user_model.objects.create_user("nobody", "n@example.cn", "pw")
    assert overdue_items(nobody) == []
