import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from home.generation import bump_records

TODAY = datetime.date(2026, 11, 25)


def query_count(client, url):
    """Queries to render `url`, after a warm-up request fills per-process caches."""
    assert client.get(url).status_code == 200
    # What is kept rendered under the record generations is measured as it is rebuilt: a
    # kept fragment would hide a statement per row in the panels it holds.
    bump_records()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def english():
    return Locale.objects.get(language_code="en")


def translate(page, **fields):
    """Copy `page` (and any missing parents) to English and publish it with `fields` set."""
    translated = page.copy_for_translation(english(), copy_parents=True).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated
