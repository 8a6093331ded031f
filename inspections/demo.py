"""Demo content: the associations' 66 joint inspections and 12 training sessions as records.

Spread over the ranking's demo months (rankings/demo.py, May–October 2026), each inspection
names the firm that served the compound then (滨河 and 苗圃 are 城乡物业's until September,
苗圃 is 江南物业's from October), findings cite articles of the current 物业管理服务细则,
and the firms checked in a month with a work letter get a status on its requirements.
城乡物业, at the bottom of the ranking, has the most findings, late or failed rectifications
and missed trainings, so the records tell the ranking's story. Loading twice adds nothing.
"""

import datetime
import hashlib

from django.db import transaction
from wagtail.models import Locale

from notices.models import RegulationArticle, WorkLetterPage
from rankings.demo import MONTHS

from .models import (
    Inspection,
    InspectionEvent,
    InspectionFinding,
    RequirementCheck,
    Training,
    TrainingAttendance,
    firm_serving,
)
from .models.inspections import service_rules_q

DEMO_USER = "演示数据"
INSPECTIONS_PER_MONTH = 11  # 66 over the six demo months
WEAK_FIRM = "chengxiang"

# (article heading in the service rules, what was found)
FINDINGS = [
    ("日常保洁标准", "3栋、5栋楼道堆放纸箱和废旧家具，未按日常保洁标准及时清理。"),
    ("生活垃圾分类", "垃圾分类投放点厨余垃圾桶满溢，未按时清运，周边有异味。"),
    ("消防通道", "地下车库消防通道被私家车占用，未见物业劝离记录。"),
    ("电动自行车充电", "2单元门厅有电动自行车停放充电，存在飞线充电隐患。"),
    ("消防设施", "部分楼层灭火器压力不足，消火栓箱内水带缺失。"),
    ("公共照明和门窗", "4栋楼梯间声控灯损坏多盏，单元门闭门器失灵。"),
    ("电梯维护保养", "电梯轿厢内维保记录未按月更新。"),
    ("绿化养护", "中心绿地杂草丛生，绿篱未按季修剪。"),
    ("收费公示", "小区公告栏未公示本年度物业服务费收支情况。"),
    ("投诉记录", "业主投诉登记簿记录不全，部分投诉未写明处理结果。"),
    ("门禁管理", "北门门禁系统故障，外来人员进出未登记。"),
    ("安全巡查", "夜间安全巡查记录缺少签字，巡查频次不足。"),
]

TOPICS = [
    ("《物业管理服务细则》解读", "社区党群服务中心"),
    ("电梯安全管理与困人救援", "社区党群服务中心"),
    ("消防安全与电动自行车充电管理", "北路华府小区党群服务站"),
    ("生活垃圾分类实务", "社区党群服务中心"),
    ("物业服务费收支公示规范", "社区党群服务中心"),
    ("投诉处理与业主沟通技巧", "广电花园小区党群服务站"),
    ("汛期安全与应急处置", "社区党群服务中心"),
    ("二次供水卫生管理", "社区党群服务中心"),
    ("绿化养护与病虫害防治", "阳光丽景小区党群服务站"),
    ("冬季消防联合检查要点", "社区党群服务中心"),
    ("物业服务合同与履约档案", "社区党群服务中心"),
    ("矛盾纠纷调解与邻里协商", "社区党群服务中心"),
]


def _number(*parts):
    """A stable pseudo-random number from the parts, the same on every load."""
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def _month_days(month):
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    return (next_month - month).days


def articles_by_heading():
    return {
        article.heading: article for article in RegulationArticle.objects.filter(service_rules_q())
    }


def letters_by_month():
    letters = WorkLetterPage.objects.filter(locale=Locale.get_default()).prefetch_related("items")
    return {letter.month: list(letter.items.all()) for letter in letters}


def plan_inspections(compounds, firms_by_pk):
    """[(date, compound, firm)]: eleven a month, every compound in turn, the weak firm's
    compounds every month."""
    ordered = sorted(compounds.values(), key=lambda compound: compound.slug)
    plan = []
    for index, month in enumerate(MONTHS):
        weak = [c for c in ordered if firms_by_pk.get(_firm_pk(c, month)) == WEAK_FIRM]
        others = [c for c in ordered if c not in weak]
        start = (index * (INSPECTIONS_PER_MONTH - len(weak))) % len(others)
        rotation = others[start:] + others[:start]
        chosen = (weak + rotation)[:INSPECTIONS_PER_MONTH]
        step = max((_month_days(month) - 6) // INSPECTIONS_PER_MONTH, 1)
        for position, compound in enumerate(chosen):
            date = month.replace(day=3 + position * step)
            plan.append((date, compound))
    return plan


def _firm_pk(compound, month):
    firm = firm_serving(compound, month)
    return firm.pk if firm else None


def findings_for(date, firm_slug, compound):
    count = _number(date, compound.slug) % 3  # 0, 1 or 2
    if firm_slug == WEAK_FIRM:
        count += 2
    picks = []
    for n in range(count):
        finding = FINDINGS[_number(date, compound.slug, n) % len(FINDINGS)]
        if finding not in picks:
            picks.append(finding)
    return picks


def outcome(date, firm_slug, compound, today):
    """(status, re-check date, result) for an inspection with findings, by its age."""
    status, recheck_on, result = _outcome(date, firm_slug, compound)
    if recheck_on > today:
        # Not re-checked yet (on a later load the same inspection keeps what it was given).
        return Inspection.Status.RECTIFYING, None, ""
    return status, recheck_on, result


def _outcome(date, firm_slug, compound):
    deadline = date + datetime.timedelta(days=10)
    roll = _number("outcome", date, compound.slug) % 10
    if firm_slug == WEAK_FIRM:
        if roll < 4:
            return (
                Inspection.Status.NOT_RECTIFIED,
                deadline + datetime.timedelta(days=2),
                "not_rectified",
            )
        # Rectified, but late.
        return (
            Inspection.Status.RECTIFIED,
            deadline + datetime.timedelta(days=5 + roll),
            "rectified",
        )
    if roll == 0:
        return Inspection.Status.RECTIFIED, deadline + datetime.timedelta(days=3), "rectified"
    return (
        Inspection.Status.RECTIFIED,
        deadline - datetime.timedelta(days=1 + roll % 4),
        "rectified",
    )


def load_inspection(date, compound, firm, slugs, articles, letters, checked, today):
    inspection = Inspection.objects.filter(compound=compound, date=date).first()
    if inspection is not None:
        return inspection
    slug = slugs[firm.pk]
    found = findings_for(date, slug, compound)
    inspection = Inspection.objects.create(
        date=date,
        compound=compound,
        firm=firm,
        by_party_branch=_number("branch", date, compound.slug) % 3 != 0,
        summary=(
            f"物业公司协会会同业委会协会对{compound.name}开展联合监督检查，"
            f"对照《物业管理服务细则》逐项检查{firm.name}的履约情况。"
        ),
        rectification_deadline=date + datetime.timedelta(days=10) if found else None,
    )
    InspectionFinding.objects.bulk_create(
        InspectionFinding(
            inspection=inspection,
            article=articles.get(heading),
            article_label=articles[heading].label if heading in articles else "",
            description=text,
            sort_order=n,
        )
        for n, (heading, text) in enumerate(found)
    )
    record = InspectionEvent(
        inspection=inspection,
        action=InspectionEvent.Action.RECORDED,
        status=inspection.status,
        user_name=DEMO_USER,
        at=_at(date),
    )
    events = [record]
    if found:
        status, recheck_on, result = outcome(date, slug, compound, today)
        if status != Inspection.Status.RECTIFYING:
            Inspection.objects.filter(pk=inspection.pk).update(
                status=status, recheck_on=recheck_on, recheck_result=result
            )
            events += [
                InspectionEvent(
                    inspection=inspection,
                    action=InspectionEvent.Action.RECHECK_PROPOSED,
                    status=Inspection.Status.RECHECK_PROPOSED,
                    user_name=DEMO_USER,
                    at=_at(recheck_on),
                ),
                InspectionEvent(
                    inspection=inspection,
                    action=InspectionEvent.Action.RECHECK_CONFIRMED,
                    status=status,
                    user_name=DEMO_USER,
                    at=_at(recheck_on + datetime.timedelta(days=1)),
                ),
            ]
    InspectionEvent.objects.bulk_create(events)
    items = letters.get(date.replace(day=1), [])
    if items and (firm.pk, date.replace(day=1)) not in checked:
        # A firm's letter requirements are checked at its first inspection of the month.
        checked.add((firm.pk, date.replace(day=1)))
        RequirementCheck.objects.bulk_create(
            RequirementCheck(inspection=inspection, item=item, status=_check(item, slug, date))
            for item in items
        )
    return inspection


def _check(item, slug, date):
    roll = _number("check", item.pk, slug, date) % 10
    if item.area == "fees" and roll == 9:
        return RequirementCheck.Status.NOT_APPLICABLE
    if slug == WEAK_FIRM:
        return RequirementCheck.Status.NOT_DONE if roll < 6 else RequirementCheck.Status.DONE
    return RequirementCheck.Status.NOT_DONE if roll == 0 else RequirementCheck.Status.DONE


def _at(day):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(16, 0)))


def load_trainings(firms):
    for index, (topic, location) in enumerate(TOPICS):
        month = MONTHS[index // 2]
        date = month.replace(day=12 if index % 2 == 0 else 26)
        training, created = Training.objects.get_or_create(
            date=date,
            topic=topic,
            defaults={
                "location": location,
                "summary": f"社区物业公司协会组织辖区物业服务企业开展“{topic}”业务知识培训。",
            },
        )
        if not created:
            continue
        rows = []
        for slug, firm in sorted(firms.items()):
            roll = _number("training", index, slug) % 10
            absent = roll == 0 or (slug == WEAK_FIRM and roll < 5)
            rows.append(
                TrainingAttendance(
                    training=training,
                    firm=firm,
                    attended=not absent,
                    staff_count=0 if absent else 2 + roll % 4,
                )
            )
        TrainingAttendance.objects.bulk_create(rows)


@transaction.atomic
def load(context):
    from home.overdue import today

    firms, compounds = context["firms"], context["compounds"]
    slugs = {firm.pk: slug for slug, firm in firms.items()}
    articles = articles_by_heading()
    letters = letters_by_month()
    checked = set()
    on = today()
    for date, compound in plan_inspections(compounds, slugs):
        firm = firm_serving(compound, date)
        if firm is None or firm.pk not in slugs:
            continue
        load_inspection(date, compound, firm, slugs, articles, letters, checked, on)
    load_trainings(firms)
