"""A sign-up's link is sent by SMS (and e-mail) through the task queue, and can be sent again."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from services.models import VolunteerSignup

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def texts(monkeypatch):
    """Every SMS the site sends, as (number, message)."""
    sent = []
    monkeypatch.setattr("home.sms.send_sms", lambda phone, message: sent.append((phone, message)))
    return sent


def sign_up(client, event, **extra):
    data = {"name": "张三", "mobile": "13800000001", "consent": "on", **extra}
    return client.post(event.url, data)


def find_url(event):
    return event.url + event.reverse_subpage("find_signup")


def test_signing_up_sends_the_link_by_sms_and_email(
    client, event, texts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, event, email="zhang@example.cn")
    signup = VolunteerSignup.objects.get()
    assert response.status_code == 302
    assert response["Location"] == signup.get_absolute_url()
    assert [phone for phone, _ in texts] == ["13800000001"]
    assert signup.get_absolute_url() in texts[0][1]
    assert "查看或取消报名请打开" in texts[0][1]
    assert [m.to for m in mail.outbox] == [["zhang@example.cn"]]
    assert signup.get_absolute_url() in mail.outbox[0].body


def test_the_link_leaves_through_the_queue_not_the_request(
    client, settings, event, texts, django_capture_on_commit_callbacks, run_worker
):
    settings.TASKS = DB_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, event)
    assert texts == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "services.volunteering.tasks.send_signup_link"
    run_worker()
    assert len(texts) == 1


def test_the_form_says_what_is_sent_and_the_place_is_labelled_as_a_place(client, event):
    html = client.get(event.url).content.decode()
    assert "我们会用短信把查看或取消报名的链接发给您" in html
    assert "如填写邮箱，我们会同时通过邮件发送上述消息。" in html
    assert "<dt>地点</dt>" in html
    assert "办理方式" not in html
    assert find_url(event) in html


def test_a_lost_link_is_texted_again_and_never_shown(
    client, event, texts, django_capture_on_commit_callbacks
):
    signup = event.sign_up("张三", "13800000001")
    assert client.get(find_url(event)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(find_url(event), {"mobile": "138 0000 0001"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "我们已将链接以短信发送到该号码" in html
    assert signup.token not in html
    assert texts == [("13800000001", texts[0][1])]
    assert signup.get_absolute_url() in texts[0][1]


def test_an_unknown_or_cancelled_number_gets_the_same_answer_and_no_text(
    client, event, texts, django_capture_on_commit_callbacks
):
    event.sign_up("李四", "13800000002").cancel()
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post(find_url(event), {"mobile": "13800000009"})
        cancelled = client.post(find_url(event), {"mobile": "13800000002"})
    for response in (unknown, cancelled):
        assert "我们已将链接以短信发送到该号码" in response.content.decode()
    assert texts == []


def test_asking_again_and_again_is_rate_limited(
    client, event, texts, django_capture_on_commit_callbacks
):
    event.sign_up("张三", "13800000001")
    with django_capture_on_commit_callbacks(execute=True):
        for _attempt in range(5):
            response = client.post(
                find_url(event), {"mobile": "13800000001"}, REMOTE_ADDR="10.0.0.1"
            )
    # Three texts a day per number and event; then the form says to wait.
    assert len(texts) == 3
    assert "您的网络提交次数过多，请稍后再试" in response.content.decode()
