"""Demo data of the search app: editors' picks for common questions.

The synonym list is seeded by migration 0002 (it is data every site needs, not demo data).
Runs last in load_demo, so every other app's pages exist; a pick whose page is not there
(yet) is skipped.
"""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

# (query, words the promoted page's title contains, description)
PICKS = [
    ("物业费", "物业管理服务细则", "物业服务费的收取标准和公示要求见细则中“收费”一章。"),
    ("业委会", "业主委员会工作规则", "业主委员会的成立、换届和议事规则。"),
    ("提示函", "提示函", "每月发给各物业公司的工作提示函。"),
    ("社保验证", "社保", "党群服务站代办社保验证，行动不便的老人可预约上门。"),
]


def load(context):
    stdout = context.get("stdout")
    for query_string, title_words, description in PICKS:
        page = (
            Page.objects.live()
            .filter(title__contains=title_words, locale__language_code="zh-hans")
            .order_by("-first_published_at")
            .first()
        )
        if page is None:
            continue
        query = Query.get(query_string)
        SearchPromotion.objects.get_or_create(
            query=query, page=page, defaults={"description": description, "sort_order": 0}
        )
        if stdout:
            stdout.write(f"Search promotion: {query_string} → {page.title}")
