"""Demo content: six published months for the 13 firms, and the story of 苗圃小区.

苗圃小区 (an old compound) was served by 巴中城乡物业服务有限公司, which sits at the bottom
of the ranking month after month, gets replacement advice, and is replaced by 江南社区物业
管理有限公司 (the firm the directory lists today) in the latest month.
"""

import datetime
import hashlib
from decimal import ROUND_HALF_UP, Decimal

from home.demo_tools import english, ensure_page, ensure_translation

from .models import (
    Criterion,
    ManagementGroup,
    RankingIndexPage,
    RankingMonthPage,
    RedBlackEntry,
    ScoreCorrection,
    ServicePeriod,
    month_title,
)
from .scoresheet import FirmEntry, save_scores

MONTHS = [datetime.date(2026, month, 1) for month in range(5, 11)]  # May–October 2026
LATEST = len(MONTHS) - 1

CRITERIA = [
    ("公共环境保洁", "Public cleaning", 25),
    ("公共设施维修", "Public-facility repair", 20),
    ("公共安全监管", "Public-safety supervision", 25),
    ("绿化美化", "Greening and beautification", 15),
    ("投诉处理", "Complaint handling", 15),
]

# Each firm's usual level out of 100; 城乡物业 slides month by month.
LEVEL = {
    "jiangnan": 92,
    "huafu": 91,
    "yuzhong": 89,
    "hengxin": 88,
    "yunying": 87,
    "guangdian": 85,
    "jincheng": 84,
    "hongrong": 83,
    "jingui": 82,
    "anju": 81,
    "meijia": 79,
    "linli": 78,
}
CHENGXIANG_LEVEL = [71, 69, 67, 65, 63, 64]

# month index -> (position that copies, position copied), positions in the month's order best
# first: June ties 2nd and 3rd (three firms commended), August ties 11th and 12th (three
# firms get replacement advice), September ties two firms mid-table.
TIES = {1: (2, 1), 3: (-3, -2), 4: (6, 5)}

REMARKS = {
    "high": "楼道、电梯厅保洁到位，设施报修当日响应，消防通道畅通，投诉均在三日内办结。",
    "mid": "公共区域整体整洁，个别楼栋绿化带有杂物、路灯报修处理偏慢，已要求限期整改。",
    "low": "垃圾清运不及时，消防通道堆放杂物，单元门禁损坏逾期未修，业主投诉回复不及时。",
}

# (month index, red/black, day, firm, compound or None, Chinese, English)
RED_BLACK = [
    (
        0,
        "black",
        12,
        "chengxiang",
        "miaopu",
        "苗圃小区3栋化粪池外溢一周未处理，业主多次报修无果。",
        (
            "A septic tank overflowed at Building 3 of Miaopu and went untreated for a week "
            "despite repeated reports."
        ),
    ),
    (
        0,
        "red",
        20,
        "huafu",
        "beilu-huafu",
        "暴雨夜物业人员连夜清理地下车库积水，保障住户车辆安全。",
        "Staff pumped out the flooded underground car park overnight during a rainstorm.",
    ),
    (
        1,
        "black",
        8,
        "chengxiang",
        "miaopu",
        "苗圃小区消防通道长期被杂物占用，联合检查时仍未清理。",
        "The fire lane at Miaopu was still blocked by clutter at the joint inspection.",
    ),
    (
        1,
        "red",
        16,
        "yuzhong",
        "yuzhong-aocheng",
        "为独居老人代办缴费、送药上门，获业主委员会书面表扬。",
        (
            "Staff paid bills and delivered medicine for elderly residents living alone; "
            "the owners' committee wrote to thank them."
        ),
    ),
    (
        2,
        "black",
        5,
        "chengxiang",
        "binhe",
        "滨河小区垃圾清运连续三天中断，引发集中投诉。",
        "Rubbish collection at Binhe stopped for three days running, causing a wave of complaints.",
    ),
    (
        2,
        "red",
        22,
        "jiangnan",
        None,
        "派员参加社区物业公司协会组织的服务规范培训，全员考核合格。",
        (
            "All staff attended the association's service-standards training and passed the "
            "assessment."
        ),
    ),
    (
        3,
        "black",
        10,
        "chengxiang",
        "miaopu",
        "苗圃小区单元门禁损坏一个多月未修复，业主委员会书面催告。",
        (
            "A building entry gate at Miaopu stayed broken for over a month; the owners' committee "
            "sent a written demand."
        ),
    ),
    (
        3,
        "red",
        18,
        "guangdian",
        "guangdian-huayuan",
        "协助业主筹资加装电梯，做好施工期间安全围挡与保洁。",
        (
            "Helped owners raise money for a new lift and kept the site safe and clean during the "
            "works."
        ),
    ),
    (
        4,
        "black",
        9,
        "chengxiang",
        "miaopu",
        "苗圃小区业主大会表决更换物业，城乡物业交接资料不全、拖延撤场。",
        (
            "Miaopu owners voted to change firms; the outgoing firm handed over incomplete records "
            "and delayed leaving."
        ),
    ),
    (
        4,
        "red",
        25,
        "yunying",
        "yunying-xiangshan",
        "配合新成立的业主委员会完成公共收益公示，账目清楚。",
        (
            "Worked with the newly elected owners' committee to publish the compound's shared "
            "income, with clear accounts."
        ),
    ),
    (
        5,
        "red",
        8,
        "jiangnan",
        "miaopu",
        "江南物业进驻苗圃小区首月，清运陈年垃圾40余车，修复门禁和路灯。",
        (
            "In its first month at Miaopu, Jiangnan cleared over 40 truckloads of old rubbish and "
            "repaired gates and street lights."
        ),
    ),
    (
        5,
        "black",
        15,
        "linli",
        "bazhou-yinxiang",
        "巴州印象电梯困人事件响应超时，已约谈整改。",
        (
            "A lift entrapment at Bazhou Yinxiang was answered too late; the firm was summoned to "
            "put it right."
        ),
    ),
]

CORRECTION = {
    "month": 3,
    "firm": "guangdian",
    "criterion": "公共设施维修",
    "new_value": None,  # two points higher than published
    "reason": "物业公司补交了电梯维保记录，经联合检查组复核，公共设施维修得分调增2分。",
}


def _jitter(*parts):
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return (Decimal(digest[0] % 5) - 2) / 2  # -1, -0.5, 0, 0.5 or 1


def _half(value):
    return (value * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2


def planned_scores(criteria):
    """month index -> firm slug -> [score per criterion]."""
    plan = {}
    for index in range(len(MONTHS)):
        month_plan = {}
        for slug in [*LEVEL, "chengxiang"]:
            level = CHENGXIANG_LEVEL[index] if slug == "chengxiang" else LEVEL[slug]
            level += float(_jitter(slug, index, "level")) * 2
            values = []
            for criterion in criteria:
                value = criterion.max_score * Decimal(str(level)) / 100
                value = _half(value + _jitter(slug, index, criterion.name))
                values.append(min(max(value, Decimal(0)), criterion.max_score))
            month_plan[slug] = values
        if index in TIES:
            order = sorted(month_plan, key=lambda slug: sum(month_plan[slug]), reverse=True)
            copier, copied = (order[position] for position in TIES[index])
            values = list(month_plan[copied])
            # Same total, different detail: move half a point between two criteria.
            if values[0] >= Decimal("0.5") and values[1] + Decimal("0.5") <= criteria[1].max_score:
                values[0] -= Decimal("0.5")
                values[1] += Decimal("0.5")
            month_plan[copier] = values
        plan[index] = month_plan
    return plan


def remarks_for(values, criteria):
    share = sum(values) / sum(c.max_score for c in criteria)
    return (
        REMARKS["high"]
        if share >= Decimal("0.86")
        else REMARKS["mid"]
        if share >= Decimal("0.75")
        else REMARKS["low"]
    )


def ensure_criteria():
    return [
        Criterion.objects.get_or_create(
            name=name,
            defaults={
                "name_en": name_en,
                "max_score": Decimal(max_score),
                "sort_order": order * 10,
            },
        )[0]
        for order, (name, name_en, max_score) in enumerate(CRITERIA, start=1)
    ]


def ensure_service_history(firms, compounds):
    miaopu = compounds["miaopu"]
    ServicePeriod.objects.get_or_create(
        compound=miaopu,
        firm=firms["chengxiang"],
        defaults={"start_month": datetime.date(2015, 1, 1), "end_month": MONTHS[LATEST - 1]},
    )
    ServicePeriod.objects.get_or_create(
        compound=miaopu, firm=firms["jiangnan"], defaults={"start_month": MONTHS[LATEST]}
    )
    # 滨河小区 has no owners' committee: the party branch set up a management group, which
    # receives the replacement advice (rankings/demo_story.py).
    ManagementGroup.objects.get_or_create(
        compound=compounds["binhe"],
        defaults={
            "name": "滨河小区物业管理小组",
            "buildings": "1–6栋",
            "set_up_on": datetime.date(2024, 3, 1),
        },
    )


def month_title_en(month):
    return f"Property firm ranking, {month:%B %Y}"


def load_month(index_page, index, month, plan, criteria_rows, firms, compounds):
    slug = f"{month:%Y-%m}"
    page = index_page.get_children().filter(slug=slug).first()
    if page is not None:
        return page.specific
    page = RankingMonthPage(
        title=month_title(month),
        slug=slug,
        month=month,
        locale=index_page.locale,
        intro=(
            f"<p>社区物业公司协会会同小区治理党支部、业主委员会协会，于{month.month}月对辖区"
            "13家物业公司进行了联合履约检查。</p>"
        ),
        live=False,
    )
    page.red_black_entries = [
        RedBlackEntry(
            kind=kind,
            date=month.replace(day=day),
            firm=firms[firm],
            compound=compounds[compound] if compound else None,
            description=zh,
        )
        for m, kind, day, firm, compound, zh, _en in RED_BLACK
        if m == index
    ]
    index_page.add_child(instance=page)
    criteria = page.freeze_criteria()
    save_scores(
        page,
        [
            FirmEntry(
                firms[slug],
                {c.pk: value for c, value in zip(criteria, values, strict=True)},
                remarks_for(values, criteria),
            )
            for slug, values in plan[index].items()
        ],
    )
    page.save_revision().publish()
    page.refresh_from_db()
    if index == CORRECTION["month"]:
        score = (
            page.assessments.get(firm=firms[CORRECTION["firm"]])
            .scores.select_related("criterion", "assessment__firm", "assessment__month")
            .get(criterion__name=CORRECTION["criterion"])
        )
        new_value = min(score.value + 2, score.criterion.max_score)
        ScoreCorrection.objects.propose(score, new_value, CORRECTION["reason"]).approve()
    return page


def translate_month(page, index):
    en = english()
    translated = page.get_translation_or_none(en)
    if translated is not None:
        return translated
    translated = page.copy_for_translation(en, copy_parents=True).specific
    translated.title = month_title_en(page.month)
    translated.intro = (
        f"<p>In {page.month:%B} the property-company association, with the compound-governance "
        "party branch and the owners' committee association, checked how the 13 firms honour "
        "their contracts.</p>"
    )
    english_text = {zh: en_text for _m, _k, _d, _f, _c, zh, en_text in RED_BLACK}
    entries = list(translated.red_black_entries.all())
    for entry in entries:
        entry.description = english_text.get(entry.description, entry.description)
    translated.red_black_entries = entries
    translated.save_revision().publish()
    return translated


def load(context):
    firms, compounds, home = context["firms"], context["compounds"], context["home"]
    ensure_criteria()
    ensure_service_history(firms, compounds)
    index_page = ensure_page(
        home,
        RankingIndexPage,
        "rankings",
        title="物业履约考核排名",
        show_in_menus=True,
        intro=(
            "<p>社区物业公司协会每月对辖区物业公司开展履约检查，按公共环境保洁、公共设施维修、"
            "公共安全监管、绿化美化和投诉处理等项目打分排名：前两名由社区表彰，后两名向其服务"
            "小区的业主委员会提出更换建议。</p>"
        ),
    )
    ensure_translation(
        index_page,
        english(),
        title="Property firm rankings",
        intro=(
            "<p>Every month the property-company association checks how each firm honours its "
            "contract, scoring public cleaning, facility repair, public safety, greening and "
            "complaint handling. The top two are commended by the community; for the bottom two, "
            "the owners' committees of the compounds they serve are advised to consider "
            "replacing them.</p>"
        ),
    )
    criteria_rows = ensure_criteria()
    plan = planned_scores(criteria_rows)
    for index, month in enumerate(MONTHS):
        page = load_month(index_page, index, month, plan, criteria_rows, firms, compounds)
        translate_month(page, index)
    context["rankings_index"] = index_page
