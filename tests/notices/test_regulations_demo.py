"""The demo regulations and associations: substantial, linked and translated.

Idempotency is tested once for every app: tests/home/test_load_demo.py.
"""

import pytest

from notices.models import AssociationPage, RegulationArticle, RegulationIndexPage, RegulationPage

pytestmark = pytest.mark.django_db


def zh(model):
    return model.objects.filter(locale__language_code="zh-hans")


def test_demo_regulations(client, demo):
    rules = zh(RegulationPage).get(slug="property-management-service-rules")
    assert 6 <= len(rules.chapters) and 35 <= len(rules.articles) <= 50
    assert rules.is_in_force and rules.issuer.kind == AssociationPage.Kind.PROPERTY_FIRMS
    old = zh(RegulationPage).get(slug="property-management-service-rules-2021")
    assert not old.is_in_force and old.superseded_by_id == rules.pk
    work = zh(RegulationPage).get(slug="owners-committee-work-rules")
    assert 20 <= len(work.articles) <= 30
    assert RegulationArticle.objects.filter(page=rules).count() == len(rules.articles)
    assert RegulationArticle.objects.filter(page=rules, label="第四十五条").exists()
    index = zh(RegulationIndexPage).get()
    titles = [r.title for r in index.regulations()]
    assert titles.index(rules.title) < titles.index(old.title)
    assert len(titles) == 5  # two rules in force, two charters, one superseded
    for page in (index, rules, old, work):
        assert client.get(page.url).status_code == 200


def test_demo_associations(client, demo):
    owners = zh(AssociationPage).get(kind=AssociationPage.Kind.OWNERS_COMMITTEES)
    firms = zh(AssociationPage).get(kind=AssociationPage.Kind.PROPERTY_FIRMS)
    assert owners.duties.count() == 5 and firms.duties.count() == 4
    assert firms.firm_members.count() == 13
    assert owners.committee_members.count() == 10
    assert owners.charter().kind == RegulationPage.Kind.CHARTER
    assert firms.officers.filter(role="president").get().organisation == "小区治理党支部"
    html = client.get(firms.url).content.decode()
    assert "江南社区物业管理有限公司" in html and "苗圃小区" in html


def test_demo_english_pages(client, demo):
    en_index = RegulationIndexPage.objects.get(locale__language_code="en")
    assert en_index.title == "Regulations"
    html = client.get(en_index.url).content.decode()
    assert "Property-Management Service Rules" in html
    en_rules = RegulationPage.objects.get(
        locale__language_code="en", slug="property-management-service-rules"
    )
    html = client.get(en_rules.url).content.decode()
    assert "Article 45" in html
    en_firms = AssociationPage.objects.get(locale__language_code="en", kind="property_firms")
    html = client.get(en_firms.url).content.decode()
    assert "Industry evaluation" in html and "Jiangnan Community Property Management Co." in html
    # The issuer link on the English rules leads to the English association.
    assert f'href="{en_firms.url}"' in client.get(en_rules.url).content.decode()
