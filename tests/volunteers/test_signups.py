"""Capacity, the waiting list and its automatic promotion, cancel links, notifications."""

import logging

import pytest
from django.core import mail

from services.models import VolunteerSignup
from services.volunteering.models import SignupError

pytestmark = pytest.mark.django_db

CONFIRMED = VolunteerSignup.Status.CONFIRMED
WAITLISTED = VolunteerSignup.Status.WAITLISTED
CANCELLED = VolunteerSignup.Status.CANCELLED


def test_places_fill_up_then_the_waiting_list_starts(event):
    first = event.sign_up("张三", "13800000001")
    second = event.sign_up("李四", "13800000002")
    third = event.sign_up("王五", "13800000003")
    assert [first.status, second.status, third.status] == [CONFIRMED, CONFIRMED, WAITLISTED]
    assert event.signup_counts() == {"confirmed": 2, "waitlisted": 1, "free": 0}


def test_same_mobile_cannot_sign_up_twice_while_active(event):
    event.sign_up("张三", "13800000001")
    with pytest.raises(SignupError):
        event.sign_up("张三", "13800000001")


def test_can_sign_up_again_after_cancelling(event):
    signup = event.sign_up("张三", "13800000001")
    signup.cancel()
    again = event.sign_up("张三", "13800000001")
    assert again.status == CONFIRMED


def test_past_event_refuses_sign_up(past_event):
    with pytest.raises(SignupError):
        past_event.sign_up("张三", "13800000001")


def test_cancelling_promotes_the_longest_waiting(event, django_capture_on_commit_callbacks):
    a = event.sign_up("甲", "13800000001")
    event.sign_up("乙", "13800000002")
    first_waiting = event.sign_up("丙", "13800000003", "bing@example.cn")
    second_waiting = event.sign_up("丁", "13800000004")
    with django_capture_on_commit_callbacks(execute=True):
        promoted = a.cancel()
    assert [p.pk for p in promoted] == [first_waiting.pk]
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == CONFIRMED and first_waiting.promoted_at is not None
    assert second_waiting.status == WAITLISTED
    assert event.signup_counts()["confirmed"] == 2
    # The promoted person is told by e-mail, with their own cancel link.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bing@example.cn"]
    assert first_waiting.token in mail.outbox[0].body


def test_cancelling_a_waiting_place_promotes_nobody(event):
    event.sign_up("甲", "13800000001")
    event.sign_up("乙", "13800000002")
    waiting = event.sign_up("丙", "13800000003")
    last = event.sign_up("丁", "13800000004")
    assert waiting.cancel() == []
    last.refresh_from_db()
    assert last.status == WAITLISTED


def test_cancelling_twice_is_harmless(event):
    a = event.sign_up("甲", "13800000001")
    event.sign_up("乙", "13800000002")
    waiting = event.sign_up("丙", "13800000003")
    assert len(a.cancel()) == 1
    assert a.cancel() == []
    assert VolunteerSignup.objects.get(pk=waiting.pk).status == CONFIRMED
    assert event.signup_counts() == {"confirmed": 2, "waitlisted": 0, "free": 0}


def test_sms_sender_only_logs_with_a_masked_number(
    event, caplog, django_capture_on_commit_callbacks
):
    a = event.sign_up("甲", "13800000001")
    event.sign_up("乙", "13800000002")
    event.sign_up("丙", "13912345678")
    with caplog.at_level(logging.INFO, logger="home.sms"):
        with django_capture_on_commit_callbacks(execute=True):
            a.cancel()
    text = caplog.text
    assert "log only, not sent" in text
    assert "139****5678" in text
    assert "13912345678" not in text
    assert "丙" not in text


def test_tokens_are_unique_and_long(event):
    tokens = {event.sign_up(f"人{i}", f"1380000000{i}").token for i in range(5)}
    assert len(tokens) == 5
    assert all(len(token) >= 32 for token in tokens)


def test_promotion_message_uses_the_language_of_the_sign_up(
    event, django_capture_on_commit_callbacks
):
    from django.utils import translation

    a = event.sign_up("甲", "13800000001")
    event.sign_up("乙", "13800000002")
    with translation.override("en"):
        waiting = event.sign_up("Tom", "13800000003", "tom@example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        a.cancel()
    assert waiting.language == "en"
    [message] = mail.outbox
    assert message.subject == "You have a place"
    assert f"/en/volunteering/signups/{waiting.token}/" in message.body


def test_promotion_message_in_chinese(event, django_capture_on_commit_callbacks):
    a = event.sign_up("甲", "13800000001")
    event.sign_up("乙", "13800000002")
    waiting = event.sign_up("丙", "13800000003", "bing@example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        a.cancel()
    [message] = mail.outbox
    assert message.subject == "您已获得活动名额"
    assert "有名额空出" in message.body and event.title in message.body
    assert f"/volunteering/signups/{waiting.token}/" in message.body


def test_raising_capacity_on_publish_moves_people_up(event, django_capture_on_commit_callbacks):
    event.sign_up("甲", "13800000001")
    event.sign_up("乙", "13800000002")
    first = event.sign_up("丙", "13800000003", "bing@example.cn")
    second = event.sign_up("丁", "13800000004")
    event.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == CONFIRMED and second.status == WAITLISTED
    assert [m.to for m in mail.outbox] == [["bing@example.cn"]]
    assert event.signup_counts() == {"confirmed": 3, "waitlisted": 1, "free": 0}
