import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from home.roles import EDITORS, MODERATORS
from search.models import SearchSynonym, ZeroResultQuery
from search.query import synonym_map

pytestmark = pytest.mark.django_db


def staff(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(username, password="pw-123456")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_default_synonyms_are_seeded():
    assert "业主委员会" in synonym_map()["业委会"]
    assert "社会保险" in synonym_map()["社保"]


def test_synonym_cache_is_invalidated_on_save_and_delete():
    assert "加梯" not in synonym_map()
    entry = SearchSynonym.objects.create(term="加梯", synonyms="加装电梯，电梯加装")
    assert synonym_map()["加装电梯"] == ["加装电梯", "加梯", "电梯加装"]
    entry.delete()
    assert "加梯" not in synonym_map()


def test_moderators_edit_synonyms_in_the_admin(client, django_user_model):
    client.force_login(staff(django_user_model, "mod", MODERATORS))
    entry = SearchSynonym.objects.get(term="业委会")
    url = f"/admin/snippets/site_search/searchsynonym/edit/{entry.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"term": "业委会", "synonyms": "业主委员会 业主大会"})
    assert response.status_code == 302
    assert "业主大会" in synonym_map()["业委会"]


def test_editors_cannot_edit_synonyms(client, django_user_model):
    client.force_login(staff(django_user_model, "ed", EDITORS))
    entry = SearchSynonym.objects.get(term="业委会")
    assert client.get(
        f"/admin/snippets/site_search/searchsynonym/edit/{entry.pk}/"
    ).status_code in {302, 403}


def test_report_lists_popular_and_zero_result_queries_of_30_days(client, django_user_model):
    today = timezone.localdate()
    popular = Query.get("物业费")
    for _ in range(3):
        popular.add_hit()
    Query.get("陈年旧事").add_hit(date=today - datetime.timedelta(days=45))
    ZeroResultQuery.objects.create(query_string="火星", date=today, count=4)
    ZeroResultQuery.objects.create(
        query_string="上古", date=today - datetime.timedelta(days=40), count=9
    )
    client.force_login(staff(django_user_model, "ed2", EDITORS))
    response = client.get("/admin/reports/search-terms/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "物业费" in html and "火星" in html
    assert "陈年旧事" not in html and "上古" not in html
    rows = list(response.context["object_list"])
    assert [(row.query_string, row.searches) for row in rows] == [("物业费", 3)]


def test_report_is_in_the_reports_menu_and_staff_only(client, django_user_model):
    anonymous = client.get("/admin/reports/search-terms/")
    assert anonymous.status_code == 302
    client.force_login(staff(django_user_model, "mod2", MODERATORS))
    assert "/admin/reports/search-terms/" in client.get("/admin/").content.decode()
