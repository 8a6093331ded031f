"""Demo content: notices, monthly work letters, joint meetings and the compound directory.

Written fresh in Chinese from the facts in the domain notes; dates are relative to the day
the demo is first loaded, so some notices are current and some have expired. Idempotent:
every page is found by slug before it is created.
"""

import calendar
import datetime

from django.utils import timezone
from wagtail.rich_text import RichText

from home.demo_tools import english, ensure_page, ensure_translation

from .models import (
    CompoundIndexPage,
    FollowUpItem,
    JointMeetingIndexPage,
    JointMeetingPage,
    MeetingAttendee,
    NoticeIndexPage,
    NoticePage,
    WorkLetterIndexPage,
    WorkLetterItem,
    WorkLetterPage,
)

ALONG_GUIHUA_STREET = ["guihua-yuan", "jingui-dasha", "hongrong-mingzhu"]

# The story of 苗圃小区 happens on fixed dates, because the rankings it follows are fixed
# months (rankings/demo.py: 城乡物业 at the bottom May–September 2026, 江南物业 from October).
# Dated relative to today, the notice and the meeting once said the new firm had taken over
# months before the rankings did. Order: meeting, owners' vote, announcement, handover.
MIAOPU_MEETING = datetime.date(2026, 7, 15)
MIAOPU_ANNOUNCED = datetime.date(2026, 9, 25)
MIAOPU_HANDOVER = datetime.date(2026, 10, 1)
FACE_GATES = [
    "beilu-huafu",
    "yuzhong-aocheng",
    "yunying-xiangshan",
    "shuxiang-mingdi",
    "yangguang-lijing",
]


def body(*paragraphs, facts=None):
    """A notice body: optional key facts first, then paragraphs (strings of HTML or text)."""
    blocks = []
    if facts:
        blocks.append(("key_facts", [{"label": label, "value": value} for label, value in facts]))
    for paragraph in paragraphs:
        if paragraph.startswith("## "):
            blocks.append(("heading", paragraph[3:]))
        else:
            html = paragraph if paragraph.startswith("<") else f"<p>{paragraph}</p>"
            blocks.append(("paragraph", RichText(html)))
    return blocks


# slug, title, category, published (days ago, or a date), valid for (days after today; None = no end),
# pinned, target compound slugs, summary, body
NOTICES = [
    (
        "guihua-yuan-vaccination",
        "桂花苑小区老年人疫苗集中接种安排",
        "health",
        2,
        10,
        True,
        ["guihua-yuan"],
        "社区卫生服务站将到桂花苑小区为60岁以上老人集中接种，行动不便的老人可预约上门。",
        body(
            "为方便小区老年人就近接种，社区卫生服务站将在桂花苑小区设临时接种点。",
            "行动不便的老人可拨打社区服务热线预约上门服务，党员楼栋长将逐户通知。",
            facts=[
                ("时间", "本周六 9:00–16:00"),
                ("地点", "桂花苑小区1栋架空层"),
                ("对象", "60岁以上老年人"),
                ("携带", "身份证、社保卡"),
            ],
        ),
    ),
    (
        "yuzhong-aocheng-full-coverage",
        "宇众傲城小区43户190余名居民实现应接尽接",
        "health",
        400,
        -300,
        False,
        ["yuzhong-aocheng"],
        "在党员楼栋长和志愿者逐户动员下，宇众傲城小区43户190余名居民短时间内完成疫苗接种。",
        body(
            "宇众傲城小区摸排出尚未接种的住户43户、居民190余人。小区治理党支部组织党员楼栋长"
            "逐户走访，为行动不便的老人联系上门接种，短时间内实现了应接尽接。",
            "感谢各位居民的理解和支持，感谢“小区管家”志愿服务队的辛勤付出。",
        ),
    ),
    (
        "miaopu-water-outage",
        "苗圃小区停水通知",
        "outage",
        1,
        3,
        True,
        ["miaopu"],
        "因供水管网改造，苗圃小区将停水一天，请提前储水。",
        body(
            "因市政供水管网改造施工，苗圃小区将暂停供水。请居民提前做好储水准备，"
            "停水期间关闭家中水龙头，防止来水时跑水。",
            facts=[
                ("停水时间", "后天 8:00–20:00"),
                ("范围", "苗圃小区全部楼栋"),
                ("咨询电话", "江南社区物业管理有限公司服务中心"),
            ],
        ),
    ),
    (
        "huifeng-huayuan-tank-cleaning",
        "回风花园二次供水设施清洗停水通知",
        "outage",
        3,
        6,
        False,
        ["huifeng-huayuan"],
        "回风花园将清洗消毒二次供水水箱，高层住户停水半天。",
        body(
            "为保障饮用水卫生，物业公司将对二次供水水箱进行清洗消毒，并送检水质。",
            facts=[("时间", "下周二 8:30–13:00"), ("范围", "回风花园7层以上住户")],
        ),
    ),
    (
        "yuzhong-aocheng-power-cut",
        "宇众傲城小区计划停电通知",
        "outage",
        40,
        -35,
        False,
        ["yuzhong-aocheng"],
        "因配电设备检修，宇众傲城小区计划停电半天。",
        body(
            "供电部门将对小区配电房设备进行检修。停电期间电梯暂停运行，请有老人、病人的家庭提前安排。",
            facts=[("停电时间", "8:00–12:00"), ("范围", "宇众傲城小区1–6栋")],
        ),
    ),
    (
        "yunying-xiangshan-election",
        "云影香山小区第一届业主委员会选举公告",
        "election",
        310,
        -280,
        False,
        ["yunying-xiangshan"],
        "云影香山小区建成于2016年，将在1月召开业主大会选举第一届业主委员会。",
        body(
            "在社区党委指导和业主委员会协会帮助下，云影香山小区业主大会筹备组已完成候选人推荐。",
            "请各位业主按时参加业主大会投票，不能到场的可书面委托家庭成员代为投票。",
            facts=[("投票时间", "1月16日 9:00–17:00"), ("地点", "云影香山小区邻里厅")],
        ),
    ),
    (
        "jingui-dasha-re-election",
        "金桂大厦业主委员会换届选举筹备通知",
        "election",
        5,
        30,
        True,
        ["jingui-dasha"],
        "金桂大厦业主委员会任期届满，现启动换届选举筹备工作，欢迎业主报名参选。",
        body(
            "金桂大厦第一届业主委员会任期已满。根据《业主委员会工作规则》，"
            "小区治理党支部和业主委员会协会将指导成立换届选举筹备组。",
            "有意参选的业主请到物业服务中心领取报名表。",
            facts=[("报名截止", "本月底"), ("报名地点", "金桂大厦物业服务中心")],
        ),
    ),
    (
        "staff-training-12",
        "第十二期物业服务人员业务培训通知",
        "training",
        4,
        12,
        False,
        [],
        "物业公司协会举办第十二期物业服务人员培训，请各物业公司组织保洁、秩序维护和维修人员参加。",
        body(
            "本期培训由物业公司协会主办，内容包括《物业管理服务细则》解读、消防设施维护、"
            "投诉处理和服务礼仪。",
            facts=[
                ("时间", "下周四 14:30"),
                ("地点", "回风亭社区党群服务中心三楼会议室"),
                ("参加人员", "各物业公司项目经理及一线员工"),
            ],
        ),
    ),
    (
        "staff-training-11",
        "第十一期物业服务人员业务培训通知",
        "training",
        60,
        -50,
        False,
        [],
        "第十一期培训围绕电梯安全管理和二次供水卫生。",
        body("本期培训邀请区市场监管部门讲解电梯安全管理，区疾控中心讲解二次供水卫生。"),
    ),
    (
        "committee-member-training",
        "业主委员会成员履职培训通知",
        "training",
        90,
        -80,
        False,
        [],
        "业主委员会协会组织各小区业委会成员学习《业主委员会工作规则》。",
        body("培训内容：业主大会议事规则、维修资金使用程序、物业服务合同监督。"),
    ),
    (
        "winter-fire-inspection",
        "冬季消防安全联合检查通知",
        "safety",
        2,
        20,
        True,
        [],
        "社区将联合物业公司协会对各小区消防通道、消防设施和电动车充电进行联合检查。",
        body(
            "进入冬季，用火用电增多。社区党委将组织物业公司协会、业主委员会协会和志愿者，"
            "对辖区各小区开展联合检查。",
            "## 检查内容",
            "<ul><li>消防通道是否畅通</li><li>灭火器、消火栓是否完好</li>"
            "<li>楼道内是否有电动车停放、充电</li></ul>",
            facts=[("检查时间", "本月下旬"), ("检查范围", "辖区全部小区")],
        ),
    ),
    (
        "e-bike-charging",
        "电动自行车规范停放充电安全提示",
        "safety",
        20,
        None,
        False,
        [],
        "严禁电动自行车进楼入户、飞线充电，请到小区集中充电桩充电。",
        body(
            "电动自行车进楼入户、私拉电线充电极易引发火灾。请居民将电动自行车停放在指定区域，"
            "使用小区集中充电设施充电。"
        ),
    ),
    (
        "flood-season-safety",
        "汛期安全防范提示",
        "safety",
        150,
        -60,
        False,
        [],
        "汛期请注意地下车库、低洼处防水，物业公司做好排水设施检查。",
        body("请各物业公司检查排水沟、雨水井和地下车库挡水设施，备齐沙袋等防汛物资。"),
    ),
    (
        "yangguang-lijing-gas-check",
        "阳光丽景燃气管道入户安全检查通知",
        "safety",
        6,
        9,
        False,
        ["yangguang-lijing"],
        "燃气公司将入户检查燃气管道和灶具连接管，请住户留人在家。",
        body(
            "检查人员佩戴工作证件，不收取任何费用，不推销产品，请居民注意辨别。",
            facts=[("时间", "本周内 9:00–18:00"), ("范围", "阳光丽景全部住户")],
        ),
    ),
    (
        "guihua-street-car-parks",
        "桂花街两处停车场正式启用",
        "parking",
        120,
        None,
        False,
        ALONG_GUIHUA_STREET,
        "经联席会议协调，桂花街沿线小区筹资100余万元建成两处停车场，新增车位300余个。",
        body(
            "桂花街是农贸市场街道，沿线小区长期停车难。联席会议将此列为重点事项，"
            "由小区治理党支部牵头，两个协会和沿线小区共同筹资100余万元，建成两处停车场。",
            facts=[
                ("车位", "300余个"),
                ("收费", "按物价部门核定标准"),
                ("办理月卡", "各小区物业服务中心"),
            ],
        ),
    ),
    (
        "guihua-street-traffic",
        "桂花街停车场施工期间临时交通管制",
        "parking",
        200,
        -150,
        False,
        ALONG_GUIHUA_STREET,
        "停车场施工期间，桂花街部分路段临时管制，请绕行。",
        body("施工期间请沿线居民注意出行安全，服从现场交通引导。"),
    ),
    (
        "face-recognition-gates",
        "五个小区人脸识别门禁安装完成",
        "announcement",
        30,
        None,
        False,
        FACE_GATES,
        "北路华府、宇众傲城等五个小区已完成人脸识别门禁安装，请尚未录入的居民尽快录入。",
        body(
            "人脸信息只用于小区门禁，由物业公司按规定保管，不得外传。",
            "老年人和行动不便的居民可预约工作人员上门录入。",
        ),
    ),
    (
        "guangdian-huayuan-lift",
        "广电花苑小区加装电梯业主意见征询",
        "announcement",
        8,
        14,
        False,
        ["guangdian-huayuan"],
        "广电花苑小区业主自发筹资加装电梯，现就设计方案征询全体业主意见。",
        body(
            "加装电梯方案已在小区公告栏张贴，请各单元业主在征询期内提交书面意见。",
            facts=[("征询期", "两周"), ("意见提交", "广电花苑小区业主委员会")],
        ),
    ),
    (
        "miaopu-new-firm",
        "苗圃小区更换物业服务企业公告",
        "announcement",
        MIAOPU_ANNOUNCED,
        None,
        False,
        ["miaopu"],
        "经业主大会表决，苗圃小区选聘江南社区物业管理有限公司，自2026年10月1日起提供物业服务。",
        body(
            "原物业服务企业连续多月考核排名末位。业主委员会根据业主大会决定，"
            "依法选聘江南社区物业管理有限公司，自2026年10月1日起接管，新旧物业正在办理交接。",
        ),
    ),
    (
        "pension-verification",
        "养老金领取资格认证上门服务通知",
        "other",
        7,
        25,
        False,
        [],
        "服务站为行动不便的老人提供养老金资格认证（社保验证）上门服务。",
        body(
            "各小区党群服务站可现场办理认证；行动不便的老人可预约错时或上门服务。",
            facts=[("预约方式", "社区服务热线或所在小区服务站"), ("需带", "身份证、社保卡")],
        ),
    ),
    (
        "beilu-huafu-hall-programme",
        "北路华府小区邻里厅本月活动安排",
        "other",
        9,
        21,
        False,
        ["beilu-huafu"],
        "邻里厅本月开放读书角、健身操和法律咨询。",
        body(
            facts=[
                ("读书角", "每天 9:00–21:00"),
                ("健身操", "每周二、四 19:30"),
                ("法律咨询", "每月第二个周六上午"),
            ]
        ),
    ),
    (
        "health-checkup",
        "社区健康体检志愿服务活动",
        "health",
        3,
        15,
        False,
        [],
        "志愿者和社区医生将为空巢老人、困难群众提供免费健康体检。",
        body(
            facts=[
                ("时间", "下周六 8:30–11:30"),
                ("地点", "回风亭社区党群服务中心"),
                ("对象", "空巢老人、困难群众"),
            ]
        ),
    ),
    (
        "steward-volunteers",
        "“小区管家”志愿服务队招募志愿者",
        "other",
        45,
        None,
        False,
        [],
        "“小区管家”志愿服务队已有470名志愿者，欢迎居民、退休干部和学生加入。",
        body(
            "志愿者参与文艺宣传、安全检查、健康体检和节日慰问，帮助困难群众、空巢老人和留守儿童。"
        ),
    ),
]

NOTICES_EN = {
    "guihua-yuan-vaccination": (
        "Vaccination day for older residents at Guihua Garden",
        "The community health station vaccinates residents over 60 at Guihua Garden; home visits on request.",
    ),
    "miaopu-water-outage": (
        "Water outage at Miaopu",
        "Water mains work: no water at Miaopu for one day. Please store water beforehand.",
    ),
    "winter-fire-inspection": (
        "Winter fire-safety inspection",
        "Joint inspection of fire lanes, fire equipment and e-bike charging in every compound.",
    ),
    "guihua-street-car-parks": (
        "Two car parks open on Guihua Street",
        "Raised through the joint meeting: over ¥1 million, two car parks and 300+ spaces.",
    ),
    "jingui-dasha-re-election": (
        "Jingui Tower owners' committee re-election",
        "The committee's term has ended; owners may now put themselves forward.",
    ),
}

# Requirement items per letter (newest first): (area, requirement, due day of month or None)
LETTERS = [
    [
        ("sanitation", "清理楼道、架空层堆放的杂物和废旧家具，保持消防通道畅通。", 15),
        ("sanitation", "落叶季节增加公共区域清扫频次，及时清运垃圾。", None),
        ("safety", "检查灭火器、消火栓和应急照明，登记问题并在月底前整改。", 25),
        ("safety", "劝导电动自行车不进楼入户，发现飞线充电立即制止并报告。", None),
        ("beautification", "修剪绿篱，为不耐寒苗木做好防冻措施。", 20),
        ("fees", "在小区公告栏公示本年度物业服务费收支情况。", 30),
    ],
    [
        ("sanitation", "开展秋季卫生大扫除，重点清理化粪池和雨水井。", 20),
        ("safety", "配合社区做好冬季消防联合检查准备。", 28),
        ("beautification", "补植小区缺株绿地，清除枯死苗木。", None),
        ("service", "公开投诉电话，投诉件三日内回复。", None),
    ],
    [
        ("sanitation", "国庆节前完成小区环境集中整治。", 28),
        ("safety", "检查电梯维保记录，督促维保单位按时保养。", 15),
        ("facilities", "修复损坏的路灯、单元门禁和监控设备。", 25),
    ],
    [
        ("sanitation", "做好垃圾分类投放点的清洗消毒。", None),
        ("safety", "汛期结束前检查排水设施和地下车库挡水设施。", 10),
        ("beautification", "清理楼顶、阳台违规种植和搭建。", 30),
        ("fees", "核对停车费收缴台账，按规定公示。", 30),
    ],
    [
        ("sanitation", "高温季节每天清运生活垃圾，防止蚊蝇滋生。", None),
        ("safety", "排查高层建筑外墙脱落隐患，设置警示标志。", 20),
        ("facilities", "检查二次供水设施，清洗消毒水箱并送检水质。", 25),
    ],
    [
        ("sanitation", "汛期及时疏通下水道，雨后清理积水和淤泥。", None),
        ("safety", "备齐沙袋等防汛物资，制定地下车库防汛预案。", 5),
        ("beautification", "修剪行道树，防止雨季倒伏。", 15),
        ("service", "配合业主委员会协会做好业委会选举的场地和通知工作。", None),
    ],
]

ATTENDEES = [
    ("party_branch", "小区治理党支部", 3),
    ("committee_association", "业主委员会协会", 2),
    ("firm_association", "物业公司协会", 2),
    ("residents", "相关小区居民代表", 4),
    ("party_members", "党员楼栋长代表", 2),
]

# months ago (or a date), slug, title, location, summary, agenda, decisions, extra attendees, follow-ups
# follow-up: (description, compound slug or None, responsible, status, due in days from meeting, note)
MEETINGS = [
    (
        6,
        "guihua-street-parking",
        "联席会议：桂花街沿线小区停车难问题",
        "回风亭社区党群服务中心",
        "研究桂花街沿线小区停车难问题，决定筹资建设两处停车场。",
        [
            ("桂花街农贸市场周边停车难、占道停车问题", "业主委员会协会"),
            ("停车场选址与筹资方案", "小区治理党支部"),
        ],
        [
            ("由小区治理党支部牵头，协调建设两处停车场，新增车位300个以上。", "一致同意"),
            ("沿线小区和物业公司共同筹资，资金使用定期公示。", "一致同意"),
        ],
        [
            ("department", "回风街道城市管理办公室", 1),
            ("property_firm", "巴中恒信物业服务有限公司", 1),
        ],
        [
            (
                "建成桂花街两处停车场并投入使用",
                "guihua-yuan",
                "小区治理党支部",
                "resolved",
                90,
                "两处停车场已建成启用，新增车位300余个，筹集资金100余万元。",
            ),
            (
                "制定停车场收费和月卡办理办法并公示",
                "jingui-dasha",
                "物业公司协会",
                "resolved",
                60,
                "收费办法已在沿线各小区公示。",
            ),
            (
                "桂花街沿线占道停车劝导",
                "hongrong-mingzhu",
                "“小区管家”志愿服务队",
                "resolved",
                30,
                "",
            ),
        ],
    ),
    (
        MIAOPU_MEETING,
        "miaopu-firm-replacement",
        "联席会议：苗圃小区物业服务考核整改",
        "回风亭社区党群服务中心",
        "苗圃小区原物业服务企业考核排名连续靠后，研究更换物业服务企业的程序。",
        [
            ("苗圃小区物业服务考核情况通报", "物业公司协会"),
            ("业主大会选聘新物业的程序", "业主委员会协会"),
        ],
        [("建议苗圃小区业主委员会依法启动选聘新物业服务企业。", "一致同意")],
        [("owners_committee", "苗圃小区业主委员会", 3)],
        [
            (
                "苗圃小区召开业主大会选聘新物业",
                "miaopu",
                "苗圃小区业主委员会",
                "resolved",
                (MIAOPU_ANNOUNCED - MIAOPU_MEETING).days,
                "业主大会表决选聘江南社区物业管理有限公司，2026年10月1日起接管。",
            ),
            (
                "新物业接管后物业费收缴率跟踪",
                "miaopu",
                "物业公司协会",
                "in_progress",
                (MIAOPU_HANDOVER - MIAOPU_MEETING).days + 180,
                "接管首月收缴率由50%提高到70%，目标85%。",
            ),
        ],
    ),
    (
        4,
        "face-recognition-gates",
        "联席会议：小区人脸识别门禁和视频监控升级",
        "北路华府小区邻里厅",
        "研究为五个小区安装人脸识别门禁、为三个小区升级视频监控。",
        [
            ("老旧门禁失效、外来人员随意进出问题", "相关小区居民代表"),
            ("人脸信息保管和使用规定", "小区治理党支部"),
        ],
        [
            ("北路华府等五个小区安装人脸识别门禁；人脸信息只用于门禁。", "一致同意"),
            ("三个小区升级视频监控，费用从公共收益中列支。", "多数同意"),
        ],
        [
            ("property_firm", "巴中华府物业管理有限公司", 1),
            ("property_firm", "宇众物业管理有限公司", 1),
        ],
        [
            (
                "北路华府小区安装人脸识别门禁",
                "beilu-huafu",
                "巴中华府物业管理有限公司",
                "resolved",
                30,
                "已安装。",
            ),
            (
                "宇众傲城小区安装人脸识别门禁",
                "yuzhong-aocheng",
                "宇众物业管理有限公司",
                "resolved",
                30,
                "已安装。",
            ),
            (
                "云影香山小区门禁录入老年人人脸信息",
                "yunying-xiangshan",
                "云影物业服务有限公司",
                "in_progress",
                60,
                "已录入八成，其余预约上门录入。",
            ),
            (
                "书香名邸小区视频监控升级",
                "shuxiang-mingdi",
                "巴州安居物业服务有限公司",
                "open",
                90,
                "",
            ),
        ],
    ),
    (
        3,
        "guangdian-huayuan-lift",
        "联席会议：广电花苑小区加装电梯",
        "广电花苑小区",
        "广电花苑小区业主筹资加装电梯，协调规划审批和施工安全。",
        [
            ("加装电梯筹资和低层住户意见", "广电花苑小区业主委员会"),
            ("施工期间安全和出行保障", "物业公司协会"),
        ],
        [("支持业主自主筹资加装电梯，社区协助办理审批。", "一致同意")],
        [
            ("owners_committee", "广电花苑小区业主委员会", 2),
            ("property_firm", "巴中广电物业服务有限公司", 1),
        ],
        [
            (
                "办理加装电梯规划审批",
                "guangdian-huayuan",
                "广电花苑小区业主委员会",
                "in_progress",
                90,
                "设计方案已征询业主意见。",
            ),
            (
                "施工期间设置安全围挡和临时通道",
                "guangdian-huayuan",
                "巴中广电物业服务有限公司",
                "open",
                120,
                "",
            ),
        ],
    ),
    (
        2,
        "committee-elections",
        "联席会议：业主委员会选举和换届",
        "回风亭社区党群服务中心",
        "总结云影香山小区首届业委会选举经验，部署金桂大厦换届。",
        [
            ("云影香山小区第一届业主委员会选举情况", "业主委员会协会"),
            ("金桂大厦业主委员会换届筹备", "小区治理党支部"),
        ],
        [("业主委员会协会指导金桂大厦成立换届筹备组。", "一致同意")],
        [("owners_committee", "云影香山小区业主委员会", 2)],
        [
            (
                "云影香山小区业委会备案",
                "yunying-xiangshan",
                "云影香山小区业主委员会",
                "resolved",
                20,
                "已备案。",
            ),
            (
                "金桂大厦换届选举筹备",
                "jingui-dasha",
                "业主委员会协会",
                "in_progress",
                45,
                "筹备组已成立。",
            ),
            ("桂花苑小区成立业主委员会", "guihua-yuan", "业主委员会协会", "open", 90, ""),
        ],
    ),
    (
        1,
        "winter-fire-safety",
        "联席会议：冬季消防安全和物业服务培训",
        "宇众傲城小区邻里厅",
        "部署冬季消防联合检查，安排第十二期物业服务人员培训。",
        [
            ("冬季消防安全联合检查方案", "小区治理党支部"),
            ("第十二期物业服务人员培训安排", "物业公司协会"),
        ],
        [
            ("本月下旬开展全社区消防联合检查。", "一致同意"),
            ("各物业公司派一线员工参加第十二期培训。", "一致同意"),
        ],
        [("department", "回风街道应急管理办公室", 1)],
        [
            ("全社区消防联合检查", None, "小区治理党支部", "open", 20, ""),
            ("滨河小区清理楼道堆放杂物", "binhe", "巴中城乡物业服务有限公司", "open", 15, ""),
            ("第十二期物业服务人员培训", None, "物业公司协会", "in_progress", 10, "报名已完成。"),
        ],
    ),
]


def months_before(day, count):
    month_index = day.year * 12 + day.month - 1 - count
    return datetime.date(month_index // 12, month_index % 12 + 1, 1)


def load_indexes(home):
    return {
        "notices": ensure_page(
            home,
            NoticeIndexPage,
            "notices",
            title="通知公告",
            show_in_menus=True,
            intro="<p>社区党委、两个协会和各物业公司发布的通知公告。过期的通知仍可在“全部通知”中查阅。</p>",
        ),
        "compounds": ensure_page(
            home,
            CompoundIndexPage,
            "compounds",
            title="小区",
            show_in_menus=True,
            intro="<p>回风亭社区辖区各小区的基本情况、物业公司、业主委员会和相关通知。</p>",
        ),
        "letters": ensure_page(
            home,
            WorkLetterIndexPage,
            "work-letters",
            title="物业工作提示函",
            show_in_menus=False,
            intro="<p>社区物业公司协会每月向辖区各物业服务企业发出的工作提示函。</p>",
        ),
        "meetings": ensure_page(
            home,
            JointMeetingIndexPage,
            "joint-meetings",
            title="联席会议",
            show_in_menus=True,
            intro="<p>小区治理党支部、业主委员会协会和物业公司协会每月召开联席会议，"
            "研究解决小区治理中的重大问题。这里公开会议记录和跟进事项的办理进度。</p>",
        ),
    }


def load_notices(index, compounds, today):
    pages = {}
    for slug, title, category, age, valid_for, pinned, targets, summary, content in NOTICES:
        pages[slug] = ensure_page(
            index,
            NoticePage,
            slug,
            title=title,
            category=category,
            publish_date=age
            if isinstance(age, datetime.date)
            else today - datetime.timedelta(days=age),
            valid_until=None if valid_for is None else today + datetime.timedelta(days=valid_for),
            pinned=pinned,
            summary=summary,
            body=content,
            target_compounds=[compounds[s] for s in targets],
        )
    return pages


def load_letters(index, today):
    letters = []
    for offset, items in enumerate(LETTERS):
        month = months_before(today, offset)
        letters.append(
            ensure_page(
                index,
                WorkLetterPage,
                f"{month:%Y-%m}",
                title=f"{month.year}年{month.month}月物业工作提示函",
                month=month,
                issued_on=month + datetime.timedelta(days=2),
                intro="<p>为进一步提升辖区物业服务质量，现将本月物业管理重点工作提示如下，"
                "请各物业服务企业认真落实，并于月底前将落实情况报社区物业公司协会。</p>",
                closing="<p>落实情况将纳入本月履约考核。联系电话：0827-5268001。</p>",
                items=[
                    WorkLetterItem(
                        area=area,
                        requirement=text,
                        sort_order=n,
                        due_date=month.replace(
                            day=min(due, calendar.monthrange(month.year, month.month)[1])
                        )
                        if due
                        else None,
                    )
                    for n, (area, text, due) in enumerate(items)
                ],
            )
        )
    return letters


def load_meetings(index, compounds, today):
    meetings = {}
    for ago, slug, title, location, summary, agenda, decisions, extra, follow_ups in MEETINGS:
        date = ago if isinstance(ago, datetime.date) else months_before(today, ago).replace(day=15)
        meetings[slug] = ensure_page(
            index,
            JointMeetingPage,
            slug,
            title=title,
            meeting_date=date,
            location=location,
            summary=summary,
            agenda=[("item", {"title": t, "raised_by": by, "notes": ""}) for t, by in agenda],
            decisions=[("decision", {"text": t, "carried_by": how}) for t, how in decisions],
            attendees=[
                MeetingAttendee(role=role, organisation=org, count=count, sort_order=n)
                for n, (role, org, count) in enumerate(ATTENDEES + extra)
            ],
            follow_ups=[
                FollowUpItem(
                    description=text,
                    compound=compounds[c] if c else None,
                    responsible_organisation=who,
                    status=status,
                    progress_note=note,
                    due_date=date + datetime.timedelta(days=due),
                    sort_order=n,
                )
                for n, (text, c, who, status, due, note) in enumerate(follow_ups)
            ],
        )
    return meetings


def translate(indexes, notices, letters, meetings, compounds):
    en = english()
    ensure_translation(
        indexes["notices"],
        en,
        title="Notices",
        intro="<p>Notices from the community, both associations and the property firms.</p>",
    )
    ensure_translation(
        indexes["compounds"],
        en,
        title="Compounds",
        intro="<p>The residential compounds of Huifengting Community.</p>",
    )
    ensure_translation(
        indexes["letters"],
        en,
        title="Work letters to property firms",
        intro="<p>The monthly reminder letter to every property firm.</p>",
    )
    ensure_translation(
        indexes["meetings"],
        en,
        title="Joint meetings",
        intro="<p>Records of the monthly joint meeting and the progress of its follow-up items.</p>",
    )
    for slug, (title, summary) in NOTICES_EN.items():
        notice = notices[slug]
        ensure_translation(
            notice,
            en,
            title=title,
            summary=summary,
            body=[("paragraph", RichText(f"<p>{summary}</p>"))],
            target_compounds=[
                c.get_translation_or_none(en) or c for c in notice.target_compounds.all()
            ],
        )
    latest = letters[0]
    ensure_translation(
        latest,
        en,
        title=f"Work letter to property firms, {latest.month:%B %Y}",
        addressed_to="All property firms in the community",
        issued_by="Property-Company Association, Huifengting Community",
        intro="<p>This month's priorities for every property firm; report on them by the end of the month.</p>",
        closing="",
    )
    parking = meetings["guihua-street-parking"]
    ensure_translation(
        parking,
        en,
        title="Joint meeting: parking along Guihua Street",
        location="Community service centre",
        summary="The meeting agreed to raise funds for two car parks for the compounds along Guihua Street.",
        chaired_by="Compound-governance party branch",
        agenda=[
            (
                "item",
                {
                    "title": "Parking shortage around the Guihua Street market",
                    "raised_by": "Owners' committee association",
                    "notes": "",
                },
            )
        ],
        decisions=[
            (
                "decision",
                {
                    "text": "Build two car parks with 300+ spaces, led by the party branch.",
                    "carried_by": "Unanimous",
                },
            )
        ],
        follow_ups=[
            FollowUpItem(
                description="Build and open the two car parks on Guihua Street",
                compound=compounds["guihua-yuan"].get_translation_or_none(en),
                responsible_organisation="Compound-governance party branch",
                status="resolved",
                due_date=parking.meeting_date + datetime.timedelta(days=90),
                progress_note="Both car parks are open: 300+ spaces, over ¥1 million raised.",
            )
        ],
    )


def load(context):
    home = context["home"]
    compounds = context["compounds"]
    today = timezone.localdate()
    indexes = load_indexes(home)
    notices = load_notices(indexes["notices"], compounds, today)
    letters = load_letters(indexes["letters"], today)
    meetings = load_meetings(indexes["meetings"], compounds, today)
    translate(indexes, notices, letters, meetings, compounds)
    context.update(notice_pages=notices, compound_index=indexes["compounds"])
