"""Demo content: a second and a third community, so every page shows the multi-community case.

Small on purpose (load_demo runs several times in CI): two or three compounds each, two firms
each, one of them a firm 回风亭社区 also has (one profile, ranked in both communities), a few
notices, the compound directory and one month's ranking. Each community's home is a child of
the site root's home, at /<community-slug>/ (home/communities.py). Idempotent: everything is
found by slug before it is created.
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from wagtail.rich_text import RichText

from home.demo_tools import (
    english,
    ensure_page,
    ensure_snippet,
    ensure_snippet_translation,
    ensure_translation,
)
from home.models import Community, Compound, HomePage, PropertyFirm
from notices.models import CompoundIndexPage, NoticeIndexPage, NoticePage
from rankings.demo import MONTHS as RANKING_MONTHS
from rankings.models import RankingIndexPage, RankingMonthPage
from rankings.scoresheet import FirmEntry, save_scores

# slug, name, English name, subdistrict, English subdistrict, intro
# firms: (slug, name, English name) registered here; `shared`: a 回风亭 firm serving here too
# compounds: (slug, name, English name, firm slug, households, year built)
# notices: (slug, title, category, days ago, summary, paragraph)
# ranking: {firm slug: scores per criterion, in the order of rankings/demo.py's CRITERIA}
COMMUNITIES = [
    {
        "slug": "shuangyan",
        "name": "双燕社区",
        "name_en": "Shuangyan Community",
        "subdistrict": "江北街道",
        "subdistrict_en": "Jiangbei Subdistrict",
        "summary": "双燕社区位于巴州区江北街道，辖3个小区，2024年起推行回风亭社区的小区治理做法。",
        # The footer of the community's pages (home/contact.py); the hotline stays the site's.
        "contact": {
            "organisation": "双燕社区居民委员会",
            "address": "巴中市巴州区江北街道双燕路18号",
            "phone": "0827-5261018",
            "office_hours": "周一至周五 8:30–12:00，14:30–18:00",
            "email": "shuangyan@example.org",
        },
        "contact_en": {
            "organisation": "Shuangyan Community Residents' Committee",
            "address": "18 Shuangyan Road, Jiangbei Subdistrict, Bazhou District, Bazhong",
            "office_hours": "Mon–Fri 8:30–12:00, 14:30–18:00",
        },
        "firms": [
            (
                "shuangyan-wuye",
                "巴中双燕物业服务有限公司",
                "Bazhong Shuangyan Property Services Co.",
            )
        ],
        "shared": "jiangnan",
        "compounds": [
            ("yanjiang-huayuan", "沿江花园", "Yanjiang Garden", "shuangyan-wuye", 512, 2010),
            ("shuangyan-xincun", "双燕新村", "Shuangyan New Village", "jiangnan", 236, 1999),
            ("jiangbei-mingju", "江北名居", "Jiangbei Mingju", "shuangyan-wuye", 308, 2014),
        ],
        "notices": [
            (
                "shuangyan-lift-repair",
                "双燕新村2栋电梯维修停运通知",
                "announcement",
                3,
                "双燕新村2栋电梯本周四、周五停运维修，行动不便的住户可联系物业上门协助。",
                "江南社区物业管理有限公司将于本周四、周五对双燕新村2栋电梯进行维修保养，期间电梯停运。行动不便的住户请提前联系物业服务中心，工作人员将上门协助。",
            ),
            (
                "shuangyan-owners-committee",
                "沿江花园业主委员会换届选举公告",
                "election",
                10,
                "沿江花园业主委员会任期届满，社区指导成立换届选举小组，欢迎业主报名参选。",
                "沿江花园第一届业主委员会任期届满。在社区党委和业主委员会协会指导下，小区成立换届选举小组，即日起接受业主自荐和联名推荐。",
            ),
        ],
        "ranking": {
            "shuangyan-wuye": (21, 17, 22, 12, 13),
            "jiangnan": (23, 18, 23, 13, 14),
        },
    },
    {
        "slug": "xinhua",
        "name": "新华社区",
        "name_en": "Xinhua Community",
        "subdistrict": "东城街道",
        "subdistrict_en": "Dongcheng Subdistrict",
        "summary": "新华社区位于巴州区东城街道，辖2个小区，是全市推广“和美社区”做法的第二批社区。",
        "contact": {
            "organisation": "新华社区居民委员会",
            "address": "巴中市巴州区东城街道新华街66号",
            "phone": "0827-5232066",
            "office_hours": "周一至周六 9:00–17:00",
            "hotline": "0827-5232000",
            "hotline_hours": "每天 8:00–20:00",
        },
        "contact_en": {
            "organisation": "Xinhua Community Residents' Committee",
            "address": "66 Xinhua Street, Dongcheng Subdistrict, Bazhou District, Bazhong",
            "office_hours": "Mon–Sat 9:00–17:00",
            "hotline_hours": "Daily 8:00–20:00",
        },
        "firms": [
            ("xinhua-wuye", "巴中新华物业管理有限公司", "Bazhong Xinhua Property Management Co.")
        ],
        "shared": "hengxin",
        "compounds": [
            ("xinhua-yuan", "新华苑", "Xinhua Court", "xinhua-wuye", 420, 2008),
            ("dongcheng-jiayuan", "东城佳园", "Dongcheng Jiayuan", "hengxin", 186, 2005),
        ],
        "notices": [
            (
                "xinhua-water-outage",
                "新华苑小区停水通知",
                "outage",
                1,
                "因供水管网改造，新华苑小区本周六8:00–18:00停水，请提前储水。",
                "因市政供水管网改造，新华苑小区本周六8:00至18:00停止供水。请居民提前储水，党员楼栋长将逐户提醒独居老人。",
            ),
            (
                "xinhua-volunteers",
                "东城佳园招募“小区管家”志愿者",
                "other",
                6,
                "东城佳园招募小区管家志愿者，参与文明劝导、安全巡查和关爱独居老人。",
                "东城佳园小区管家志愿服务队招募志愿者，参与文明劝导、安全巡查和关爱独居老人等服务，欢迎在职党员、退休职工和学生报名。",
            ),
        ],
        "ranking": {
            "xinhua-wuye": (22, 16, 21, 13, 12),
            "hengxin": (20, 15, 20, 11, 12),
        },
    },
]


def load_directory(spec, shared_firm):
    community = ensure_snippet(
        Community,
        {"slug": spec["slug"]},
        name=spec["name"],
        city="巴中市",
        district="巴州区",
        subdistrict=spec["subdistrict"],
        summary=spec["summary"],
        **spec["contact"],
    )
    if not community.phone:  # a demo loaded before communities had a contact
        Community.objects.filter(pk=community.pk).update(**spec["contact"])
        community.refresh_from_db()
    firms = {shared_firm.slug: shared_firm}
    for slug, name, _en in spec["firms"]:
        firms[slug] = ensure_snippet(
            PropertyFirm,
            {"slug": slug},
            name=name,
            community=community,
            qualification="物业服务企业（备案）",
        )
    compounds = {}
    for slug, name, _en, firm, households, built in spec["compounds"]:
        compounds[slug] = ensure_snippet(
            Compound,
            {"slug": slug},
            name=name,
            community=community,
            address=f"巴中市巴州区{spec['subdistrict']}{name}",
            households=households,
            year_built=built,
            property_firm=firms[firm],
            committee_status="in_office",
        )
    en = english()
    en_community = ensure_snippet_translation(
        community,
        en,
        name=spec["name_en"],
        city="Bazhong",
        district="Bazhou District",
        subdistrict=spec["subdistrict_en"],
        summary=f"A residential community in {spec['subdistrict_en']}, Bazhong.",
        **{**spec["contact"], **spec["contact_en"]},
    )
    if not en_community.phone:
        Community.objects.filter(pk=en_community.pk).update(
            **{**spec["contact"], **spec["contact_en"]}
        )
    for slug, _name, name_en in spec["firms"]:
        ensure_snippet_translation(firms[slug], en, name=name_en, community=en_community)
    for slug, _name, name_en, firm, *_rest in spec["compounds"]:
        ensure_snippet_translation(
            compounds[slug],
            en,
            name=name_en,
            community=en_community,
            property_firm=firms[firm].get_translation_or_none(en) or firms[firm],
            address=f"{name_en}, {spec['subdistrict_en']}",
        )
    return community, firms, compounds


def load_pages(site_home, spec, community, compounds, today):
    home = ensure_page(
        site_home,
        HomePage,
        spec["slug"],
        title=spec["name"],
        community=community,
        intro=f"<p>欢迎来到{spec['name']}。这里发布本社区的通知公告、小区情况和物业公司履约考核排名。</p>",
    )
    notices = ensure_page(home, NoticeIndexPage, "notices", title="通知公告", show_in_menus=True)
    ensure_page(home, CompoundIndexPage, "compounds", title="小区", show_in_menus=True)
    for slug, title, category, age, summary, paragraph in spec["notices"]:
        ensure_page(
            notices,
            NoticePage,
            slug,
            title=title,
            category=category,
            publish_date=today - datetime.timedelta(days=age),
            summary=summary,
            body=[("paragraph", RichText(f"<p>{paragraph}</p>"))],
        )
    en = english()
    ensure_translation(
        home,
        en,
        title=spec["name_en"],
        community=community.get_translation(en),
        intro=f"<p>Welcome to {spec['name_en']}: notices, compounds and the firm ranking.</p>",
    )
    ensure_translation(notices, en, title="Notices")
    return home


def load_ranking(home, spec, firms, month):
    """One month's ranking of the community's two firms (a firm shared with 回风亭社区 is
    ranked here among this community's firms)."""
    index = ensure_page(
        home,
        RankingIndexPage,
        "rankings",
        title="物业履约考核排名",
        show_in_menus=True,
        intro="<p>社区每月对辖区物业公司开展履约检查并排名。</p>",
    )
    slug = f"{month:%Y-%m}"
    if index.get_children().filter(slug=slug).exists():
        return
    page = RankingMonthPage(
        title=f"{month.year}年{month.month}月物业服务履约考核排名",
        slug=slug,
        month=month,
        locale=index.locale,
        intro=f"<p>{spec['name']}于{month.month}月对辖区物业公司进行了履约检查。</p>",
        live=False,
    )
    index.add_child(instance=page)
    criteria = page.freeze_criteria()
    save_scores(
        page,
        [
            FirmEntry(
                firms[slug],
                {c.pk: Decimal(v) for c, v in zip(criteria, values, strict=True)},
            )
            for slug, values in spec["ranking"].items()
        ],
    )
    page.save_revision().publish()


def load(context):
    site_home = context["home"]
    today = timezone.localdate()
    month = RANKING_MONTHS[-1]  # the newest month 回风亭社区 is ranked in
    for spec in COMMUNITIES:
        shared = context["firms"][spec["shared"]]
        community, firms, compounds = load_directory(spec, shared)
        home = load_pages(site_home, spec, community, compounds, today)
        load_ranking(home, spec, firms, month)
