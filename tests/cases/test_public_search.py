"""Site search finds the public log's cases, links to their entry, and never a hidden one."""

import pytest
from django.core.management import call_command

from . import public_helpers as helpers
from .public_helpers import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed_cases(home_page, compound, category, noise, admin_user):
    shown = helpers.make_case(compound, category, title="车库入口被占")
    helpers.make_report(shown)
    shown.accept(admin_user)
    shown.route_to_firm(admin_user)
    shown.resolve(admin_user, "物业已清理占道车辆并设置禁停标志。")
    hidden = helpers.make_case(compound, noise, title="车库噪音不公开", is_public=False)
    helpers.make_report(hidden)
    call_command("update_index", verbosity=0)
    return shown, hidden


def test_a_public_case_is_a_search_result_linking_to_its_log_entry(client, indexed_cases):
    shown, hidden = indexed_cases
    response = client.get("/search/", {"q": "车库入口"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/reports/log/{shown.public_number}/" in html
    counts = {key: count for key, _, count in response.context["site_search"].type_counts}
    assert counts.get("reports") == 1


def test_hidden_cases_and_reporters_words_are_never_found(client, indexed_cases):
    shown, hidden = indexed_cases
    html = client.get("/search/", {"q": "车库噪音不公开"}).content.decode()
    assert hidden.public_number not in html
    html = client.get("/search/", {"q": helpers.SECRET_WORDS}).content.decode()
    assert shown.public_number not in html


def test_the_type_filter_and_the_compound_filter_narrow_to_the_case(
    client, indexed_cases, compound
):
    shown, _hidden = indexed_cases
    html = client.get("/search/", {"q": "车库", "type": "reports"}).content.decode()
    assert shown.public_number in html
    html = client.get("/search/", {"q": "车库", "compound": compound.slug}).content.decode()
    assert shown.public_number in html


def test_the_category_and_compound_filters_narrow_the_reports(
    client, indexed_cases, compound, other_compound, category, noise, admin_user
):
    """Searchable by category and compound: each filter keeps only the matching reports."""
    parked, _hidden = indexed_cases
    loud = helpers.make_case(other_compound, noise, title="车库卷帘门夜间噪音")
    call_command("update_index", verbosity=0)

    def found(**params):
        response = client.get("/search/", {"q": "车库", **params})
        assert response.status_code == 200
        html = response.content.decode()
        return {case.public_number for case in (parked, loud) if case.public_number in html}

    assert found() == {parked.public_number, loud.public_number}
    assert found(category=category.slug) == {parked.public_number}
    assert found(category=noise.slug) == {loud.public_number}
    assert found(category=noise.slug, compound=compound.slug) == set()
    assert found(category=noise.slug, compound=other_compound.slug) == {loud.public_number}
    response = client.get("/search/", {"q": "车库", "category": noise.slug})
    assert [key for key, _label, count in response.context["site_search"].type_counts if count] == [
        "reports"
    ]
    form = response.context["form"]
    assert (noise.slug, noise.name) in form.fields["category"].choices
    assert 'name="category"' in response.content.decode()


@pytest.mark.parametrize("value", ["no-such-category", "\x00", "😀", "9" * 60])
def test_an_unknown_category_is_reported_and_ignored(client, indexed_cases, value):
    parked, _hidden = indexed_cases
    response = client.get("/search/", {"q": "车库", "category": value})
    assert response.status_code == 200
    assert response.context["form"].errors["category"]
    assert parked.public_number in response.content.decode()
