"""Corrections of a published month go through moderation: editors propose, moderators decide."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from caching import keys
from caching.middleware import STATUS_HEADER
from home.roles import EDITORS, MODERATORS
from rankings.models import Score, ScoreCorrection
from tests.factories.home import city_level
from tests.factories.rankings import month_with_scores

REASON = "复核后补记维修台账"


@pytest.fixture
def published(index_page, criteria, firms):
    return month_with_scores(
        index_page, datetime.date(2026, 10, 1), {firm: [10, 10, 10] for firm in firms[:3]}
    )


def staff_client(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.cn", "pw")
    city_level(user).groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(django_user_model):
    return staff_client(django_user_model, "editor", EDITORS)


@pytest.fixture
def moderator(django_user_model):
    return staff_client(django_user_model, "moderator", MODERATORS)


def first_score(month):
    return (
        Score.objects.filter(assessment__month=month)
        .select_related("assessment__firm", "criterion")
        .order_by("assessment__firm__name", "criterion__sort_order")
        .first()
    )


def propose(editor, month, score, value="12.5"):
    response = editor.post(
        reverse("rankings_correct", args=[month.pk]),
        {"score": score.pk, "new_value": value, "reason": REASON},
    )
    assert response.status_code == 302
    return ScoreCorrection.objects.latest("pk")


def decide(client, month, correction, decision):
    return client.post(
        reverse("rankings_correction_decision", args=[month.pk, correction.pk, decision])
    )


def public_pages(month, firm):
    return [month.url, month.get_parent().url, f"{month.get_parent().url}firms/{firm.slug}/", "/"]


def test_an_editors_proposal_is_not_live(client, editor, published):
    score = first_score(published)
    correction = propose(editor, published, score)
    assert correction.status == ScoreCorrection.Status.PENDING
    score.refresh_from_db()
    assert score.value == Decimal(10)
    for url in public_pages(published, score.assessment.firm):
        response = client.get(url)
        assert response.status_code == 200, url
        assert REASON not in response.content.decode(), url


def test_a_moderators_approval_makes_it_live_and_records_who_and_when(
    client, editor, moderator, published
):
    score = first_score(published)
    correction = propose(editor, published, score)
    assert decide(moderator, published, correction, "approve").status_code == 302
    correction.refresh_from_db()
    score.refresh_from_db()
    assert score.value == Decimal("12.5")
    assert correction.status == ScoreCorrection.Status.APPROVED
    assert correction.decided_by.username == "moderator"
    assert correction.decided_at is not None
    with translation.override("zh-hans"):
        approved_heading = translation.gettext("Approved by the moderators on")
    for url in public_pages(published, score.assessment.firm)[::2]:  # month and firm pages
        html = client.get(url).content.decode()
        assert REASON in html, url
        assert (
            approved_heading in html
            and f"{timezone.localtime(correction.decided_at):%Y-%m-%d}" in html
        ), url
        assert "moderator" not in html  # no personal name on the public page


def test_an_editor_cannot_approve(editor, published):
    score = first_score(published)
    correction = propose(editor, published, score)
    response = decide(editor, published, correction, "approve")
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    assert response.status_code in (403, 404) or response["Location"] == reverse(
        "wagtailadmin_home"
    )
    correction.refresh_from_db()
    score.refresh_from_db()
    assert correction.status == ScoreCorrection.Status.PENDING
    assert score.value == Decimal(10)
    # The editor's grid offers no approve button either.
    html = editor.get(reverse("rankings_scores", args=[published.pk])).content.decode()
    assert (
        reverse("rankings_correction_decision", args=[published.pk, correction.pk, "approve"])
        not in html
    )


def test_a_moderator_sees_the_pending_correction_with_its_buttons(editor, moderator, published):
    correction = propose(editor, published, first_score(published))
    html = moderator.get(reverse("rankings_scores", args=[published.pk])).content.decode()
    for decision in ("approve", "reject"):
        url = reverse("rankings_correction_decision", args=[published.pk, correction.pk, decision])
        assert url in html


def test_a_rejected_correction_stays_out(client, editor, moderator, published):
    score = first_score(published)
    correction = propose(editor, published, score)
    assert decide(moderator, published, correction, "reject").status_code == 302
    correction.refresh_from_db()
    score.refresh_from_db()
    assert correction.status == ScoreCorrection.Status.REJECTED
    assert score.value == Decimal(10)
    for url in public_pages(published, score.assessment.firm):
        assert REASON not in client.get(url).content.decode(), url
    # A decided correction cannot be approved afterwards.
    decide(moderator, published, correction, "approve")
    correction.refresh_from_db()
    score.refresh_from_db()
    assert correction.status == ScoreCorrection.Status.REJECTED
    assert score.value == Decimal(10)


def test_approval_shows_the_value_it_actually_replaced(published):
    score = first_score(published)
    first = ScoreCorrection.objects.propose(score, "11", "第一次复核")
    second = ScoreCorrection.objects.propose(score, "12", "第二次复核")
    first.approve()
    second.approve()
    second.refresh_from_db()
    score.refresh_from_db()
    assert (second.old_value, second.new_value, score.value) == (
        Decimal(11),
        Decimal(12),
        Decimal(12),
    )


def test_approval_invalidates_cached_pages(client, settings, editor, moderator, published):
    settings.HEMEI_PAGE_CACHE = True
    cache.clear()
    keys.local.forget()
    try:
        score = first_score(published)
        correction = propose(editor, published, score)
        client.get(published.url)
        cached = client.get(published.url)
        assert cached[STATUS_HEADER] == "hit"
        assert REASON not in cached.content.decode()
        decide(moderator, published, correction, "approve")
        response = client.get(published.url)
        assert response[STATUS_HEADER] == "miss"
        assert REASON in response.content.decode()
    finally:
        cache.clear()
        keys.local.forget()
