import pytest
from wagtail.models import Locale, Page, Site

from home.demo_tools import ensure_translation
from tests.factories.home import HomePageFactory


@pytest.fixture
def home_page(db):
    """A published HomePage as the default site's root, with its English translation."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, title="回风亭社区")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    ensure_translation(home, Locale.objects.get(language_code="en"), title="Huifengting Community")
    return home
