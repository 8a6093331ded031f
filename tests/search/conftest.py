import datetime

import pytest
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from search import registry
from search.registry import SearchModel, SearchType
from tests.factories.home import CommunityFactory, CompoundFactory
from tests.factories.notices import CompoundIndexPageFactory
from tests.search_fixtures.models import FixtureArticle, FixtureNoticePage

# Where test_relevance.py keeps its score lines for the terminal summary.
RELEVANCE_REPORT = pytest.StashKey[list]()


def pytest_terminal_summary(terminalreporter, config):
    """Repeat the relevance scores at the end of every run (CI logs show them at a glance)."""
    lines = list(config.stash.get(RELEVANCE_REPORT, []))
    for reports in terminalreporter.stats.values():
        for report in reports:
            for key, value in getattr(report, "user_properties", ()):
                if key == "relevance" and value not in lines:
                    lines.append(value)
    if lines:
        terminalreporter.write_sep("=", "search relevance")
        for text in lines:
            terminalreporter.write_line(text)


NOTICES = [
    # slug, title, body, compound?, days ago
    (
        "fee-notice",
        "关于调整物业服务费标准的通知",
        "经业主委员会同意，苗圃小区物业费自下月起按新标准收取。",
        "miaopu",
        40,
    ),
    (
        "lift-notice",
        "广电花苑小区电梯加装公示",
        "业主自筹资金加装电梯，升降梯施工期间请注意安全。",
        "guangdian",
        10,
    ),
    (
        "election-notice",
        "云影香山小区业主委员会换届选举公告",
        "第二届业委会选举将于一月举行，请业主参加投票。",
        "yunying",
        5,
    ),
    (
        "social-security",
        "社保验证上门服务安排",
        "党群服务站为行动不便的老人提供社会保险资格认证上门服务。",
        None,
        20,
    ),
    (
        "reminder-letter",
        "五月物业工作提示函",
        "请各物业公司做好公共环境保洁、公共设施维修和安全检查。",
        None,
        60,
    ),
]

ARTICLES = [
    (
        12,
        "第十二条",
        "article-12",
        "物业费的收取",
        "物业服务费按月收取，物业公司应当公示收费标准。",
    ),
    (13, "第十三条", "article-13", "电梯维护", "物业公司应当定期检查电梯，保证升降梯安全运行。"),
]


@pytest.fixture
def search_types():
    """The registry pointed at the test-only content types; restored afterwards."""
    saved = list(registry._registry)
    registry._registry[:] = [
        SearchType(
            "notices",
            "Notices",
            (SearchModel("search_fixtures.FixtureNoticePage", compound_lookup="compound"),),
        ),
        SearchType(
            "regulations",
            "Regulations",
            (SearchModel("search_fixtures.FixtureArticle", date_field=None),),
        ),
        SearchType(
            "compounds",
            "Compounds",
            (
                SearchModel(
                    "home.Compound",
                    date_field=None,
                    compound_lookup="pk",
                    select_related=("property_firm", "locale"),
                ),
            ),
        ),
    ]
    yield registry._registry
    registry._registry[:] = saved


def publish_notice(parent, slug, title, body, compound=None, days_ago=0):
    page = FixtureNoticePage(title=title, slug=slug, body=body, compound=compound)
    parent.add_child(instance=page)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    if days_ago:
        when = timezone.now() - datetime.timedelta(days=days_ago)
        FixtureNoticePage.objects.filter(pk=page.pk).update(first_published_at=when)
        page.first_published_at = when
    return page


@pytest.fixture
def compounds(home_page):
    # Compounds are found only while their directory is published (their hits link to it);
    # the directory page itself is not what these tests search, so it is left out of the index.
    directory = CompoundIndexPageFactory(parent=home_page)
    get_search_backend().delete(directory)
    community = CommunityFactory()  # one community's compounds, as on the site
    return {
        "miaopu": CompoundFactory(
            name="苗圃小区",
            slug="miaopu",
            description="老旧小区，更换了物业公司。",
            community=community,
        ),
        "guangdian": CompoundFactory(
            name="广电花苑小区",
            slug="guangdian",
            description="业主筹资加装电梯。",
            community=community,
        ),
        "yunying": CompoundFactory(
            name="云影香山小区", slug="yunying", description="2016年建成。", community=community
        ),
    }


@pytest.fixture
def notices(home_page, compounds, search_types):
    pages = {}
    for slug, title, body, compound, days in NOTICES:
        pages[slug] = publish_notice(
            home_page, slug, title, body, compounds.get(compound), days_ago=days
        )
    rules = publish_notice(home_page, "service-rules", "物业管理服务细则", "总则。", days_ago=100)
    pages["service-rules"] = rules
    for number, label, anchor, heading, text in ARTICLES:
        FixtureArticle.objects.create(
            page=rules, number=number, label=label, anchor=anchor, heading=heading, text=text
        )
    return pages
