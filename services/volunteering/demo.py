"""Demo content of the volunteer team: its pages, 23 events around today, sign-ups, reports.

Dates are relative to the day the demo is first loaded; running the loader again finds
every page by slug and adds nothing twice.
"""

import datetime

from django.utils import timezone

from home.demo_tools import english, ensure_page, ensure_translation

from .models import (
    EventType,
    VolunteerApplication,
    VolunteerEventIndexPage,
    VolunteerEventPage,
    VolunteerEventReport,
    VolunteerSignup,
    VolunteerTeamPage,
)

TEAM = {
    "title": "小区管家志愿服务队",
    "intro": (
        "<p>小区管家志愿服务队由社区党委组织，在职干部、退休人员、学生和党员就近参加，"
        "把文艺宣传、安全检查、健康体检和节日慰问送到小区里，重点关心困难群众、"
        "空巢老人和留守儿童。</p>"
    ),
    "activities": (
        "<ul><li>文艺宣传：在小区广场和邻里厅演出、宣讲政策。</li>"
        "<li>安全检查：和物业公司一起排查消防通道、电动车充电和老旧线路。</li>"
        "<li>健康体检：配合社区卫生服务站为老人量血压、测血糖、建健康档案。</li>"
        "<li>节日慰问：春节、端午、中秋、重阳走访困难家庭和空巢老人。</li></ul>"
    ),
    "joining": (
        "<p>在职干部（含“双报到”党员）、退休人员、在校学生、党员和热心居民都可以报名。"
        "填写下面的表格后，服务站工作人员会在几个工作日内电话联系您。</p>"
    ),
    "join_intro": "只需几分钟。带“必填”的项目请一定填写。",
}
TEAM_EN = {
    "title": "Compound Steward Volunteer Team",
    "intro": (
        "<p>The compound steward volunteer team is organised by the community party committee. "
        "Serving officials, retirees, students and party members bring cultural outreach, "
        "safety inspections, health check-ups and holiday visits into the compounds, above all "
        "for people in hardship, empty-nest elderly and left-behind children.</p>"
    ),
    "activities": (
        "<ul><li>Cultural outreach: performances and talks in squares and neighbourhood halls.</li>"
        "<li>Safety inspections: fire exits, e-bike charging and old wiring, with the property firms.</li>"
        "<li>Health check-ups: blood pressure, blood sugar and health records with the clinic.</li>"
        "<li>Holiday visits: to families in hardship and elderly people living alone.</li></ul>"
    ),
    "joining": (
        "<p>Serving officials, retirees, students, party members and any resident can join. "
        "Fill in the form below and service-station staff will call you within a few working days.</p>"
    ),
    "join_intro": "It takes a few minutes. Please fill in every field marked “required”.",
}
INDEX = {"title": "志愿活动", "intro": "<p>近期活动在前，往期活动按月份排列。欢迎报名参加。</p>"}
INDEX_EN = {
    "title": "Volunteer events",
    "intro": "<p>Upcoming events first, past events by month. Everyone is welcome to sign up.</p>",
}

# type -> (Chinese title pattern, English title pattern, audience, what to bring, organiser, body)
KINDS = {
    EventType.CULTURAL_OUTREACH: (
        "{compound}文艺宣传进小区",
        "Cultural outreach at {compound}",
        "小区居民、空巢老人",
        "演出服装、扩音设备、宣传资料",
        "回风亭社区党委",
        "<p>志愿者表演川剧选段、合唱和快板，并宣讲垃圾分类和文明养犬。</p>",
    ),
    EventType.SAFETY_INSPECTION: (
        "{compound}消防与用电安全检查",
        "Fire and electrical safety check at {compound}",
        "独居老人、困难家庭",
        "手电筒、检查记录表、志愿者马甲",
        "小区治理党支部",
        "<p>与物业公司一起检查消防通道、灭火器、电动车充电和老旧线路，发现问题当场登记。</p>",
    ),
    EventType.HEALTH_CHECK: (
        "{compound}义诊与健康体检",
        "Health check-up at {compound}",
        "空巢老人、困难群众",
        "血压计、血糖仪、口罩",
        "社区卫生服务站与志愿服务队",
        "<p>为老人测量血压、血糖，更新健康档案，讲解常见慢性病用药。</p>",
    ),
    EventType.HOLIDAY_VISIT: (
        "{compound}节日走访慰问",
        "Holiday visits at {compound}",
        "困难家庭、空巢老人、留守儿童",
        "慰问品、走访名单",
        "回风亭社区党委",
        "<p>走访困难家庭和空巢老人，送去慰问品，陪留守儿童读书做游戏。</p>",
    ),
}
TYPE_CYCLE = [
    EventType.HEALTH_CHECK,
    EventType.SAFETY_INSPECTION,
    EventType.CULTURAL_OUTREACH,
    EventType.HOLIDAY_VISIT,
]
COMPOUND_CYCLE = [
    "miaopu",
    "beilu-huafu",
    "guangdian-huayuan",
    "yuzhong-aocheng",
    "yunying-xiangshan",
    "jingui-dasha",
    "hongrong-mingzhu",
]
# Days from today; 15 past events and 8 upcoming ones.
OFFSETS = [
    -150,
    -136,
    -122,
    -108,
    -95,
    -83,
    -72,
    -61,
    -52,
    -43,
    -35,
    -28,
    -21,
    -14,
    -6,
    3,
    7,
    12,
    18,
    25,
    33,
    45,
    60,
]
FULL_EVENT = 16  # index in OFFSETS: the event 7 days ahead is full and has a waiting list
FAMILY = "张王李刘陈杨赵黄周吴徐孙马朱胡郭何罗"
GIVEN = ["秀英", "建国", "丽", "军", "芳", "伟", "桂兰", "志强", "小红", "海燕", "明", "淑珍"]


def demo_person(n):
    """A made-up name and an obviously fake number (138000xxxxx)."""
    return FAMILY[n % len(FAMILY)] + GIVEN[(n * 7) % len(GIVEN)], f"138000{n:05d}"


def load_pages(home):
    team = ensure_page(home, VolunteerTeamPage, "volunteers", show_in_menus=True, **TEAM)
    index = ensure_page(team, VolunteerEventIndexPage, "events", **INDEX)
    en = english()
    ensure_translation(team, en, **TEAM_EN)
    ensure_translation(index, en, **INDEX_EN)
    return team, index


def load_events(index, compounds):
    en = english()
    today = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    events = []
    for n, offset in enumerate(OFFSETS):
        kind = TYPE_CYCLE[n % len(TYPE_CYCLE)]
        title, title_en, audience, bring, organiser, body = KINDS[kind]
        compound = compounds[COMPOUND_CYCLE[n % len(COMPOUND_CYCLE)]]
        start = today.replace(hour=9 if n % 2 else 14) + datetime.timedelta(days=offset)
        event = ensure_page(
            index,
            VolunteerEventPage,
            f"event-{n + 1:02d}",
            title=title.format(compound=compound.name),
            event_type=kind,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            compound=compound,
            meeting_point=f"{compound.name}党群服务站门口",
            capacity=6 if n == FULL_EVENT else 12,
            what_to_bring=bring,
            organiser=organiser,
            audience=audience,
            body=body,
        )
        compound_en = compound.get_translation_or_none(en)
        ensure_translation(
            event,
            en,
            title=title_en.format(compound=compound_en.name if compound_en else compound.slug),
            compound=compound_en or compound,
            meeting_point="At the compound's party–masses service station",
        )
        events.append(event)
    return events


def load_signups(events):
    now = timezone.now()
    person = 0
    for n, event in enumerate(events):
        if event.signups.exists():
            continue
        past = event.ends_at < now
        wanted = 10 if past else (9 if n == FULL_EVENT else n % 5)
        for i in range(wanted):
            name, mobile = demo_person(person)
            person += 1
            if past:
                VolunteerSignup.objects.create(
                    event=event, name=name, mobile=mobile, attended=(i % 5 != 4)
                )
            else:
                event.sign_up(name, mobile)


def load_reports(events):
    now = timezone.now()
    for n, event in enumerate(events):
        if event.ends_at >= now:
            continue
        attended = event.signups.filter(attended=True).count()
        VolunteerEventReport.objects.get_or_create(
            event=event,
            defaults={
                "services_delivered": 40 + (n * 37) % 110,
                "people_helped": 12 + (n * 11) % 30,
                "summary": (
                    f"本次活动{attended}名志愿者到场，{event.audience}等群众参加。"
                    "活动中发现的问题已交小区治理党支部跟进。"
                ),
            },
        )


def load_applications(compounds):
    if VolunteerApplication.objects.exists():
        return
    categories = list(VolunteerApplication.Category.values)
    slugs = list(compounds)
    statuses = (
        [VolunteerApplication.Status.APPROVED] * 40
        + [VolunteerApplication.Status.PENDING] * 4
        + [VolunteerApplication.Status.DECLINED] * 2
    )
    for n, status in enumerate(statuses):
        name, _mobile = demo_person(500 + n)
        VolunteerApplication.objects.create(
            name=name,
            mobile=f"139000{n:05d}",
            category=categories[n % len(categories)],
            compound=compounds[slugs[n % len(slugs)]],
            skills=["护理", "电工", "唱歌", "书法", "摄影", "辅导功课"][n % 6],
            availability=["周末上午", "工作日晚上", "节假日", "随时"][n % 4],
            consent=True,
            status=status,
        )


def load(context):
    team, index = load_pages(context["home"])
    events = load_events(index, context["compounds"])
    load_signups(events)
    load_reports(events)
    load_applications(context["compounds"])
    context.update(volunteer_team=team, volunteer_events=index)
