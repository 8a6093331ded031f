"""Demo reports and cases: about sixty over six months, in every state and on every route.

Built directly with fixed dates relative to today (the transitions would stamp "now"), from a
seeded generator, so that two runs build the same thing; a second run finds the first and
changes nothing. The figures the public pages show (disputes settled, 协商 sessions held,
joint-meeting issues solved) are counted from these records, never typed.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from notices.models import FollowUpItem, JointMeetingPage

from .models import (
    Case,
    CaseCategory,
    CaseEvent,
    CaseStatus,
    HallSession,
    Mediation,
    MediationSession,
    MeetingReferral,
    Report,
    Route,
    SatisfactionSurvey,
    WorkOrder,
)
from .models.transitions import MEDIATION_HOLDER

DEMO_TOKEN = "demo-case-{}"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
# (category slug, title, what happened, where, outcome)
ROUTINE = [
    (
        "lift",
        "电梯停运",
        "电梯停在五楼不动，老人上下楼困难。",
        "2单元电梯",
        "维保单位更换控制板，电梯已恢复运行。",
    ),
    (
        "repairs",
        "楼道灯不亮",
        "楼道灯坏了一个多星期，晚上看不清台阶。",
        "3栋2单元楼道",
        "物业已更换楼道灯。",
    ),
    (
        "environment",
        "垃圾清运不及时",
        "垃圾桶满了两天没人清运，气味很大。",
        "小区东门垃圾站",
        "物业调整清运时间为每日两次。",
    ),
    (
        "repairs",
        "屋顶漏水",
        "下雨时顶楼漏水，墙面发霉。",
        "7栋顶楼",
        "物业使用维修资金完成防水修补。",
    ),
    (
        "safety",
        "消防通道堆放杂物",
        "消防通道被电动车和杂物堵住。",
        "5栋北侧通道",
        "物业清理通道并设置禁停标识。",
    ),
    (
        "property-service",
        "物业电话无人接听",
        "报修电话多次无人接听。",
        "",
        "物业公布24小时值班电话并安排专人接听。",
    ),
    (
        "environment",
        "绿化带杂草丛生",
        "绿化带很久没有修剪，蚊虫很多。",
        "中心花园",
        "物业完成绿化修剪和消杀。",
    ),
    ("safety", "单元门禁损坏", "单元门禁坏了，外来人员随意进出。", "1栋1单元", "物业更换门禁锁。"),
    ("repairs", "下水道堵塞", "一楼下水道返水。", "4栋1单元", "物业疏通主管道。"),
    ("other", "小区路灯不亮", "主干道路灯晚上不亮。", "小区主干道", "物业维修线路，路灯恢复照明。"),
]
NOISE = [
    ("noise", "夜间装修噪音", "楼上晚上十点后还在装修。", "6栋", "双方约定晚八点后不施工。"),
    (
        "noise",
        "高空抛物",
        "有人从楼上扔垃圾，砸到楼下车辆。",
        "2栋南侧",
        "经调解，当事人道歉并赔偿洗车费用。",
    ),
    (
        "neighbours",
        "养狗扰民",
        "邻居家狗夜里一直叫。",
        "8栋3单元",
        "双方协商后，狗主人加装隔音并夜间关窗。",
    ),
]
HALL_TOPICS = [
    ("parking", "地下车库车位分配", "地下车库车位分配不公开，业主有意见。", "地下车库"),
    ("property-service", "物业费调整", "物业拟调整物业费，业主希望先公开账目。", ""),
    ("environment", "电动车充电桩设置", "楼道里充电不安全，希望建集中充电桩。", "小区空地"),
]


def _at(today, days_ago, hour):
    day = today - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 15)))


class Builder:
    def __init__(self, context):
        self.random = random.Random(19)
        self.today = timezone.localdate()
        self.community = context["community"]
        self.compounds = context["compounds"]
        self.categories = {
            c.slug: c for c in CaseCategory.objects.filter(locale=self.community.locale)
        }
        self.reports = 0

    def case(self, compound, category, title, received):
        return Case.objects.create(
            community=self.community,
            compound=self.compounds[compound],
            category=self.categories[category],
            title=title,
            received_at=received,
        )

    def report(self, case, description, location, at, **extra):
        self.reports += 1
        name = self.random.choice(SURNAMES) + self.random.choice("先生女士阿姨大爷")
        report = Report.objects.create(
            case=case,
            compound=case.compound,
            category=case.category,
            description=description,
            location=location,
            reporter_name=name,
            reporter_mobile=f"1380827{self.reports:04d}",
            wants_contact=self.reports % 3 == 0,
            form_token=DEMO_TOKEN.format(self.reports),
            created_at=at,
            **extra,
        )
        CaseEvent.objects.create(
            case=case,
            at=at,
            actor=CaseEvent.Actor.RESIDENT,
            kind=CaseEvent.Kind.STATUS,
            to_status=CaseStatus.RECEIVED,
            is_public=True,
        )
        return report

    def step(self, case, at, to_status, kind=CaseEvent.Kind.STATUS, note="", **fields):
        from_status = case.status
        case.status = to_status
        for name, value in fields.items():
            setattr(case, name, value)
        case.save()
        CaseEvent.objects.create(
            case=case,
            at=at,
            kind=kind,
            from_status=from_status,
            to_status=to_status,
            holder_label=case.holder_label,
            note=note,
            is_public=True,
            # The demo's history is old news: nobody is texted about it.
            notified_at=at,
        )

    def accept(self, case, at, resolve_days=7):
        self.step(
            case,
            at,
            CaseStatus.ACCEPTED,
            accepted_at=at,
            due_date=at.date() + datetime.timedelta(days=resolve_days),
            holder_label=self.community.name,
        )

    def route(self, case, at, route, holder):
        self.step(
            case, at, CaseStatus.IN_HAND, CaseEvent.Kind.ROUTE, route=route, holder_label=holder
        )

    def resolve(self, case, at, outcome, close_after=None, survey=None):
        self.step(case, at, CaseStatus.RESOLVED, resolved_at=at, outcome_summary=outcome)
        for report in case.reports.all():
            if survey is None:
                continue
            fixed, score = survey
            SatisfactionSurvey.objects.create(
                case=case,
                report=report,
                asked_at=at,
                sent_at=at,
                answered_at=at + datetime.timedelta(days=1),
                fixed=fixed,
                score=score,
            )
        if close_after is not None:
            closed = at + datetime.timedelta(days=close_after)
            self.step(case, closed, CaseStatus.CLOSED, closed_at=closed)

    # The stories ---------------------------------------------------------------------------

    def routine(self, number, days_ago, stage):
        """A work order to the compound's firm, at `stage` (0 received … 4 closed)."""
        compound = list(self.compounds)[number % len(self.compounds)]
        category, title, description, location, outcome = ROUTINE[number % len(ROUTINE)]
        received = _at(self.today, days_ago, 8 + number % 10)
        case = self.case(compound, category, title, received)
        self.report(case, description, location, received)
        if stage == 0:
            return case
        # Most are accepted within the day; every seventh waits longer than the target.
        accepted = received + datetime.timedelta(hours=30 if number % 7 == 0 else 2 + number % 5)
        self.accept(case, accepted, self.categories[category].resolve_within_days)
        if stage == 1:
            return case
        firm = case.compound.property_firm
        self.route(case, accepted + datetime.timedelta(hours=1), Route.FIRM, firm.name)
        answered = accepted + datetime.timedelta(days=1 + number % 4)
        order = WorkOrder.objects.create(
            case=case,
            firm=firm,
            sent_at=accepted + datetime.timedelta(hours=1),
            due_date=case.due_date,
        )
        if stage == 2:
            return case
        order.answer = outcome
        order.answered_at = answered
        order.save()
        CaseEvent.objects.create(
            case=case,
            at=answered,
            actor=CaseEvent.Actor.FIRM,
            kind=CaseEvent.Kind.FIRM_ANSWER,
            note=outcome,
        )
        resolved = answered + datetime.timedelta(hours=4)
        satisfied = (number % 5 != 0, 5 - number % 3)
        self.resolve(
            case, resolved, outcome, close_after=7 if stage == 4 else None, survey=satisfied
        )
        return case

    def mediation(self, number, days_ago, story, settled=True):
        category, title, description, location, outcome = story
        compound = list(self.compounds)[(number * 3) % len(self.compounds)]
        received = _at(self.today, days_ago, 19)
        case = self.case(compound, category, title, received)
        self.report(case, description, location, received)
        self.accept(case, received + datetime.timedelta(hours=3), 14)
        self.route(case, received + datetime.timedelta(hours=5), Route.MEDIATION, MEDIATION_HOLDER)
        mediation = Mediation.objects.create(
            case=case, mediator_role="社区人民调解员", parties="楼上住户、楼下住户"
        )
        first = received.date() + datetime.timedelta(days=2)
        MediationSession.objects.create(mediation=mediation, held_on=first, note="双方陈述诉求")
        if not settled:
            return case
        MediationSession.objects.create(
            mediation=mediation, held_on=first + datetime.timedelta(days=5), note="达成一致"
        )
        mediation.agreement = outcome
        mediation.agreed_on = first + datetime.timedelta(days=5)
        mediation.save()
        if mediation.check_due <= self.today:
            mediation.held_at_check = "yes"
            mediation.checked_on = mediation.check_due
            mediation.save()
        agreed = _at(self.today, (self.today - mediation.agreed_on).days, 17)
        self.resolve(
            case,
            agreed,
            outcome,
            close_after=31 if mediation.held_at_check else None,
            survey=(True, 5),
        )
        return case

    def hall(self, number, days_ago, topic, compound="beilu-huafu"):
        category, title, description, location = topic
        received = _at(self.today, days_ago, 10)
        case = self.case(compound, category, title, received)
        for n in range(1 + number % 3):
            self.report(case, description, location, received + datetime.timedelta(hours=n))
        hall = "北路华府邻里厅"
        self.accept(case, received + datetime.timedelta(hours=4), 14)
        self.route(case, received + datetime.timedelta(hours=6), Route.HALL, hall)
        held = received.date() + datetime.timedelta(days=6)
        session = HallSession.objects.create(
            case=case, hall=hall, parties="业主代表、物业公司、业委会"
        )
        if held > self.today:
            session.held_on = held
            session.save()
            return case
        session.held_on = held
        session.agreement_reached = "yes"
        session.summary = "经协商，各方同意公开方案并在小区公示七天后执行。"
        session.save()
        self.resolve(
            case,
            _at(self.today, (self.today - held).days, 20),
            session.summary,
            close_after=10,
            survey=(True, 4),
        )
        return case

    def parking(self):
        """桂花街: many reports, merged into one case, decided by the joint meeting, finished."""
        meeting = JointMeetingPage.objects.filter(
            slug="guihua-street-parking", locale=self.community.locale
        ).first()
        if meeting is None:
            return None
        start = (self.today - meeting.meeting_date).days + 20
        main = self.case("guihua-yuan", "parking", "桂花街沿线停车难", _at(self.today, start, 9))
        self.report(
            main, "桂花街农贸市场周边到处占道停车，小区车辆进不去。", "桂花街", main.received_at
        )
        for n, compound in enumerate(
            (
                "jingui-dasha",
                "hongrong-mingzhu",
                "guihua-yuan",
                "jingui-dasha",
                "hongrong-mingzhu",
                "guihua-yuan",
            )
        ):
            at = _at(self.today, start - 1 - n, 8 + n)
            other = self.case(compound, "parking", "桂花街停车难", at)
            self.report(other, "下班回来找不到车位，只能停在路边被贴条。", "桂花街", at)
            self.step(
                other,
                at + datetime.timedelta(hours=2),
                CaseStatus.MERGED,
                CaseEvent.Kind.MERGE,
                note=main.public_number,
                merged_into=main,
            )
            Report.objects.filter(case=other).update(case=main)
        self.accept(main, main.received_at + datetime.timedelta(hours=5), 90)
        item = FollowUpItem.objects.filter(
            page=meeting, description__startswith="建成桂花街"
        ).first()
        self.route(
            main, main.received_at + datetime.timedelta(days=2), Route.MEETING, meeting.title
        )
        MeetingReferral.objects.create(
            case=main,
            meeting=meeting,
            agenda_text="桂花街农贸市场周边停车难、占道停车问题",
            follow_up=item,
            decided_on=meeting.meeting_date,
        )
        if item is not None and item.status == "resolved":
            done = _at(self.today, max((self.today - meeting.meeting_date).days - 60, 1), 16)
            self.resolve(
                main,
                done,
                item.progress_note or "两处停车场已建成启用。",
                close_after=14 if done.date() + datetime.timedelta(days=14) <= self.today else None,
                survey=(True, 5),
            )
        return main


def load(context):
    if Report.objects.filter(form_token=DEMO_TOKEN.format(1)).exists():
        return
    with transaction.atomic():
        builder = Builder(context)
        builder.parking()
        for n, story in enumerate(NOISE):
            builder.mediation(n, 150 - n * 45, story)
        builder.mediation(3, 5, NOISE[0], settled=False)
        for n, topic in enumerate(HALL_TOPICS):
            builder.hall(n, 120 - n * 55, topic)
        # Forty-four routine reports across six months: the older, the further along.
        for n in range(44):
            days_ago = 180 - n * 4
            if days_ago > 30:
                stage = 4 if n % 6 else 3
            else:
                stage = n % 4
            builder.routine(n, days_ago, stage)
