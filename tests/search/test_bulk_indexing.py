"""Bulk indexing (the synthetic city's load): each field analysed once per object, the index
rows written by plain SQL equal to modelsearch's, and the title norms refreshed once per
`bulk_indexing()` block instead of after every batch."""

import pytest
from django.db import connection
from modelsearch.backends.database.postgres.postgres import IndexEntry, PostgresIndex
from wagtail.search.backends import get_search_backend

from search.backends import chinese
from search.backends.batch import bulk_indexing
from tests.factories.notices import NoticeIndexPageFactory, NoticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(home_page):
    from notices.models import NoticePage

    index = NoticeIndexPageFactory(parent=home_page)
    for title in ("北路华府停水通知", "沿江花园电梯维修通知", "业委会换届选举公告"):
        NoticePageFactory(parent=index, title=title)
    return list(NoticePage.objects.filter(pk__in=NoticePage.objects.values("pk")))


def test_each_field_is_analysed_once_per_object(notices, monkeypatch):
    from notices.models import NoticePage

    calls = []
    original = chinese.index_text
    monkeypatch.setattr(chinese, "index_text", lambda text: calls.append(text) or original(text))
    fields = chinese.analysed_fields(NoticePage.get_search_fields())
    obj = chinese.AnalysedObject(notices[0], fields)
    plain = [f for f in fields if isinstance(f, chinese.AnalysedSearchField)]
    first = [field.get_value(obj) for field in plain]
    again = [field.get_value(obj) for field in plain]
    assert first == again and any(first)
    assert len(calls) == len(plain)


def _rows(pks):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT object_id, title::text, autocomplete::text, body::text, title_text, "
            f"body_text FROM {IndexEntry._meta.db_table} WHERE object_id = ANY(%s) "
            "ORDER BY object_id",
            [[str(pk) for pk in pks]],
        )
        return cursor.fetchall()


@pytest.mark.postgres
def test_rows_written_equal_modelsearchs(notices):
    if connection.vendor != "postgresql":
        pytest.skip("The PostgreSQL index writer.")
    from notices.models import NoticePage

    backend = get_search_backend()
    index = backend.get_index_for_model(NoticePage)
    pks = [page.pk for page in notices]
    IndexEntry.objects.filter(object_id__in=[str(pk) for pk in pks]).delete()
    backend.add_bulk(NoticePage, notices)
    ours = _rows(pks)
    IndexEntry.objects.filter(object_id__in=[str(pk) for pk in pks]).delete()
    fields = chinese.analysed_fields(NoticePage.get_search_fields())
    PostgresIndex.add_items(index, NoticePage, [chinese.AnalysedObject(p, fields) for p in notices])
    stock = _rows(pks)
    assert len(ours) == len(notices) and ours == stock
    assert all(row[1] and row[3] for row in ours)  # titles and bodies were indexed


@pytest.mark.postgres
def test_title_norms_wait_for_the_end_of_the_block(notices):
    if connection.vendor != "postgresql":
        pytest.skip("Title norms are the PostgreSQL index's.")
    from notices.models import NoticePage

    backend = get_search_backend()
    pks = [str(page.pk) for page in notices]
    IndexEntry.objects.filter(object_id__in=pks).delete()
    with bulk_indexing():
        for page in notices:
            backend.add_bulk(NoticePage, [page])
        norms = set(
            IndexEntry.objects.filter(object_id__in=pks).values_list("title_norm", flat=True)
        )
        assert norms == {1.0}  # not refreshed yet
    after = IndexEntry.objects.filter(object_id__in=pks).values_list("title_norm", flat=True)
    assert len(after) == 3 and 1.0 not in set(after)
