"""Demo content of the foundation: the community, its compounds and firms, the home page."""

import datetime

from wagtail.models import Page, Site

from .demo_tools import (
    english,
    ensure_snippet,
    ensure_snippet_translation,
    ensure_translation,
)
from .models import Community, Compound, HomePage, OwnersCommittee, PropertyFirm, SiteSettings

COMMUNITY = {
    "slug": "huifengting",
    "name": "回风亭社区",
    "city": "巴中市",
    "district": "巴州区",
    "subdistrict": "回风街道",
    "summary": (
        "回风亭社区位于四川省巴中市巴州区回风街道。社区党委牵头，小区治理党支部、"
        "业主委员会协会和物业公司协会共同治理辖区各小区，183名党员楼栋长和1200余名"
        "“双报到”党员参与小区服务。"
    ),
}

# (slug, name, English name, registered as a member of the association)
FIRMS = [
    ("jiangnan", "江南社区物业管理有限公司", "Jiangnan Community Property Management Co."),
    ("hengxin", "巴中恒信物业服务有限公司", "Bazhong Hengxin Property Services Co."),
    ("jincheng", "四川锦城物业管理有限公司", "Sichuan Jincheng Property Management Co."),
    ("anju", "巴州安居物业服务有限公司", "Bazhou Anju Property Services Co."),
    ("jingui", "巴中金桂物业管理有限公司", "Bazhong Jingui Property Management Co."),
    ("hongrong", "宏荣物业服务有限公司", "Hongrong Property Services Co."),
    ("huafu", "巴中华府物业管理有限公司", "Bazhong Huafu Property Management Co."),
    ("yunying", "云影物业服务有限公司", "Yunying Property Services Co."),
    ("guangdian", "巴中广电物业服务有限公司", "Bazhong Guangdian Property Services Co."),
    ("yuzhong", "宇众物业管理有限公司", "Yuzhong Property Management Co."),
    ("chengxiang", "巴中城乡物业服务有限公司", "Bazhong Chengxiang Property Services Co."),
    ("meijia", "川东美家物业管理有限公司", "Chuandong Meijia Property Management Co."),
    ("linli", "巴中邻里物业服务有限公司", "Bazhong Linli Property Services Co."),
]

# slug, name, English name, firm slug, households, year built, committee status, elected, hall, station
COMPOUNDS = [
    (
        "beilu-huafu",
        "北路华府小区",
        "Beilu Huafu",
        "huafu",
        620,
        2012,
        "in_office",
        (2021, 6, 12),
        True,
        True,
    ),
    (
        "miaopu",
        "苗圃小区",
        "Miaopu",
        "jiangnan",
        288,
        1998,
        "in_office",
        (2022, 3, 20),
        False,
        True,
    ),
    (
        "guangdian-huayuan",
        "广电花苑小区",
        "Guangdian Huayuan",
        "guangdian",
        216,
        2003,
        "in_office",
        (2020, 9, 5),
        False,
        False,
    ),
    (
        "yuzhong-aocheng",
        "宇众傲城小区",
        "Yuzhong Aocheng",
        "yuzhong",
        860,
        2015,
        "in_office",
        (2021, 11, 8),
        True,
        True,
    ),
    (
        "yunying-xiangshan",
        "云影香山小区",
        "Yunying Xiangshan",
        "yunying",
        540,
        2016,
        "in_office",
        (2022, 1, 16),
        True,
        False,
    ),
    (
        "jingui-dasha",
        "金桂大厦",
        "Jingui Tower",
        "jingui",
        132,
        2008,
        "re_election_due",
        (2019, 4, 27),
        False,
        False,
    ),
    (
        "hongrong-mingzhu",
        "宏荣名著",
        "Hongrong Mingzhu",
        "hongrong",
        410,
        2013,
        "in_office",
        (2021, 5, 30),
        False,
        False,
    ),
    (
        "guihua-yuan",
        "桂花苑小区",
        "Guihua Garden",
        "hengxin",
        43,
        2001,
        "preparing",
        None,
        False,
        False,
    ),
    (
        "huifeng-huayuan",
        "回风花园",
        "Huifeng Garden",
        "jincheng",
        352,
        2006,
        "in_office",
        (2021, 8, 14),
        False,
        False,
    ),
    (
        "shuxiang-mingdi",
        "书香名邸",
        "Shuxiang Mingdi",
        "anju",
        298,
        2011,
        "in_office",
        (2022, 5, 8),
        False,
        False,
    ),
    ("binhe", "滨河小区", "Binhe", "chengxiang", 176, 2000, "none", None, False, False),
    (
        "yangguang-lijing",
        "阳光丽景",
        "Yangguang Lijing",
        "meijia",
        468,
        2014,
        "in_office",
        (2020, 12, 19),
        False,
        False,
    ),
    (
        "bazhou-yinxiang",
        "巴州印象",
        "Bazhou Yinxiang",
        "linli",
        390,
        2017,
        "preparing",
        None,
        False,
        False,
    ),
]

HOME = {
    "title": "回风亭社区",
    "intro": (
        "<p>欢迎来到回风亭社区“和美社区”信息网。这里发布社区通知公告、物业管理服务细则、"
        "物业公司月度履约考核排名，也可以预约服务站上门服务、报名志愿活动。</p>"
    ),
}
HOME_EN = {
    "title": "Huifengting Community",
    "intro": (
        "<p>Welcome to Hemei, the information site of Huifengting Community: notices, "
        "property-management rules, the monthly ranking of property firms, service "
        "appointments and volunteer events.</p>"
    ),
}


def load_directory():
    community = ensure_snippet(
        Community,
        {"slug": COMMUNITY["slug"]},
        **{k: v for k, v in COMMUNITY.items() if k != "slug"},
    )
    firms = {}
    for slug, name, _name_en in FIRMS:
        firms[slug] = ensure_snippet(
            PropertyFirm,
            {"slug": slug},
            name=name,
            community=community,
            qualification="物业服务企业（备案）",
            has_party_organisation=slug in {"jiangnan", "huafu", "yuzhong", "hengxin"},
        )
    compounds = {}
    for slug, name, _en, firm, households, built, status, elected, hall, station in COMPOUNDS:
        compounds[slug] = ensure_snippet(
            Compound,
            {"slug": slug},
            name=name,
            community=community,
            address=f"巴中市巴州区回风街道{name}",
            households=households,
            year_built=built,
            property_firm=firms[firm],
            committee_status=status,
            committee_elected_on=datetime.date(*elected) if elected else None,
            has_neighbourhood_hall=hall,
            has_service_station=station,
        )
        if status in {"in_office", "re_election_due"}:
            OwnersCommittee.objects.get_or_create(
                compound=compounds[slug],
                defaults={
                    "locale": compounds[slug].locale,
                    "name": f"{name}业主委员会",
                    "director_title": "主任",
                    "members": 5,
                    "term_starts": datetime.date(*elected),
                },
            )
    return community, firms, compounds


def translate_directory(community, firms, compounds):
    en = english()
    ensure_snippet_translation(
        community,
        en,
        name="Huifengting Community",
        city="Bazhong",
        district="Bazhou District",
        subdistrict="Huifeng Subdistrict",
        summary="A residential community in Bazhong, Sichuan.",
    )
    en_community = community.get_translation(en)
    for slug, _name, name_en in FIRMS:
        ensure_snippet_translation(firms[slug], en, name=name_en, community=en_community)
    for slug, _name, name_en, firm, *_rest in COMPOUNDS:
        ensure_snippet_translation(
            compounds[slug],
            en,
            name=name_en,
            community=en_community,
            property_firm=firms[firm].get_translation(en),
            address=f"{name_en}, Huifeng Subdistrict",
        )


def load_home(community):
    """Make a HomePage the default site's root, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.filter(depth=2, locale__language_code="zh-hans").first()
    if home is None:
        home = HomePage(
            title=HOME["title"], slug="huifengting", intro=HOME["intro"], community=community
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "和美社区"
        site.save()
        if not isinstance(old_root.specific, HomePage):
            old_root.delete()
    ensure_translation(home, english(), **HOME_EN)
    contact = SiteSettings.for_site(site)
    contact.organisation = "中共回风亭社区委员会"
    contact.address = "四川省巴中市巴州区回风街道回风亭社区党群服务中心"
    contact.phone = "0827-5268001"
    contact.office_hours = "周一至周五 8:30–17:30"
    contact.hotline = "0827-5268123"
    contact.hotline_hours = "每天 8:00–20:00，节假日不休"
    contact.email = "hft-community@example.cn"
    contact.save()
    return home


def load(context):
    community, firms, compounds = load_directory()
    translate_directory(community, firms, compounds)
    home = load_home(community)
    context.update(community=community, firms=firms, compounds=compounds, home=home)
