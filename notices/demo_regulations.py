"""Demo regulations and associations: the 细则 (current and superseded), the 工作规则, both
associations with duties, officers, members and charters, and their English versions.

Block ids come from a fixed namespace, so article anchors are the same on every machine and
the search suite can name them.
"""

import datetime
import uuid

from django.utils.html import escape

from home.demo_tools import english, ensure_page, ensure_translation
from home.models import OwnersCommittee

from .demo_texts import committee_rules as texts
from .demo_texts import service_rules as rules
from .models import (
    AssociationCommitteeMember,
    AssociationDuty,
    AssociationFirmMember,
    AssociationOfficer,
    AssociationPage,
    RegulationIndexPage,
    RegulationPage,
)

BLOCK_NAMESPACE = uuid.UUID("5d1c3f0e-8a52-4c1b-9a57-0f3d2b6e7a10")

OWNERS_ASSOCIATION = "回风亭社区业主委员会协会"
FIRMS_ASSOCIATION = "回风亭社区物业公司协会"


def block_id(document, key):
    return str(uuid.uuid5(BLOCK_NAMESPACE, f"{document}:{key}"))


def paragraphs(text):
    return "".join(f"<p>{escape(line)}</p>" for line in text.split("\n") if line.strip())


def regulation_body(document, chapters):
    """Raw StreamField data for `chapters` of (title, [(heading, text), ...])."""
    data = []
    for c, (title, articles) in enumerate(chapters, start=1):
        items = [
            {
                "type": "item",
                "value": {"heading": heading, "text": paragraphs(text)},
                "id": block_id(document, f"{c}.{a}"),
            }
            for a, (heading, text) in enumerate(articles, start=1)
        ]
        data.append(
            {
                "type": "chapter",
                "value": {"title": title, "articles": items},
                "id": block_id(document, c),
            }
        )
    return data


def duties(pairs):
    return [AssociationDuty(title=title, text=text) for title, text in pairs]


def load_associations(home, firms, compounds):
    committees = {
        c.compound_id: c
        for c in OwnersCommittee.objects.filter(compound__in=list(compounds.values()))
    }
    owners = ensure_page(
        home,
        AssociationPage,
        "owners-committee-association",
        title=OWNERS_ASSOCIATION,
        kind=AssociationPage.Kind.OWNERS_COMMITTEES,
        short_name="业委会协会",
        founded_on=datetime.date(2021, 3, 18),
        intro=(
            "<p>业委会协会由社区内已成立业主委员会的小区共同组成，在社区党委领导下工作，"
            "会长由小区治理党支部书记兼任。协会帮助3个小区成立了业主委员会，指导3个业主委员会"
            "完成换届，与物业公司协会共同开展联合监督检查，调处居民之间、业委会与物业之间的"
            "矛盾纠纷。检查和调解的次数见“工作成效”和居民诉求的月度统计。</p>"
        ),
        address="巴中市巴州区回风街道回风亭社区党群服务中心二楼",
        phone="0827-5268016",
        office_hours="周一至周五 9:00–17:00",
        duties=duties(texts.OWNERS_DUTIES),
        officers=[
            AssociationOfficer(role="president", organisation="小区治理党支部"),
            AssociationOfficer(role="vice_president", organisation="云影香山小区业主委员会"),
            AssociationOfficer(role="vice_president", organisation="北路华府小区业主委员会"),
            AssociationOfficer(role="secretary_general", organisation="宇众傲城小区业主委员会"),
        ],
        committee_members=[
            AssociationCommitteeMember(committee=committees[compound.pk])
            for compound in compounds.values()
            if compound.pk in committees
        ],
    )
    firm_association = ensure_page(
        home,
        AssociationPage,
        "property-company-association",
        title=FIRMS_ASSOCIATION,
        kind=AssociationPage.Kind.PROPERTY_FIRMS,
        short_name="物业公司协会",
        founded_on=datetime.date(2021, 3, 18),
        intro=(
            "<p>物业公司协会由在社区提供物业服务的13家物业服务企业组成，会长由小区治理党支部"
            "书记兼任。协会制定《物业管理服务细则》，为每家企业建立履约档案，按月公布考核排名，"
            "定期组织物业从业人员业务培训（场次按培训记录统计）。在协会监督下，一家企业的物业费收缴率由50%提高到85%。</p>"
        ),
        address="巴中市巴州区回风街道回风亭社区党群服务中心二楼",
        phone="0827-5268017",
        office_hours="周一至周五 9:00–17:00",
        duties=duties(texts.FIRMS_DUTIES),
        officers=[
            AssociationOfficer(role="president", organisation="小区治理党支部"),
            AssociationOfficer(role="vice_president", organisation=firms["jiangnan"].name),
            AssociationOfficer(role="vice_president", organisation=firms["huafu"].name),
            AssociationOfficer(role="secretary_general", organisation=firms["yuzhong"].name),
        ],
        firm_members=[AssociationFirmMember(firm=firm) for firm in firms.values()],
    )
    return owners, firm_association


def load_charters(owners, firm_association):
    ensure_page(
        owners,
        RegulationPage,
        "charter",
        title=texts.OWNERS_CHARTER_TITLE,
        kind=RegulationPage.Kind.CHARTER,
        issuing_body=OWNERS_ASSOCIATION,
        issuer=owners,
        adopted_on=datetime.date(2021, 3, 18),
        body=regulation_body("owners-charter", texts.OWNERS_CHARTER),
    )
    ensure_page(
        firm_association,
        RegulationPage,
        "charter",
        title=texts.FIRMS_CHARTER_TITLE,
        kind=RegulationPage.Kind.CHARTER,
        issuing_body=FIRMS_ASSOCIATION,
        issuer=firm_association,
        adopted_on=datetime.date(2021, 3, 18),
        body=regulation_body("firms-charter", texts.FIRMS_CHARTER),
    )


def load_regulations(home, owners, firm_association):
    index = ensure_page(
        home,
        RegulationIndexPage,
        "regulations",
        title="规章制度",
        show_in_menus=True,
        intro=(
            "<p>社区物业服务和业主自治的规章制度：物业公司协会制定的《物业管理服务细则》、"
            "业委会协会制定的《业主委员会工作规则》和两个协会的章程。现行有效的排在前面。</p>"
        ),
    )
    current = ensure_page(
        index,
        RegulationPage,
        "property-management-service-rules",
        title=rules.TITLE,
        kind=RegulationPage.Kind.SERVICE_RULES,
        issuing_body=FIRMS_ASSOCIATION,
        issuer=firm_association,
        document_number="回物协〔2024〕1号",
        adopted_on=datetime.date(2024, 3, 15),
        effective_on=datetime.date(2024, 4, 1),
        intro=rules.INTRO,
        body=regulation_body("service-rules-2024", rules.CHAPTERS),
    )
    ensure_page(
        index,
        RegulationPage,
        "property-management-service-rules-2021",
        title=rules.OLD_TITLE,
        kind=RegulationPage.Kind.SERVICE_RULES,
        issuing_body=FIRMS_ASSOCIATION,
        issuer=firm_association,
        document_number="回物协〔2021〕2号",
        adopted_on=datetime.date(2021, 5, 10),
        effective_on=datetime.date(2021, 6, 1),
        status=RegulationPage.Status.SUPERSEDED,
        superseded_by=current,
        intro=rules.OLD_INTRO,
        body=regulation_body("service-rules-2021", rules.OLD_CHAPTERS),
    )
    ensure_page(
        index,
        RegulationPage,
        "owners-committee-work-rules",
        title=texts.WORK_RULES_TITLE,
        kind=RegulationPage.Kind.WORK_RULES,
        issuing_body=OWNERS_ASSOCIATION,
        issuer=owners,
        document_number="回业协〔2023〕3号",
        adopted_on=datetime.date(2023, 9, 20),
        effective_on=datetime.date(2023, 10, 1),
        intro=texts.WORK_RULES_INTRO,
        body=regulation_body("work-rules-2023", texts.WORK_RULES),
    )
    return index, current


def translate(index, current, owners, firm_association):
    en = english()
    ensure_translation(
        index,
        en,
        title="Regulations",
        intro=(
            "<p>The rules of property service and owners' self-government in Huifengting "
            "Community: the property-management service rules, the owners' committee work "
            "rules and the charters of the two associations. Those in force come first.</p>"
        ),
    )
    ensure_translation(current, en, title=rules.EN_TITLE, intro=rules.EN_INTRO)
    ensure_translation(
        owners,
        en,
        title="Huifengting Owners' Committee Association",
        short_name="OCA",
        intro=(
            "<p>The association of the community's owners' committees, led by the community "
            "party committee; the secretary of the compound-governance party branch is its "
            "president. It helped 3 compounds form owners' committees, guided 3 re-elections, "
            "and with the property-company association runs joint checks of the firms and "
            "settles disputes between residents, owners' committees and firms.</p>"
            "<p>The numbers of checks and settlements are on the achievements page and in "
            "the monthly figures of residents' reports.</p>"
        ),
        address="2nd floor, Party–Masses Service Centre, Huifengting Community, Bazhong",
        office_hours="Monday to Friday 9:00–17:00",
        duties=duties(texts.OWNERS_DUTIES_EN),
        officers=[
            AssociationOfficer(role="president", organisation="Compound-governance party branch"),
            AssociationOfficer(
                role="vice_president", organisation="Yunying Xiangshan owners' committee"
            ),
            AssociationOfficer(role="vice_president", organisation="Beilu Huafu owners' committee"),
            AssociationOfficer(
                role="secretary_general", organisation="Yuzhong Aocheng owners' committee"
            ),
        ],
    )
    ensure_translation(
        firm_association,
        en,
        title="Huifengting Property-Company Association",
        short_name="PCA",
        intro=(
            "<p>The association of the 13 property firms serving the community; the secretary "
            "of the compound-governance party branch is its president. It wrote the service "
            "rules, keeps each firm's performance record, publishes a monthly ranking and "
            "runs training sessions for firm staff. Under its oversight one firm's fee collection rose from "
            "50% to 85%.</p>"
        ),
        address="2nd floor, Party–Masses Service Centre, Huifengting Community, Bazhong",
        office_hours="Monday to Friday 9:00–17:00",
        duties=duties(texts.FIRMS_DUTIES_EN),
        officers=[
            AssociationOfficer(role="president", organisation="Compound-governance party branch"),
            AssociationOfficer(
                role="vice_president", organisation="Jiangnan Community Property Management Co."
            ),
            AssociationOfficer(
                role="vice_president", organisation="Bazhong Huafu Property Management Co."
            ),
            AssociationOfficer(
                role="secretary_general", organisation="Yuzhong Property Management Co."
            ),
        ],
    )


def load(context):
    home = context["home"]
    owners, firm_association = load_associations(home, context["firms"], context["compounds"])
    load_charters(owners, firm_association)
    index, current = load_regulations(home, owners, firm_association)
    translate(index, current, owners, firm_association)
    context.update(
        regulation_index=index,
        service_rules=current,
        associations={"owners": owners, "firms": firm_association},
    )
