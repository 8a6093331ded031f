"""Association pages: duties, officers (masked names), members from the directory, charter."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from home.demo_tools import ensure_translation
from home.models import OwnersCommittee
from notices.models import (
    AssociationCommitteeMember,
    AssociationDuty,
    AssociationFirmMember,
    AssociationOfficer,
    AssociationPage,
)
from tests.factories.home import CompoundFactory, PropertyFirmFactory
from tests.factories.regulations import AssociationPageFactory, RegulationPageFactory


def firm_association(home_page, firms=()):
    page = AssociationPageFactory(
        parent=home_page, title="回风亭社区物业公司协会", short_name="物业公司协会"
    )
    page.duties = [
        AssociationDuty(title="规范行为", text="规范会员企业的物业服务行为。"),
        AssociationDuty(title="行业评价", text="组织开展行业评价。"),
    ]
    page.officers = [
        AssociationOfficer(role="president", name="张三丰", organisation="小区治理党支部"),
        AssociationOfficer(role="vice_president", organisation="江南社区物业管理有限公司"),
    ]
    page.firm_members = [AssociationFirmMember(firm=f) for f in firms]
    page.save_revision().publish()
    return AssociationPage.objects.get(pk=page.pk)


def committee_association(home_page, committees=()):
    page = AssociationPageFactory(
        parent=home_page,
        title="回风亭社区业主委员会协会",
        kind=AssociationPage.Kind.OWNERS_COMMITTEES,
    )
    page.duties = [AssociationDuty(text="指导小区建设。")]
    page.committee_members = [AssociationCommitteeMember(committee=c) for c in committees]
    page.save_revision().publish()
    return AssociationPage.objects.get(pk=page.pk)


def make_committee(name):
    compound = CompoundFactory(name=f"{name}小区")
    return OwnersCommittee.objects.create(
        compound=compound, name=f"{name}小区业主委员会", locale=compound.locale
    )


def test_firm_association_page(client, home_page):
    firm = PropertyFirmFactory(name="江南社区物业管理有限公司")
    CompoundFactory(name="苗圃小区", property_firm=firm, community=firm.community)
    page = firm_association(home_page, [firm])
    charter = RegulationPageFactory(parent=page, title="物业公司协会章程", kind="charter")
    html = client.get(page.url).content.decode()
    assert '<ol class="duty-list">' in html and "行业评价" in html
    assert html.index("规范行为") < html.index("行业评价")
    assert "张**" in html and "张三丰" not in html
    assert "会长" in html and "副会长" in html
    assert "江南社区物业管理有限公司" in html and "苗圃小区" in html
    assert f'href="{charter.url}"' in html
    assert page.charter() == charter


def test_committee_association_lists_committees_with_compounds(client, home_page):
    page = committee_association(
        home_page, [make_committee("云影香山"), make_committee("北路华府")]
    )
    html = client.get(page.url).content.decode()
    assert "云影香山小区业主委员会" in html and "北路华府小区" in html
    assert "2 个会员单位" in html or "2 member organisations" in html


def test_members_must_match_the_kind(home_page):
    page = AssociationPageFactory.build(kind=AssociationPage.Kind.OWNERS_COMMITTEES)
    page.firm_members = [AssociationFirmMember(firm=PropertyFirmFactory())]
    with pytest.raises(ValidationError):
        page.clean()
    page = AssociationPageFactory.build(kind=AssociationPage.Kind.PROPERTY_FIRMS)
    page.committee_members = [AssociationCommitteeMember(committee=make_committee("金桂"))]
    with pytest.raises(ValidationError):
        page.clean()


def test_charter_in_force_beats_older_superseded(home_page):
    page = firm_association(home_page)
    RegulationPageFactory(
        parent=page,
        kind="charter",
        title="旧章程",
        status="superseded",
        adopted_on=datetime.date(2025, 1, 1),
        effective_on=None,
    )
    current = RegulationPageFactory(
        parent=page, kind="charter", title="章程", adopted_on=datetime.date(2022, 1, 1)
    )
    assert page.charter() == current


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_association_query_budget(client, home_page):
    firms = [PropertyFirmFactory() for _ in range(13)]
    for firm in firms:
        CompoundFactory(property_firm=firm, community=firm.community)
    small = firm_association(home_page, firms[:2])
    large = firm_association(home_page, firms)
    for page in (small, large):
        RegulationPageFactory(parent=page, kind="charter")
    committees = [make_committee(f"测试{n}") for n in range(10)]
    small_c = committee_association(home_page, committees[:2])
    large_c = committee_association(home_page, committees)
    # Warm each page once: its breadcrumb and language links are kept per page (per content
    # generation), which is a constant, not a cost that grows with members.
    for page in (small, large, small_c, large_c):
        client.get(page.url)
    assert _queries(client, small.url) == _queries(client, large.url)
    assert _queries(client, small_c.url) == _queries(client, large_c.url)


def test_english_page_shows_english_member_names(client, home_page):
    en = Locale.objects.get(language_code="en")
    firm = PropertyFirmFactory(name="江南社区物业管理有限公司")
    en_firm = firm.copy_for_translation(en)
    en_firm.name = "Jiangnan Community Property Management Co."
    en_firm.save()
    page = firm_association(home_page, [firm])
    en_page = ensure_translation(page, en, title="Property-Company Association")
    html = client.get(en_page.url).content.decode()
    assert 'lang="en"' in html
    assert "Jiangnan Community Property Management Co." in html
    assert "Duties" in html and "President" in html


def test_issued_regulations_follow_the_page_language(client, home_page):
    from tests.factories.regulations import RegulationIndexPageFactory

    en = Locale.objects.get(language_code="en")
    association = firm_association(home_page)
    index = RegulationIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    rules = RegulationPageFactory(parent=index, title="物业管理服务细则", issuer=association)
    rules.save_revision().publish()
    en_association = ensure_translation(association, en, title="Property-Company Association")
    en_rules = ensure_translation(rules, en, title="Service rules")
    assert association.issued_regulations_in_locale() == [rules]
    assert en_association.issued_regulations_in_locale() == [en_rules]
    assert "Service rules" not in client.get(association.url).content.decode()


def test_untranslated_committees_are_named_after_their_english_compound(client, home_page):
    en = Locale.objects.get(language_code="en")
    committee = make_committee("云影香山")
    en_compound = committee.compound.copy_for_translation(en)
    en_compound.name = "Yunying Xiangshan"
    en_compound.save()
    page = committee_association(home_page, [committee])
    en_page = ensure_translation(page, en, title="Owners' Committee Association")
    html = client.get(en_page.url).content.decode()
    assert (
        "Yunying Xiangshan owners&#x27; committee" in html
        or "Yunying Xiangshan owners' committee" in html
    )
    assert "云影香山小区业主委员会" not in html
    assert '<th scope="col">Name</th>' not in html  # no officer has a published name
