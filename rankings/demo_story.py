"""Demo content: what became of each 淘汰建议, told by the records, with consistent dates.

Publishing the six demo months opened one recommendation per bottom-two firm and compound
(`rankings.accountability.open_recommendations`). Here they are dated as the association
sends them (the 5th of the following month) and walked through their steps:

- 苗圃小区 (owners' committee): 城乡物业's rectification plan fails its re-inspection on
  2026-08-06, the owners' general meeting votes for replacement on 2026-09-06 (the black list
  of 2026-09-09 records the handover), 江南物业 serves from October (its service period), and
  every 苗圃 recommendation closes on 2026-10-31 as replaced.
- 滨河小区 has no owners' committee: its six recommendations go to the 物业管理小组 the party
  branch set up. Two plans passed their re-inspections a few days late, one plan is past its
  deadline with no re-inspection yet, one reply awaits a decision, one reply is late and the
  newest is within its month.

Idempotent: a recommendation that has moved past "sent" is left alone.
"""

import datetime

from home.months import shift

from .models import RedBlackEntry, RedBlackRemoval, ServicePeriod, State
from .models.recommendations import REPLY_DAYS, Recommendation

D = datetime.date

MIAOPU_REINSPECTION = "2026-08-06 联合检查组复查：3栋化粪池已清掏，但消防通道杂物仍未清理、单元门禁仍损坏，整改不合格。"
VOTE = "业主大会表决更换物业服务企业（2026年9月6日）。"

# month -> [(to state, date, extra fields)]
MIAOPU = {
    5: [
        (State.REPLIED, D(2026, 6, 15), {"note": "业主委员会复函：要求城乡物业限期整改。"}),
        (
            State.RECTIFYING,
            D(2026, 6, 20),
            {"due_date": D(2026, 7, 31), "note": "整改方案：化粪池清掏、消防通道清理、门禁维修。"},
        ),
        (State.REPLACING, D(2026, 9, 6), {"reinspection_notes": MIAOPU_REINSPECTION, "note": VOTE}),
    ],
    6: [
        (State.REPLIED, D(2026, 7, 14), {"note": "业主委员会复函：并入5月整改方案。"}),
        (State.RECTIFYING, D(2026, 7, 14), {"due_date": D(2026, 7, 31), "note": "同5月整改方案。"}),
        (State.REPLACING, D(2026, 9, 6), {"reinspection_notes": MIAOPU_REINSPECTION, "note": VOTE}),
    ],
    7: [
        (State.REPLIED, D(2026, 8, 12), {"note": "业主委员会复函：拟提请业主大会表决更换物业。"}),
        (State.REPLACING, D(2026, 9, 6), {"note": VOTE}),
    ],
    8: [
        (State.REPLIED, D(2026, 9, 6), {"note": "业主委员会复函：业主大会已表决更换物业。"}),
        (State.REPLACING, D(2026, 9, 6), {"note": VOTE}),
    ],
    9: [
        (State.REPLIED, D(2026, 10, 8), {"note": "业主委员会复函：已更换物业，江南物业10月进驻。"}),
        (State.REPLACING, D(2026, 10, 8), {"note": "业主大会已于2026年9月6日表决更换物业。"}),
    ],
}
MIAOPU_END = [
    (State.NEW_FIRM, D(2026, 10, 8), {"note": "江南社区物业管理有限公司自2026年10月起服务。"}),
    (State.CLOSED, D(2026, 10, 31), {"note": "新物业进驻满一个月，交接完成，建议办结。"}),
]

BINHE = {
    5: [
        (State.REPLIED, D(2026, 6, 20), {"note": "物业管理小组复函：同意给予城乡物业整改期。"}),
        (
            State.RECTIFYING,
            D(2026, 6, 22),
            {"due_date": D(2026, 7, 15), "note": "垃圾日清日运，楼道保洁每日一次。"},
        ),
        (
            State.CLOSED,
            D(2026, 7, 20),
            {
                "reinspection_notes": "2026-07-20 联合检查组复查：垃圾清运恢复正常，整改合格（逾期5天完成）。",
                "note": "整改合格，办结。",
            },
        ),
    ],
    6: [
        (State.REPLIED, D(2026, 7, 10), {"note": "物业管理小组复函：要求整改公共设施维修。"}),
        (
            State.RECTIFYING,
            D(2026, 7, 12),
            {"due_date": D(2026, 8, 31), "note": "路灯、单元门维修。"},
        ),
        (
            State.CLOSED,
            D(2026, 9, 2),
            {
                "reinspection_notes": "2026-09-02 联合检查组复查：路灯、单元门已修复，整改合格。",
                "note": "整改合格，办结。",
            },
        ),
    ],
    7: [
        (State.REPLIED, D(2026, 8, 20), {"note": "物业管理小组复函：要求城乡物业提交整改方案。"}),
        (
            State.RECTIFYING,
            D(2026, 8, 25),
            {"due_date": D(2026, 9, 30), "note": "消防设施检修、投诉台账建立。"},
        ),
    ],
    8: [
        (
            State.REPLIED,
            D(2026, 9, 25),
            {"note": "物业管理小组复函：将征求楼栋居民意见后决定整改或更换。"},
        ),
    ],
}


def sent_on(month):
    return shift(month, 1).replace(day=5)


def walk(rec, steps):
    for to_state, day, fields in steps:
        step = rec.propose(to_state, None, on_date=day, **fields)
        step.confirm(None)
        rec.refresh_from_db()


def date_recommendation(rec):
    day = sent_on(rec.month.month)
    if rec.sent_on != day:
        rec.sent_on = day
        rec.reply_due = day + datetime.timedelta(days=REPLY_DAYS)
        rec.save(update_fields=["sent_on", "reply_due"])
        rec.steps.filter(from_state="").update(on_date=day)


def load(context):
    compounds, firms = context["compounds"], context["firms"]
    for rec in Recommendation.objects.select_related("month", "compound").filter(
        month__locale=compounds["miaopu"].locale
    ):
        if rec.state != State.SENT or rec.steps.count() > 1:
            continue
        date_recommendation(rec)
        month = rec.month.month.month
        if rec.compound_id == compounds["miaopu"].pk and month in MIAOPU:
            walk(rec, MIAOPU[month])
            period = ServicePeriod.objects.get(compound=rec.compound, firm=firms["jiangnan"])
            first, *rest = MIAOPU_END
            walk(rec, [(first[0], first[1], {**first[2], "service_period": period}), *rest])
        elif rec.compound_id == compounds["binhe"].pk and month in BINHE:
            walk(rec, BINHE[month])
    load_removal(firms)


def load_removal(firms):
    """巴州印象's October black-list entry leaves the list after a verified rectification."""
    entry = RedBlackEntry.objects.filter(
        firm=firms["linli"], kind="black", page__locale=firms["linli"].locale
    ).first()
    if entry is None or entry.removals.exists():
        return
    if not entry.evidence:
        entry.evidence = "2026-10-15 联合检查记录；12345热线工单3件。"
        entry.save(update_fields=["evidence"])
    removal = RedBlackRemoval.propose(
        entry,
        "邻里物业更换电梯维保单位，建立24小时值守；2026-11-20 联合检查组复查合格。",
        D(2026, 11, 20),
    )
    removal.verify()
