import datetime
from decimal import Decimal

import factory
import wagtail_factories

from rankings.models import Criterion, RankingIndexPage, RankingMonthPage, ServicePeriod
from rankings.scoresheet import FirmEntry, save_scores


class CriterionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"考核项{n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    max_score = Decimal(20)
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Criterion


class RankingIndexPageFactory(wagtail_factories.PageFactory):
    title = "物业履约考核排名"
    slug = "rankings"

    class Meta:
        model = RankingIndexPage


class RankingMonthPageFactory(wagtail_factories.PageFactory):
    title = factory.LazyAttribute(lambda o: f"{o.month:%Y年%m月}考核排名")
    slug = factory.LazyAttribute(lambda o: f"{o.month:%Y-%m}")
    month = datetime.date(2026, 10, 1)

    class Meta:
        model = RankingMonthPage


def month_with_scores(index, month, scores_by_firm, publish=True, remarks=""):
    """A month page under `index` with `scores_by_firm`: firm -> list of values (or None)."""
    page = RankingMonthPageFactory(parent=index, month=month, live=False)
    criteria = page.freeze_criteria()
    entries = [
        FirmEntry(
            firm,
            {c.pk: Decimal(v) for c, v in zip(criteria, values, strict=True)} if values else {},
            remarks,
        )
        for firm, values in scores_by_firm.items()
    ]
    save_scores(page, entries)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


class ServicePeriodFactory(factory.django.DjangoModelFactory):
    start_month = datetime.date(2020, 1, 1)

    class Meta:
        model = ServicePeriod
