"""The demo's records match the seed (66 inspections, 12 trainings) and the rankings' firms;
the achievement figures are counted from the records."""

import pytest

from home.achievements import achievement_figures
from inspections.models import Inspection, RequirementCheck, Training, firm_serving
from rankings.demo import MONTHS

pytestmark = pytest.mark.django_db


def test_demo_records_match_the_seed_and_the_service_history(demo):
    assert Inspection.objects.count() == 66
    assert Training.objects.count() == 12
    months = {inspection.date.replace(day=1) for inspection in Inspection.objects.all()}
    assert months == set(MONTHS)
    for inspection in Inspection.objects.select_related("compound", "firm"):
        assert inspection.firm == firm_serving(inspection.compound, inspection.date)
    # 苗圃 changed hands in October:城乡物业 before, 江南物业 from then on.
    miaopu = Inspection.objects.filter(compound__slug="miaopu")
    assert set(miaopu.filter(date__lt=MONTHS[-1]).values_list("firm__slug", flat=True)) == {
        "chengxiang"
    }
    assert set(miaopu.filter(date__gte=MONTHS[-1]).values_list("firm__slug", flat=True)) <= {
        "jiangnan"
    }
    assert RequirementCheck.objects.exists()
    assert Inspection.objects.filter(findings__article__isnull=False).exists()


def test_figures_are_counted_from_the_records(demo):
    figures = {figure.key: figure for figure in achievement_figures()}
    assert figures["inspections"].total == Inspection.objects.count() == 66
    assert sum(figures["inspections"].monthly.values()) == 66
    assert figures["trainings"].total == 12
    rectified = Inspection.objects.filter(status=Inspection.Status.RECTIFIED).count()
    assert figures["inspections_rectified"].total == rectified


def test_figures_follow_new_records():
    from tests.factories.inspections import InspectionFactory

    before = {figure.key: figure.total for figure in achievement_figures()}
    InspectionFactory()  # its own compound: the shared demo may still be loaded
    after = {figure.key: figure for figure in achievement_figures()}
    assert after["inspections"].total == before["inspections"] + 1
    assert after["inspections"].monthly["2026-10"] >= 1
