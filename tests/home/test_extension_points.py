"""A feature app plugs into home and search without either naming it (tests/pluginapp)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.contrib.redirects.models import Redirect

from home.demo_loaders import demo_loaders
from search import registry
from tests.pluginapp import demo as plugin_demo
from tests.pluginapp import search_types as plugin_search_types

pytestmark = pytest.mark.django_db

PANEL = '<section class="plugin-panel">'


@pytest.fixture
def plugin_active(settings):
    settings.PLUGINAPP_ACTIVE = True


def test_home_page_renders_the_plugin_panel_in_its_order(client, home_page, plugin_active):
    html = client.get("/").content.decode()
    assert f"{PANEL}<h2>Plugged into {home_page.title}</h2></section>" in html
    # Order 15: after the notices (10), before the ranking (20) and the events (30).
    positions = [
        html.index(marker)
        for marker in ('id="notices-heading"', PANEL, 'id="ranking-heading"', 'id="events-heading"')
    ]
    assert positions == sorted(positions)


def test_a_hook_returning_none_adds_no_panel(client, home_page):
    html = client.get("/").content.decode()
    assert PANEL not in html
    assert 'id="notices-heading"' in html


def test_search_types_list_the_plugin_type_before_other_pages():
    keys = [search_type.key for search_type in registry.search_types()]
    assert keys == [
        "notices",
        "regulations",
        "follow_ups",
        "rankings",
        "firms",
        "red_black",
        "recommendations",
        "services",
        "stations",
        "events",
        "reports",
        "compounds",
        plugin_search_types.KEY,
        "pages",
    ]


def test_results_page_filters_by_the_plugin_type(client, home_page, plugin_active):
    response = client.get("/search/", {"q": home_page.title})
    assert response.status_code == 200
    counts = {key: count for key, _, count in response.context["site_search"].type_counts}
    assert counts.get(plugin_search_types.KEY) == 1
    assert f"{plugin_search_types.LABEL} (1)" in response.content.decode()
    only = client.get("/search/", {"q": home_page.title, "type": plugin_search_types.KEY})
    assert [hit.obj.pk for hit in only.context["results"].object_list] == [home_page.pk]


def test_load_demo_runs_the_plugin_loader(demo):
    redirect = Redirect.objects.get(old_path=plugin_demo.OLD_PATH)
    # It ran after home's loader, whose home page it links to.
    assert redirect.redirect_page.specific_class.__name__ == "HomePage"


def test_demo_loaders_run_in_dependency_order():
    paths = [path for path, _load in demo_loaders()]
    assert paths[0] == "home.demo.load"
    assert paths.index("tests.pluginapp.demo.load") > 0
    assert paths[-1] == "search.demo.load"  # demo_after = "*"


def test_a_loader_that_cannot_be_imported_fails_loudly(monkeypatch):
    from django.apps import apps

    config = apps.get_app_config("pluginapp")
    monkeypatch.setattr(config, "demo_loaders", ("tests.pluginapp.demo.missing",))
    with pytest.raises(ImportError):
        demo_loaders()


def test_a_demo_dependency_that_is_not_installed_fails_loudly(monkeypatch):
    from django.apps import apps

    config = apps.get_app_config("pluginapp")
    monkeypatch.setattr(config, "demo_after", ("nowhere",))
    with pytest.raises(ImproperlyConfigured):
        demo_loaders()
