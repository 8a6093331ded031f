"""The firm profile, the compound page and the letter page cost the same statements with the
demo's inspections and with ten times as many (findings, letter checks and trainings too)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.generation import bump_records
from inspections.models import Inspection, InspectionFinding, RequirementCheck
from notices.models import RegulationArticle
from tests.factories.home import CompoundFactory
from tests.factories.inspections import (
    InspectionFactory,
    InspectionFindingFactory,
    RequirementCheckFactory,
    TrainingAttendanceFactory,
)

pytestmark = pytest.mark.django_db


def statements(client, url):
    client.get(url)  # warm the caches (site root paths) so both sizes start alike
    # What is kept rendered under the record generations is measured as it is rebuilt: a
    # kept fragment would hide a statement per row in the panels it holds.
    bump_records()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def multiply(times):
    """Copy every inspection `times` times over, with its findings and letter checks."""
    originals = list(Inspection.objects.prefetch_related("findings", "requirement_checks"))
    for n in range(times):
        for original in originals:
            copy = Inspection.objects.create(
                date=original.date - datetime.timedelta(days=n + 1),
                compound_id=original.compound_id,
                firm_id=original.firm_id,
                rectification_deadline=original.rectification_deadline,
            )
            InspectionFinding.objects.bulk_create(
                InspectionFinding(
                    inspection=copy,
                    article_id=finding.article_id,
                    article_label=finding.article_label,
                    description=finding.description,
                )
                for finding in original.findings.all()
            )
            RequirementCheck.objects.bulk_create(
                RequirementCheck(inspection=copy, item_id=check.item_id, status=check.status)
                for check in original.requirement_checks.all()
            )


def test_statements_do_not_grow_with_ten_times_the_inspections(
    client, site_pages, community, compound, firm
):
    article = RegulationArticle.objects.filter(page=site_pages["rules"]).first()
    second = CompoundFactory(community=community, property_firm=firm)
    for day, where in ((3, compound), (9, second), (15, compound)):
        inspection = InspectionFactory(
            compound=where,
            date=datetime.date(2026, 10, day),
            rectification_deadline=datetime.date(2026, 10, day + 5),
        )
        InspectionFindingFactory(inspection=inspection, article=article)
        InspectionFindingFactory(inspection=inspection)
        for item in site_pages["items"]:
            RequirementCheckFactory(inspection=inspection, item=item, status="done")
    TrainingAttendanceFactory(firm=firm)
    urls = {
        "firm profile": site_pages["rankings"].url + f"firms/{firm.slug}/",
        "firm profile, English": "/en" + site_pages["rankings"].url + f"firms/{firm.slug}/",
        "compound page": site_pages["compounds"].url + f"{compound.slug}/",
        "letter page": site_pages["letter"].url,
        "letter page, English": "/en" + site_pages["letter"].url,
    }
    few = {name: statements(client, url) for name, url in urls.items()}
    multiply(9)
    for _ in range(9):
        TrainingAttendanceFactory(firm=firm)
    assert Inspection.objects.count() == 30
    many = {name: statements(client, url) for name, url in urls.items()}
    assert many == few


def test_demo_pages_cost_the_same_with_ten_times_the_inspections(client, demo):
    from home.models import Compound
    from notices.models import CompoundIndexPage, WorkLetterPage
    from rankings.models import RankingIndexPage

    rankings = RankingIndexPage.objects.get(locale__language_code="zh-hans", depth=3)
    compound = Compound.objects.get(slug="binhe", locale__language_code="zh-hans")
    compounds = CompoundIndexPage.objects.get(locale__language_code="zh-hans", depth=3)
    letter = (
        WorkLetterPage.objects.filter(items__isnull=False)
        .filter(
            pk__in=RequirementCheck.objects.values("item__page_id"),
        )
        .order_by("-month")
        .first()
    )
    urls = [
        rankings.url + "firms/chengxiang/",
        rankings.url + "firms/jiangnan/",
        compounds.url + f"{compound.slug}/",
        letter.url,
    ]
    few = [statements(client, url) for url in urls]
    assert Inspection.objects.count() == 66
    multiply(9)
    many = [statements(client, url) for url in urls]
    assert many == few
