"""红黑榜 lifecycle: validity, early removal only through a verified rectification, history."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from home.roles import EDITORS, MODERATORS
from rankings.accountability_views import expiring_entries
from rankings.models import RedBlackEntry, RedBlackRemoval
from tests.factories.home import city_level
from tests.factories.rankings import month_with_scores

pytestmark = pytest.mark.django_db


def at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


def member(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.cn", "pw")
    city_level(user).groups.add(Group.objects.get(name=group))
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def month(index_page, criteria, firms):
    return month_with_scores(
        index_page, datetime.date(2026, 5, 1), {firm: [10, 10, 10] for firm in firms}
    )


@pytest.fixture
def black(month, firms):
    return RedBlackEntry.objects.create(
        page=month,
        kind="black",
        date=datetime.date(2026, 5, 12),
        firm=firms[0],
        description="化粪池外溢",
        evidence="联合检查记录",
    )


def test_validity_defaults_to_the_end_of_the_sixth_month(black):
    assert black.valid_until == datetime.date(2026, 11, 30)
    assert black.list_status(on=datetime.date(2026, 11, 30)) == "listed"
    assert black.list_status(on=datetime.date(2026, 12, 1)) == "expired"


def test_early_removal_needs_a_verified_rectification(black, django_user_model):
    editor = member(django_user_model, "ed", EDITORS)
    moderator = member(django_user_model, "mo", MODERATORS)
    removal = RedBlackRemoval.propose(black, "已清掏", datetime.date(2026, 6, 1), user=editor)
    assert black.list_status(on=datetime.date(2026, 7, 1)) == "listed"  # not yet verified
    with pytest.raises(PermissionDenied):
        removal.verify(editor)
    with pytest.raises(ValidationError):  # one at a time
        RedBlackRemoval.propose(black, "再次", datetime.date(2026, 6, 2), user=editor)
    removal.verify(moderator)
    assert removal.decided_by == moderator and removal.decided_at
    assert black.list_status(on=datetime.date(2026, 5, 31)) == "listed"
    assert black.list_status(on=datetime.date(2026, 6, 1)) == "removed"
    with pytest.raises(ValidationError):
        removal.refuse(moderator)


def test_refused_removals(black, month, firms):
    with pytest.raises(ValidationError):
        RedBlackRemoval.propose(black, "", datetime.date(2026, 6, 1))
    with pytest.raises(ValidationError):
        RedBlackRemoval.propose(black, "早于上榜", datetime.date(2026, 5, 1))
    red = RedBlackEntry.objects.create(
        page=month, kind="red", date=datetime.date(2026, 5, 3), firm=firms[1], description="好"
    )
    with pytest.raises(ValidationError):
        RedBlackRemoval.propose(red, "红榜不提前移出", datetime.date(2026, 6, 1))
    removal = RedBlackRemoval.propose(black, "整改", datetime.date(2026, 6, 1))
    removal.refuse()
    assert black.list_status(on=datetime.date(2026, 7, 1)) == "listed"


def test_expired_and_removed_entries_stay_in_the_history_marked(
    client, black, month, index_page, firms
):
    RedBlackRemoval.propose(black, "已清掏并复查", datetime.date(2026, 6, 1)).verify()
    old = RedBlackEntry.objects.create(
        page=month, kind="red", date=datetime.date(2025, 1, 3), firm=firms[0], description="旧表扬"
    )
    with at(datetime.date(2026, 11, 20)):
        html = client.get(index_page.url + f"firms/{firms[0].slug}/").content.decode()
    assert "化粪池外溢" in html and "经核实整改，自 2026-06-01 起移出榜单" in html
    assert "旧表扬" in html and f"已于 {old.valid_until:%Y-%m-%d} 到期" in html


def test_editors_see_entries_due_to_expire(black, django_user_model):
    editor = member(django_user_model, "ed", EDITORS)
    with at(datetime.date(2026, 11, 10)):
        assert list(expiring_entries()) == [black]
        admin = Client()
        admin.force_login(editor)
        html = admin.get(reverse("rankings_red_black") + "?due=1").content.decode()
        assert black.firm.name in html
        dashboard = admin.get("/admin/").content.decode()
        assert "30 天内到期的红黑榜条目" in dashboard and black.firm.name in dashboard
    with at(datetime.date(2026, 10, 1)):
        assert list(expiring_entries()) == []


def test_english_pages_tell_the_lifecycle_as_chinese_does(client, black, month, index_page, firms):
    """The English month page holds its own copies of the entries; the removal verified on the
    Chinese entry must still take the English copy off the list, marked."""
    from wagtail.models import Locale

    from home.demo_tools import ensure_translation

    RedBlackRemoval.propose(black, "已清掏并复查", datetime.date(2026, 6, 1)).verify()
    old = RedBlackEntry.objects.create(
        page=month, kind="red", date=datetime.date(2025, 1, 3), firm=firms[0], description="旧表扬"
    )
    listed = RedBlackEntry.objects.create(
        page=month, kind="black", date=datetime.date(2026, 11, 2), firm=firms[0], description="新"
    )
    en = ensure_translation(month, Locale.objects.get(language_code="en"), title="May 2026")
    assert en.red_black_entries.count() == 3  # copies, not the Chinese rows
    with at(datetime.date(2026, 11, 20)):
        pages = {
            "profile": client.get(
                "/en" + index_page.url + f"firms/{firms[0].slug}/"
            ).content.decode(),
            "month": client.get(en.url).content.decode(),
        }
    for name, html in pages.items():
        section = html.split('id="red-black-heading"')[1].split("</section>")[0]
        assert "Off the list since 2026-06-01 after a verified rectification" in section, name
        assert f"Expired on {old.valid_until:%Y-%m-%d}" in section, name
        assert f"Listed until {listed.valid_until:%Y-%m-%d}" in section, name
        assert section.count("Off the list since") == 1, name
        assert "Black list: criticised" in section and "Red list: praised" in section, name


def test_admin_views_editor_records_moderator_verifies_or_refuses(black, django_user_model):
    """Through the admin: who may do what, each decision recorded with who and when."""
    editor = member(django_user_model, "ed", EDITORS)
    moderator = member(django_user_model, "mo", MODERATORS)
    nobody = django_user_model.objects.create_user("nobody", "n@example.cn", "pw")
    url = reverse("rankings_red_black_entry", args=[black.pk])
    as_editor, as_moderator, as_nobody = Client(), Client(), Client()
    as_editor.force_login(editor)
    as_moderator.force_login(moderator)
    as_nobody.force_login(nobody)
    propose = {"action": "propose", "rectification": "已清掏并复查", "removed_on": "2026-06-01"}
    with at(datetime.date(2026, 6, 5)):
        assert as_nobody.post(url, propose).status_code in (302, 403)
        assert not black.removals.exists()
        assert as_editor.post(url, {**propose, "removed_on": "2026-05-01"}).status_code == 200
        assert not black.removals.exists()  # before the listing: refused, form shown again
        assert as_editor.post(url, propose).status_code == 302
        removal = black.removals.get()
        assert (removal.status, removal.proposed_by) == ("pending", editor)
        assert removal.proposed_at is not None
        # The editor who recorded it cannot verify it; the entry stays listed.
        # (Wagtail's admin turns the refusal into a redirect with a message.)
        verify = {"action": "verify", "removal": removal.pk}
        assert as_editor.post(url, verify).status_code in (302, 403)
        removal.refresh_from_db()
        assert (removal.status, removal.decided_by) == ("pending", None)
        assert black.list_status() == "listed"
        assert (
            as_moderator.post(url, {"action": "refuse", "removal": removal.pk}).status_code == 302
        )
        removal.refresh_from_db()
        assert (removal.status, removal.decided_by) == ("refused", moderator)
        assert black.list_status() == "listed"
        assert as_editor.post(url, propose).status_code == 302
        second = black.removals.get(status="pending")
        assert as_moderator.post(url, {"action": "verify", "removal": second.pk}).status_code == 302
        second.refresh_from_db()
        assert (second.status, second.decided_by) == ("verified", moderator)
        assert second.decided_at is not None
        assert black.list_status() == "removed"
        # A decided removal is not decided again.
        as_moderator.post(url, {"action": "refuse", "removal": second.pk})
        second.refresh_from_db()
        assert second.status == "verified"
