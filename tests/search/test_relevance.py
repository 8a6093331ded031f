"""Relevance suite: Chinese queries over the demo content, scored by recall@5.

Each case names the query and the result it must find in the top five of the results page:
a page by slug ("page:<slug>", or "page:<parent slug>/<slug>" where two pages share a
slug, e.g. the two associations' "charter"), a regulation article by
"article:<regulation slug>#<anchor>" or a compound by slug ("compound:<slug>").

A case whose target is missing from the demo fails loudly (so that the table cannot
silently shrink). Each test prints its score and misses, also without `-s`, and the scores
are repeated in the terminal summary (see conftest.py) and in the assertion message.
"""

import io
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Locale

from search.results import SiteSearch
from tests.conftest import shared_transaction
from tests.search.conftest import RELEVANCE_REPORT

pytestmark = pytest.mark.django_db

TOP = 5
REQUIRED_RECALL = 0.9
ARTICLE_MODEL = "notices.RegulationArticle"


@dataclass(frozen=True)
class Case:
    query: str
    target: str


# The directory: compounds by name, abbreviated and in traditional characters.
DIRECTORY_CASES = [
    Case("苗圃小区", "compound:miaopu"),
    Case("苗圃", "compound:miaopu"),
    Case("广电花苑", "compound:guangdian-huayuan"),
    Case("云影香山", "compound:yunying-xiangshan"),
    Case("宇众傲城小区", "compound:yuzhong-aocheng"),
    Case("金桂大厦", "compound:jingui-dasha"),
    Case("北路華府", "compound:beilu-huafu"),  # traditional characters
    Case("宏荣名著", "compound:hongrong-mingzhu"),
]

# Checked against `manage.py load_demo`. Targets are what a resident
# would call the right answer (for a question about a rule: the article that answers it),
# chosen before running the engine. Anchors are the articles' fixed ids in notices/demo_texts/.
RULES = "property-management-service-rules"  # 《物业管理服务细则》 in force (2024)
COMMITTEE = "owners-committee-work-rules"  # 《业主委员会工作规则》
DEMO_CASES = [
    # Regulations as a whole
    Case("物业管理服务细则", f"page:{RULES}"),
    Case("物管细则", f"page:{RULES}"),
    Case("业主委员会工作规则", f"page:{COMMITTEE}"),
    Case("業委會工作規則", f"page:{COMMITTEE}"),  # traditional characters
    Case("业委会协会 章程", "page:owners-committee-association/charter"),
    Case("物业公司协会章程", "page:property-company-association/charter"),
    # Rule questions: the article that answers them
    Case("物业费", f"article:{RULES}#article-0094b35d"),  # 收费标准
    Case("物业费怎么交", f"article:{RULES}#article-f98b0980"),  # 收缴方式
    Case("物业费 欠费", f"article:{RULES}#article-e5ad55c0"),  # 欠费催缴
    Case("物业费 涨价", f"article:{RULES}#article-1c729bd2"),  # 收费调整
    Case("电梯", f"article:{RULES}#article-dbfc244c"),  # 电梯维护保养
    Case("电梯坏了找谁", f"article:{RULES}#article-dbfc244c"),
    Case("电梯困人", f"article:{RULES}#article-a93d29a8"),
    Case("报修 多久 上门", f"article:{RULES}#article-a0ba9415"),  # 报修响应时限
    Case("垃圾分类", f"article:{RULES}#article-251f245e"),
    Case("装修垃圾", f"article:{RULES}#article-5301aec2"),
    Case("消防通道 堵塞", f"article:{RULES}#article-09681242"),
    Case("电动车 充电", f"article:{RULES}#article-c41706db"),
    Case("高空抛物", f"article:{RULES}#article-24202aec"),
    Case("专项维修资金", f"article:{RULES}#article-bced3ebe"),
    Case("公共收益", f"article:{RULES}#article-100555d3"),
    Case("投诉 物管", f"article:{RULES}#article-139af148"),  # 投诉渠道
    Case("绿化 养护", f"article:{RULES}#article-60b380e5"),
    Case("业委会 换届", f"article:{COMMITTEE}#article-c4d01d30"),  # 任期和换届
    Case("业委会 选举程序", f"article:{COMMITTEE}#article-cfc43264"),
    Case("业委会委员 条件", f"article:{COMMITTEE}#article-ab0b2cdc"),
    Case("业委会 公章", f"article:{COMMITTEE}#article-a8df12c2"),  # 刻制和保管
    Case("业委会 审计", f"article:{COMMITTEE}#article-e88b1dec"),
    # Work letters, rankings, joint meetings
    Case("物业工作提示函", "page:work-letters"),
    Case("物业提示涵", "page:work-letters"),  # typo
    Case("２０２６年６月 提示函", "page:work-letters/2026-06"),  # full-width digits
    Case("物业公司排名", "page:rankings"),
    Case("10月 考核排名", "page:rankings/2026-10"),
    Case("联席会议", "page:joint-meetings"),
    Case("桂花街 停车难", "page:joint-meetings/guihua-street-parking"),
    # Notices
    Case("疫苗接种", "page:guihua-yuan-vaccination"),
    Case("苗圃 停水", "page:miaopu-water-outage"),
    Case("停电通知", "page:yuzhong-aocheng-power-cut"),
    Case("燃气 入户检查", "page:yangguang-lijing-gas-check"),
    Case("加装电梯", "page:notices/guangdian-huayuan-lift"),
    Case("人脸识别门禁", "page:notices/face-recognition-gates"),
    Case("苗圃小区 换物业", "page:miaopu-new-firm"),
    Case("汛期", "page:flood-season-safety"),
    # Services at the party–masses service stations
    Case("上门 社保认证", "page:social-security"),
    Case("社会保险 验证", "page:social-security"),
    Case("养老金 资格认证", "page:pension-verification"),
    Case("计生", "page:family-planning"),
    Case("就业培训", "page:job-training"),
    Case("代办", "page:errands"),
    # Volunteers
    Case("小区管家 志愿者", "page:volunteers"),
    Case("志愿者招募", "page:steward-volunteers"),
]


def hit_keys(hit) -> list[str]:
    """The names a hit answers to: its key, and for a page also "<parent slug>/<slug>"."""
    obj = hit.obj
    if hit.article_label:
        return [f"article:{obj.page.slug}#{obj.anchor}"]
    if obj._meta.label == "home.Compound":
        return [f"compound:{obj.slug}"]
    return [f"page:{obj.slug}", f"page:{obj.get_parent().slug}/{obj.slug}"]


def recall_at_top(cases) -> tuple[float, list[tuple[Case, list[str]]]]:
    locale = Locale.objects.get(language_code="zh-hans")
    misses = []
    for case in cases:
        hits = SiteSearch(case.query, locale=locale).results[:TOP]
        if not any(case.target in hit_keys(hit) for hit in hits):
            misses.append((case, [hit_keys(hit)[-1] for hit in hits]))
    return 1 - len(misses) / len(cases), misses


def report(request, capsys, name, cases, score, misses) -> str:
    """Print the score and the misses (shown without -s) and keep them for the summary."""
    lines = [f"{name}: recall@{TOP} = {score:.2f} ({len(cases) - len(misses)}/{len(cases)})"]
    lines += [
        f"  missed {case.query!r} → {case.target} (top {TOP}: {keys})" for case, keys in misses
    ]
    text = "\n".join(lines)
    with capsys.disabled():
        print("\n" + text)
    request.config.stash.setdefault(RELEVANCE_REPORT, []).append(text)
    # Under pytest-xdist the score travels to the controller with the test's report.
    request.node.user_properties.append(("relevance", text))
    return text


@pytest.fixture(scope="module")
def indexed_demo(demo, django_db_blocker):
    """The shared demo (see tests/conftest.py) with its search index, built for this module.

    The index is built in a savepoint inside the demo's transaction and undone after this
    module, so the demo's other readers see it as `load_demo --no-index` left it.
    """

    def build():
        call_command("update_index", verbosity=0, stdout=io.StringIO())

    yield from shared_transaction(django_db_blocker, build)


def test_relevance_of_directory_content(indexed_demo, request, capsys):
    score, misses = recall_at_top(DIRECTORY_CASES)
    text = report(request, capsys, "directory", DIRECTORY_CASES, score, misses)
    assert score >= REQUIRED_RECALL, text


def test_relevance_of_the_demo_content(indexed_demo, request, capsys):
    assert len(DEMO_CASES) >= 40
    _assert_targets_exist(DEMO_CASES)
    score, misses = recall_at_top(DEMO_CASES)
    text = report(request, capsys, "demo content", DEMO_CASES, score, misses)
    assert score >= REQUIRED_RECALL, text


def _assert_targets_exist(cases):
    from wagtail.models import Page

    missing = []
    for case in cases:
        kind, _, rest = case.target.partition(":")
        path, _, anchor = rest.partition("#")
        parent_slug, _, slug = path.rpartition("/")
        pages = Page.objects.filter(slug=slug)
        if parent_slug:
            pages = [page for page in pages if page.get_parent().slug == parent_slug]
        if not pages:
            missing.append(case.target)
        elif kind == "article":
            article_model = apps.get_model(ARTICLE_MODEL)
            if not article_model.objects.filter(page__in=pages, anchor=anchor).exists():
                missing.append(case.target)
    assert not missing, f"targets not in the demo content (fix the table): {sorted(set(missing))}"
