"""Score import: a good CSV and XLSX, one bad file per error kind, all-or-nothing."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from rankings.models import FirmAssessment, Score
from tests.factories.rankings import month_with_scores

HEADER = ["物业公司", "公共环境保洁", "公共设施维修", "投诉处理", "检查意见"]


@pytest.fixture
def draft(index_page, criteria, firms):
    # Firm 0 already has scores: a failed import must leave them untouched.
    return month_with_scores(
        index_page, datetime.date(2026, 11, 1), {firms[0]: [1, 2, 3]}, publish=False
    )


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.cn", "pw")
    client.force_login(user)
    return client


def csv_file(rows, name="scores.csv"):
    text = "\n".join(",".join(str(cell) for cell in row) for row in rows)
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, name="scores.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(admin_client, month, uploaded):
    return admin_client.post(reverse("rankings_import", args=[month.pk]), {"file": uploaded})


def snapshot(month):
    return sorted(
        Score.objects.filter(assessment__month=month).values_list(
            "assessment__firm__slug", "criterion__name", "value"
        )
    ), sorted(FirmAssessment.objects.filter(month=month).values_list("firm__slug", "remarks"))


# Every firm of the month is listed (a sheet that leaves one out asks for confirmation).
GOOD = [
    HEADER,
    ["物业000", "30", "25.5", "40", "楼道整洁"],
    ["firm001", "20", "20", "30", ""],
    ["物业002", "", "", "", ""],  # not assessed
    ["物业003", "", "", "", ""],
    ["物业004", "", "", "", ""],
    ["物业005", "", "", "", ""],
]


def test_good_csv_imports_every_row(admin_client, draft):
    response = upload(admin_client, draft, csv_file(GOOD))
    assert response.status_code == 302
    scores, assessments = snapshot(draft)
    assert ("firm000", "公共设施维修", Decimal("25.5")) in scores
    assert assessments == [("firm000", "楼道整洁"), ("firm001", "")]
    assert len(scores) == 6


def test_good_xlsx_imports_every_row(admin_client, draft):
    rows = [HEADER, ["物业000", 30, 25.5, 40, "楼道整洁"], ["物业003", 10, 10.5, 12, None]]
    rows += [[f"物业{n:03d}", None, None, None, None] for n in (1, 2, 4, 5)]
    response = upload(admin_client, draft, xlsx_file(rows))
    assert response.status_code == 302
    scores, assessments = snapshot(draft)
    assert len(scores) == 6
    assert [slug for slug, _ in assessments] == ["firm000", "firm003"]


BAD_FILES = {
    "unknown firm": (
        [HEADER, ["物业000", "1", "1", "1", ""], ["不存在的物业", "1", "1", "1", ""]],
        3,
        "物业公司",
    ),
    "score above maximum": ([HEADER, ["物业000", "31", "1", "1", ""]], 2, "公共环境保洁"),
    "non-numeric": ([HEADER, ["物业000", "1", "好", "1", ""]], 2, "公共设施维修"),
    "negative": ([HEADER, ["物业000", "1", "1", "-2", ""]], 2, "投诉处理"),
    "duplicate firm": (
        [HEADER, ["物业001", "1", "1", "1", ""], ["firm001", "1", "1", "1", ""]],
        3,
        "物业公司",
    ),
    "missing cell": ([HEADER, ["物业001", "1", "", "1", ""]], 2, "公共设施维修"),
    "missing firm": ([HEADER, ["", "1", "1", "1", ""]], 2, "物业公司"),
    "missing column": ([HEADER[:2] + HEADER[3:], ["物业001", "1", "1", ""]], 1, "公共设施维修"),
    "unknown column": ([HEADER + ["奖金"], ["物业001", "1", "1", "1", "", "5"]], 1, "奖金"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_bad_file_changes_nothing_and_lists_the_error(admin_client, draft, kind, fmt):
    rows, row_number, column = BAD_FILES[kind]
    before = snapshot(draft)
    uploaded = csv_file(rows) if fmt == "csv" else xlsx_file(rows)
    response = upload(admin_client, draft, uploaded)
    assert response.status_code == 200
    errors = response.context["sheet_errors"]
    assert any(e.row == row_number and e.column == column for e in errors), errors
    html = response.content.decode()
    assert f"<td>{row_number}</td><td>{column}</td>" in html
    assert snapshot(draft) == before


def test_every_error_is_listed(admin_client, draft):
    rows = [
        HEADER,
        ["物业000", "99", "x", "", ""],
        ["谁", "1", "1", "1", ""],
        ["物业000", "1", "1", "1", ""],
    ]
    before = snapshot(draft)
    response = upload(admin_client, draft, csv_file(rows))
    found = {(e.row, e.column) for e in response.context["sheet_errors"]}
    assert {
        (2, "公共环境保洁"),
        (2, "公共设施维修"),
        (2, "投诉处理"),
        (3, "物业公司"),
        (4, "物业公司"),
    } <= found
    assert snapshot(draft) == before


def test_wrong_file_type_is_refused(admin_client, draft):
    before = snapshot(draft)
    response = upload(admin_client, draft, SimpleUploadedFile("scores.txt", b"hello"))
    assert response.status_code == 200
    assert snapshot(draft) == before


def test_damaged_xlsx_is_reported(admin_client, draft):
    response = upload(admin_client, draft, SimpleUploadedFile("scores.xlsx", b"not a zip"))
    assert response.status_code == 200
    assert response.context["sheet_errors"]


def test_templates_download_and_round_trip(admin_client, draft, firms):
    response = admin_client.get(reverse("rankings_template", args=[draft.pk, "xlsx"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == [firm.name for firm in firms]
    assert rows[1][1:4] == ["1.0", "2.0", "3.0"]
    csv_response = admin_client.get(reverse("rankings_template", args=[draft.pk, "csv"]))
    assert csv_response.content.decode("utf-8-sig").splitlines()[0] == ",".join(HEADER)
    # Uploading the untouched template keeps the month as it was.
    before = snapshot(draft)
    upload(admin_client, draft, SimpleUploadedFile("t.xlsx", response.content))
    assert snapshot(draft) == before


def test_import_into_published_month_is_refused(admin_client, index_page, criteria, firms):
    published = month_with_scores(index_page, datetime.date(2026, 9, 1), {firms[0]: [1, 1, 1]})
    before = snapshot(published)
    upload(admin_client, published, csv_file(GOOD))
    assert snapshot(published) == before


def test_sheet_leaving_out_firms_names_them_and_saves_nothing_until_confirmed(admin_client, draft):
    # 物业000 (scores already entered) and 物业005 (none) are not in the file.
    rows = [HEADER] + [[f"物业{n:03d}", "10", "10", "10", ""] for n in range(1, 5)]
    before = snapshot(draft)
    response = upload(admin_client, draft, csv_file(rows))
    assert response.status_code == 200
    assert snapshot(draft) == before
    pending = response.context["pending_import"]
    assert [(firm.slug, assessed) for firm, assessed in pending["missing"]] == [
        ("firm000", True),
        ("firm005", False),
    ]
    html = response.content.decode()
    assert "尚未导入：scores.csv 缺少2家公司" in html
    assert "<strong>物业000</strong>: 保留本月已录入的得分" in html
    assert "<strong>物业005</strong>: 本月没有得分，不会参加排名" in html

    confirm_url = reverse("rankings_import_confirm", args=[draft.pk])
    # A wrong token saves nothing.
    admin_client.post(confirm_url, {"token": "guess"})
    assert snapshot(draft) == before

    confirmed = admin_client.post(confirm_url, {"token": pending["token"]}, follow=True)
    scores, assessments = snapshot(draft)
    assert [slug for slug, _ in assessments] == [f"firm{n:03d}" for n in range(5)]
    assert ("firm000", "公共环境保洁", Decimal("1")) in scores  # left as it was
    assert "以下公司不在文件中，保持原样：物业000、物业005。" in confirmed.content.decode()
    # The held sheet is used once.
    admin_client.post(confirm_url, {"token": pending["token"]})
    assert admin_client.session.get("rankings_pending_import") is None


def test_confirming_does_not_bypass_a_published_month(admin_client, draft):
    rows = [HEADER, ["物业001", "10", "10", "10", ""]]
    token = upload(admin_client, draft, csv_file(rows)).context["pending_import"]["token"]
    draft.save_revision().publish()
    before = snapshot(draft)
    admin_client.post(reverse("rankings_import_confirm", args=[draft.pk]), {"token": token})
    assert snapshot(draft) == before


def test_a_held_sheet_cannot_be_confirmed_into_another_month(
    admin_client, draft, index_page, firms
):
    other = month_with_scores(index_page, datetime.date(2026, 10, 1), {}, publish=False)
    rows = [HEADER, ["物业001", "10", "10", "10", ""]]
    token = upload(admin_client, draft, csv_file(rows)).context["pending_import"]["token"]
    admin_client.post(reverse("rankings_import_confirm", args=[other.pk]), {"token": token})
    assert snapshot(other) == ([], [])
