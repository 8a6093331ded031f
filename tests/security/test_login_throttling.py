"""django-axes locks a user name out of the admin after repeated wrong passwords."""

import pytest

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("chen", "chen@example.cn", "right-pass-123")


def attempt(client, password):
    return client.post(LOGIN, {"username": "chen", "password": password})


def test_five_wrong_passwords_lock_out_even_the_right_one(client, staff, axes_on, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "wrong")
        assert response.status_code == 200  # the form again, with an error
    assert attempt(client, "wrong").status_code == 429
    locked = attempt(client, "right-pass-123")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_right_password_works_before_the_limit(client, staff, axes_on):
    attempt(client, "wrong")
    response = attempt(client, "right-pass-123")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_a_lockout_is_for_that_user_name_only(client, staff, axes_on, settings, django_user_model):
    django_user_model.objects.create_superuser("wang", "wang@example.cn", "wang-pass-123")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong")
    response = client.post(LOGIN, {"username": "wang", "password": "wang-pass-123"})
    assert response.status_code == 302


def test_force_login_still_works_with_axes_on(client, staff, axes_on):
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


@pytest.fixture
def behind_proxy(settings):
    settings.HEMEI_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"


def attempt_from(client, address, password, username="chen"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR="10.0.0.1",  # the proxy, for everyone
        HTTP_X_REAL_IP=address,
    )


def test_behind_the_proxy_a_strangers_guesses_do_not_lock_the_staff_member_out(
    client, staff, axes_on, behind_proxy, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt_from(client, "203.0.113.5", "wrong")
    assert attempt_from(client, "203.0.113.5", "right-pass-123").status_code == 429
    assert attempt_from(client, "198.51.100.7", "right-pass-123").status_code == 302


def test_behind_the_proxy_the_lockout_records_the_clients_address(
    client, staff, axes_on, behind_proxy
):
    from axes.models import AccessAttempt

    attempt_from(client, "203.0.113.5", "wrong")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.5"]
