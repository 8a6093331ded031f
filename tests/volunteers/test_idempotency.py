"""Volunteer sign-ups and join applications sent twice are taken once."""

import re

import pytest

from services.models import VolunteerApplication, VolunteerSignup

pytestmark = pytest.mark.django_db

TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')


def token_of(client, url):
    return TOKEN_RE.search(client.get(url).content.decode()).group(1)


def test_resent_sign_up_shows_the_first_sign_up(client, event):
    data = {"name": "张三", "mobile": "13800000001", "consent": "on"}
    data["form_token"] = token_of(client, event.url)
    first = client.post(event.url, data)
    again = client.post(event.url, data)
    signup = VolunteerSignup.objects.get()
    # Today's main answers the second post with "already signed up" on the form.
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"] == signup.get_absolute_url()


def test_resent_join_application_is_stored_once(client, team_page):
    data = {"name": "李四", "mobile": "13800000002", "category": "resident", "consent": "on"}
    data["form_token"] = token_of(client, team_page.url)
    first = client.post(team_page.url, data)
    assert first.status_code == 302, first.content.decode()[:3000]
    again = client.post(team_page.url, data)
    assert again["Location"] == first["Location"]
    assert VolunteerApplication.objects.count() == 1


def test_two_people_on_one_cached_page_never_share_a_token(client, event):
    assert token_of(client, event.url) != token_of(client, event.url)
