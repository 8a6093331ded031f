# ruff: noqa: E501  (demo content: long Chinese sentences read better unbroken)
"""Demo content for services: the 便民服务 index, four offerings, three stations, requests."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from home.demo_tools import english, ensure_page, ensure_snippet_translation, ensure_translation
from home.models import HomeQuickLink

from .models import (
    Appointment,
    AppointmentEvent,
    Mode,
    ServiceIndexPage,
    ServiceOfferingPage,
    ServiceStation,
    Slot,
    SlotTemplate,
    Status,
    Weekday,
)

INDEX = {
    "title": "便民服务",
    "intro": (
        "<p>小区党群服务站把就业培训、社保验证、计生服务和代办服务送到家门口。"
        "老年人、残疾人、困难家庭和双职工家庭可以预约晚间和周末的错时服务，"
        "也可以申请上门服务，足不出小区就能办事。</p>"
    ),
}
INDEX_EN = {
    "title": "Community services",
    "intro": (
        "<p>The service stations inside the compounds bring job training, social-security "
        "verification, family-planning services and errands to residents' doorsteps. The elderly, "
        "the disabled, families in hardship and dual-income families can book evening and weekend "
        "sessions or a home visit.</p>"
    ),
}

# slug, zh fields, en fields, station?, home visit?
OFFERINGS = [
    (
        "job-training",
        {
            "title": "就业培训",
            "summary": "职业技能培训报名、就业岗位信息和求职指导。",
            "description": "<p>服务站定期组织家政、电商、餐饮等职业技能培训，并发布辖区企业的就业岗位信息，为求职居民提供一对一指导。</p>",
            "eligibility": "<p>辖区内有劳动能力和就业愿望的居民，优先登记失业人员、困难家庭成员和退役军人。</p>",
            "materials": "<ul><li>身份证</li><li>户口簿或居住证</li><li>学历或职业资格证书（如有）</li></ul>",
            "duration_minutes": 45,
            "priority_note": "困难家庭成员优先安排培训名额。",
        },
        {
            "title": "Job training",
            "summary": "Sign up for skills training, see local vacancies and get advice on finding work.",
            "description": "<p>The station runs regular training in housekeeping, e-commerce and catering, posts vacancies from local employers and gives one-to-one advice.</p>",
            "eligibility": "<p>Residents able and willing to work; the unemployed, members of families in hardship and veterans first.</p>",
            "materials": "<ul><li>ID card</li><li>Household register or residence permit</li><li>Certificates, if any</li></ul>",
            "priority_note": "Members of families in hardship get training places first.",
        },
        True,
        False,
    ),
    (
        "social-security",
        {
            "title": "社保验证",
            "summary": "养老金领取资格年度认证、社保信息查询和参保登记。",
            "description": "<p>每年一次的养老金领取资格认证可在服务站办理；行动不便的老人可以预约工作人员上门，用手机完成人脸识别认证。</p>",
            "eligibility": "<p>在巴中市领取养老金的退休人员，以及需要办理参保登记、信息查询的居民。</p>",
            "materials": "<ul><li>本人身份证</li><li>社保卡</li><li>代办时另带代办人身份证</li></ul>",
            "duration_minutes": 20,
            "priority_note": "60岁以上老人、残疾人可预约上门认证。",
        },
        {
            "title": "Social-security verification",
            "summary": "The yearly pension eligibility check, social-security enquiries and registration.",
            "description": "<p>The yearly pension eligibility check can be done at the station; staff visit elderly residents who cannot easily go out and complete the face check on a phone.</p>",
            "eligibility": "<p>Pensioners drawing a pension in Bazhong, and residents who need to register or check their records.</p>",
            "materials": "<ul><li>ID card</li><li>Social-security card</li><li>The helper's ID card when acting for someone</li></ul>",
            "priority_note": "Residents aged 60 or over and disabled residents can have the check done at home.",
        },
        True,
        True,
    ),
    (
        "family-planning",
        {
            "title": "计生服务",
            "summary": "生育登记、独生子女和计生家庭奖励扶助政策咨询与申报。",
            "description": "<p>办理生育登记服务，受理计划生育家庭奖励扶助、特别扶助申报，解答相关政策问题。</p>",
            "eligibility": "<p>辖区户籍居民和在辖区居住的流动人口家庭。</p>",
            "materials": "<ul><li>夫妻双方身份证</li><li>户口簿</li><li>结婚证</li></ul>",
            "duration_minutes": 30,
            "priority_note": "计生特殊家庭可预约上门服务。",
        },
        {
            "title": "Family-planning services",
            "summary": "Birth registration and applications for family-planning support schemes.",
            "description": "<p>The station registers births and takes applications for the family-planning reward and special support schemes.</p>",
            "eligibility": "<p>Registered residents and families living in the community.</p>",
            "materials": "<ul><li>Both spouses' ID cards</li><li>Household register</li><li>Marriage certificate</li></ul>",
            "priority_note": "Families with special family-planning circumstances can ask for a home visit.",
        },
        True,
        True,
    ),
    (
        "errands",
        {
            "title": "代办服务",
            "summary": "居民委托服务站代为办理证明开具、医保报销材料递交等事项。",
            "description": "<p>对行动不便或工作繁忙的居民，服务站工作人员和志愿者可代为递交材料、领取证件、办理各类证明。</p>",
            "eligibility": "<p>优先为60岁以上老人、残疾人、困难家庭和双职工家庭提供。</p>",
            "materials": "<ul><li>委托人身份证复印件</li><li>需要办理事项的相关材料</li><li>签字的委托书（服务站提供）</li></ul>",
            "duration_minutes": 30,
            "priority_note": "老年人、残疾人、困难家庭和双职工家庭优先。",
        },
        {
            "title": "Errands",
            "summary": "Station staff hand in papers, collect documents and obtain certificates for you.",
            "description": "<p>For residents who cannot easily go out or are busy at work, staff and volunteers hand in papers, collect documents and obtain certificates.</p>",
            "eligibility": "<p>First for residents aged 60 or over, the disabled, families in hardship and dual-income families.</p>",
            "materials": "<ul><li>Copy of the resident's ID card</li><li>Papers for the matter</li><li>A signed authorisation (the station has forms)</li></ul>",
            "priority_note": "The elderly, the disabled, families in hardship and dual-income families first.",
        },
        True,
        True,
    ),
]

# slug, compound slug, name, phone, directions, offerings
STATIONS = [
    (
        "beilu-huafu",
        "beilu-huafu",
        "北路华府党群服务站",
        "0827-5268011",
        "从北路华府小区正门进入，沿主干道直行约50米，物业服务中心旁一楼。",
        ["job-training", "social-security", "errands"],
    ),
    (
        "miaopu",
        "miaopu",
        "苗圃小区党群服务站",
        "0827-5268012",
        "苗圃小区2栋与3栋之间的平房，门口有红色标牌；无台阶，轮椅可直接进入。",
        ["social-security", "family-planning", "errands"],
    ),
    (
        "yuzhong-aocheng",
        "yuzhong-aocheng",
        "宇众傲城党群服务站",
        "0827-5268013",
        "宇众傲城小区东门进入右转，邻里厅一楼。",
        ["job-training", "social-security", "family-planning", "errands"],
    ),
]

OPENING_HOURS = "周一至周五 8:30–12:00，14:30–17:30"
OFF_HOURS = "周二、周四晚 19:00–20:30（错时服务）\n周六上午、周日下午（错时服务）"

# The English a resident reads on /en/: station slug -> name, address, directions.
STATIONS_EN = {
    "beilu-huafu": (
        "Beilu Huafu Service Station",
        "Service station, Beilu Huafu, Huifeng Subdistrict, Bazhou District, Bazhong",
        "Enter Beilu Huafu by the main gate and walk about 50 m along the main road; the "
        "station is on the ground floor next to the property service centre.",
    ),
    "miaopu": (
        "Miaopu Service Station",
        "Service station, Miaopu, Huifeng Subdistrict, Bazhou District, Bazhong",
        "The single-storey building between blocks 2 and 3 of Miaopu, with a red sign at the "
        "door; no steps, so wheelchairs can go straight in.",
    ),
    "yuzhong-aocheng": (
        "Yuzhong Aocheng Service Station",
        "Service station, Yuzhong Aocheng, Huifeng Subdistrict, Bazhou District, Bazhong",
        "Enter Yuzhong Aocheng by the east gate and turn right; the station is on the ground "
        "floor of the neighbourhood hall.",
    ),
}
OPENING_HOURS_EN = "Monday to Friday 8:30–12:00 and 14:30–17:30"
OFF_HOURS_EN = (
    "Tuesday and Thursday evenings 19:00–20:30 (off-hours)\n"
    "Saturday mornings and Sunday afternoons (off-hours)"
)

# weekday, start, end, mode, capacity (every station)
TEMPLATES = [
    (Weekday.MONDAY, "09:00", "11:30", Mode.STATION, 4),
    (Weekday.WEDNESDAY, "14:30", "17:00", Mode.STATION, 4),
    (Weekday.THURSDAY, "19:00", "20:30", Mode.STATION, 3),
    (Weekday.TUESDAY, "19:00", "20:30", Mode.HOME_VISIT, 2),
    (Weekday.SATURDAY, "09:00", "11:30", Mode.HOME_VISIT, 3),
    (Weekday.SUNDAY, "14:30", "16:30", Mode.STATION, 3),
]

# reference, station, offering, mode, status, days from today, requester, phone, for someone else
REQUESTS = [
    ("DEMQ2345", "miaopu", "social-security", Mode.HOME_VISIT, Status.SUBMITTED, 2, True),
    ("DEMR3456", "beilu-huafu", "job-training", Mode.STATION, Status.CONFIRMED, 3, False),
    ("DEMS4567", "yuzhong-aocheng", "errands", Mode.HOME_VISIT, Status.ASSIGNED, 4, True),
    ("DEMT5678", "miaopu", "family-planning", Mode.STATION, Status.DONE, -5, False),
    ("DEMU6789", "beilu-huafu", "errands", Mode.STATION, Status.CANCELLED, 6, False),
    ("DEMV7892", "yuzhong-aocheng", "social-security", Mode.STATION, Status.NO_SHOW, -3, False),
]
PATHS = {
    Status.SUBMITTED: [],
    Status.CONFIRMED: [Status.CONFIRMED],
    Status.ASSIGNED: [Status.CONFIRMED, Status.ASSIGNED],
    Status.DONE: [Status.CONFIRMED, Status.DONE],
    Status.CANCELLED: [Status.CANCELLED],
    Status.NO_SHOW: [Status.CONFIRMED, Status.NO_SHOW],
}


def load_pages(home):
    index = ensure_page(home, ServiceIndexPage, "services", show_in_menus=True, **INDEX)
    en = english()
    ensure_translation(index, en, **INDEX_EN)
    offerings = {}
    for slug, zh, en_fields, station, home_visit in OFFERINGS:
        page = ensure_page(
            index,
            ServiceOfferingPage,
            slug,
            allows_station=station,
            allows_home_visit=home_visit,
            **zh,
        )
        ensure_translation(page, en, **en_fields)
        offerings[slug] = page
    return index, offerings


def load_stations(compounds, offerings):
    stations = {}
    for slug, compound_slug, name, phone, directions, offered in STATIONS:
        station = ServiceStation.objects.sources().filter(slug=slug).first()
        if station is None:
            compound = compounds[compound_slug]
            station = ServiceStation(
                slug=slug,
                name=name,
                compound=compound,
                address=f"{compound.address}党群服务站",
                phone=phone,
                opening_hours=OPENING_HOURS,
                off_hours_sessions=OFF_HOURS,
                directions=directions,
            )
            station.offerings = [offerings[o] for o in offered]
            station.slot_templates = [
                SlotTemplate(
                    weekday=weekday,
                    start_time=datetime.time.fromisoformat(start),
                    end_time=datetime.time.fromisoformat(end),
                    mode=mode,
                    capacity=capacity,
                )
                for weekday, start, end, mode, capacity in TEMPLATES
            ]
            station.save()
        name_en, address_en, directions_en = STATIONS_EN[slug]
        ensure_snippet_translation(
            station,
            english(),
            name=name_en,
            address=address_en,
            opening_hours=OPENING_HOURS_EN,
            off_hours_sessions=OFF_HOURS_EN,
            directions=directions_en,
        )
        stations[slug] = station
    return stations


def _slot_for(station, mode, days):
    """The station's slot in `mode` nearest today + days, on the same side of today.

    A past request (done, no-show) must have a past date and an open one a future date, so
    from a day in the past the search walks back to the template's weekday, never forward.
    """
    day = timezone.localdate() + datetime.timedelta(days=days)
    step = datetime.timedelta(days=-1 if days < 0 else 1)
    template = station.slot_templates.filter(mode=mode).order_by("weekday", "start_time").first()
    while day.weekday() != template.weekday:
        day += step
    slot, _ = Slot.objects.get_or_create(
        station=station,
        date=day,
        start_time=template.start_time,
        mode=mode,
        defaults={
            "end_time": template.end_time,
            "capacity": template.capacity,
            "template": template,
        },
    )
    return slot


def load_requests(stations, offerings, compounds):
    for n, (reference, station_slug, offering_slug, mode, status, days, for_other) in enumerate(
        REQUESTS
    ):
        if Appointment.objects.filter(reference=reference).exists():
            continue
        station = stations[station_slug]
        slot = _slot_for(station, mode, days)
        if status != Status.CANCELLED:
            Slot.objects.filter(pk=slot.pk).update(booked=min(slot.booked + 1, slot.capacity))
        appointment = Appointment.objects.create(
            reference=reference,
            offering=offerings[offering_slug],
            station=station,
            slot=slot,
            mode=mode,
            requester_name=["王女士", "李先生", "张女士", "刘先生", "陈女士", "杨先生"][n],
            requester_phone=f"1380827{n:04d}",
            for_someone_else=for_other,
            beneficiary_name="王大爷" if for_other else "",
            relationship="子女" if for_other else "",
            compound=station.compound if mode == Mode.HOME_VISIT else None,
            building="3" if mode == Mode.HOME_VISIT else "",
            unit="2" if mode == Mode.HOME_VISIT else "",
            room="501" if mode == Mode.HOME_VISIT else "",
            priority_group="elderly" if for_other else "none",
            accessibility_needs=["hearing"] if for_other else [],
            consent_given_at=timezone.now(),
            notified_at=timezone.now(),
        )
        AppointmentEvent.objects.create(
            appointment=appointment, to_status=Status.SUBMITTED, by_resident=True
        )
        previous = Status.SUBMITTED
        for step in PATHS[status]:
            AppointmentEvent.objects.create(
                appointment=appointment, from_status=previous, to_status=step, note="演示数据"
            )
            previous = step
        Appointment.objects.filter(pk=appointment.pk).update(
            status=status,
            assigned_volunteer="小区管家志愿服务队" if status == Status.ASSIGNED else "",
        )


def load_quick_links(home, index, offerings):
    """Add the booking links to the home page's quick links, once, through a new revision."""
    with translation.override("zh-hans"):
        book_url = reverse("services:book_service")
        status_url = reverse("services:status_lookup")
    wanted = [
        ("预约服务", "预约服务站办事或上门服务", None, book_url),
        ("便民服务", "就业培训、社保验证、计生服务、代办", index, ""),
        ("社保验证", "养老金领取资格认证，可预约上门", offerings["social-security"], ""),
        ("查询或取消预约", "凭预约号和手机尾号查询", None, status_url),
    ]
    page = home.get_latest_revision_as_object()
    existing = {link.title for link in page.quick_links.all()}
    missing = [link for link in wanted if link[0] not in existing]
    if not missing:
        return
    for title, description, link_page, url in missing:
        page.quick_links.add(
            HomeQuickLink(title=title, description=description, link_page=link_page, link_url=url)
        )
    page.save_revision().publish()


def load_english_quick_links(home, index, offerings):
    """The English home page gets the same quick links in English (booking works in English)."""
    en = english()
    en_home = home.get_translation_or_none(en)
    if en_home is None:
        return
    with translation.override("en"):
        book_url = reverse("services:book_service")
        status_url = reverse("services:status_lookup")
    wanted = [
        ("Book a service", "At a service station or as a home visit", None, book_url),
        ("Services", "Job training, pension checks, family planning, errands", index, ""),
        (
            "Pension check",
            "Yearly pension eligibility check, also at home",
            offerings["social-security"],
            "",
        ),
        (
            "Check or cancel a booking",
            "With the booking number and your phone's last digits",
            None,
            status_url,
        ),
    ]
    page = en_home.get_latest_revision_as_object()
    existing = {link.title for link in page.quick_links.all()}
    missing = [link for link in wanted if link[0] not in existing]
    if not missing:
        return
    for title, description, link_page, url in missing:
        if link_page is not None:
            link_page = link_page.get_translation_or_none(en) or link_page
        page.quick_links.add(
            HomeQuickLink(title=title, description=description, link_page=link_page, link_url=url)
        )
    page.save_revision().publish()


def load(context):
    home = context["home"]
    compounds = context["compounds"]
    index, offerings = load_pages(home)
    stations = load_stations(compounds, offerings)
    load_requests(stations, offerings, compounds)
    load_quick_links(home, index, offerings)
    load_english_quick_links(home, index, offerings)
    context.update(services_index=index, service_offerings=offerings, service_stations=stations)
