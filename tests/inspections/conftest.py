import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group

from home.roles import EDITORS, MODERATORS
from tests.factories.home import CommunityFactory, CompoundFactory, PropertyFirmFactory, city_level

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture
def frozen_today():
    with time_machine.travel(
        datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield TODAY


@pytest.fixture
def community(db):
    return CommunityFactory()


@pytest.fixture
def firm(community):
    return PropertyFirmFactory(community=community, name="城乡物业", slug="chengxiang")


@pytest.fixture
def compound(community, firm):
    return CompoundFactory(community=community, property_firm=firm, name="滨河小区", slug="binhe")


def staff(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.cn", "pw")
    city_level(user).groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    return staff(django_user_model, "editor", EDITORS)


@pytest.fixture
def moderator(django_user_model):
    return staff(django_user_model, "moderator", MODERATORS)


@pytest.fixture
def site_pages(home_page):
    """The public pages inspections appear on: rankings (firm profiles), compounds, letters,
    and the live service rules whose articles findings cite."""
    from wagtail.models import Locale

    from home.demo_tools import ensure_translation
    from notices.models import RegulationPage
    from tests.factories.notices import (
        CompoundIndexPageFactory,
        WorkLetterIndexPageFactory,
        WorkLetterItemFactory,
        WorkLetterPageFactory,
    )
    from tests.factories.rankings import RankingIndexPageFactory
    from tests.factories.regulations import RegulationIndexPageFactory, RegulationPageFactory

    en = Locale.objects.get(language_code="en")
    rankings = RankingIndexPageFactory(parent=home_page)
    ensure_translation(rankings, en, title="Firm rankings")
    compounds = CompoundIndexPageFactory(parent=home_page)
    ensure_translation(compounds, en, title="Compounds")
    letters = WorkLetterIndexPageFactory(parent=home_page)
    letter = WorkLetterPageFactory(parent=letters, month=datetime.date(2026, 10, 1), slug="2026-10")
    items = [
        WorkLetterItemFactory(page=letter, sort_order=n, requirement=f"第{n}项要求")
        for n in range(3)
    ]
    ensure_translation(letters, en, title="Work letters")
    ensure_translation(letter, en, title="Work letter, October 2026")
    rules = RegulationPageFactory(
        parent=RegulationIndexPageFactory(parent=home_page),
        kind=RegulationPage.Kind.SERVICE_RULES,
        live=False,
    )
    RegulationPage.objects.get(pk=rules.pk).save_revision().publish()
    return {
        "rankings": rankings,
        "compounds": compounds,
        "letter": letter,
        "items": items,
        "rules": RegulationPage.objects.get(pk=rules.pk),
    }
