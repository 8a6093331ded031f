"""A compound's page gathers what other features know about it, through hooks."""

import pytest

pytestmark = pytest.mark.django_db


def test_compound_page_shows_firm_rank_station_and_events(client, demo):
    html = client.get("/compounds/miaopu/").content.decode()
    # The firm now serving 苗圃小区 and how it ranked in the newest month.
    assert 'id="compound-rank-heading"' in html
    assert "/rankings/firms/jiangnan/" in html
    # Its service station and the events held there.
    assert 'href="/services/stations/miaopu/"' in html
    assert 'id="compound-events-heading"' in html


def test_compound_without_station_or_events_shows_no_empty_panels(client, demo):
    html = client.get("/compounds/binhe/").content.decode()
    assert 'id="compound-station-heading"' not in html
    assert 'id="compound-rank-heading"' in html


def test_compound_panels_in_english(client, demo):
    response = client.get("/en/compounds/miaopu/")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Property firm&#x27;s monthly ranking" in html or "Property firm's monthly ranking" in html
    )
    assert "/en/services/stations/miaopu/" in html
