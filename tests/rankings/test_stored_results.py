"""A month's results are computed when it is published or corrected, stored, and read back."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from rankings.models import MonthStanding, ScoreCorrection
from rankings.results import FirmRecord, MonthResults
from rankings.standings import month_rankings


def stored(month):
    return {
        row.firm_id: (row.rank, row.total, row.commended, row.replacement)
        for row in MonthStanding.objects.filter(month=month)
    }


def test_publishing_stores_one_row_per_firm_with_its_rank(two_months, firms):
    september, october = two_months
    rows = stored(october)
    assert len(rows) == len(firms)
    assert rows[firms[0].pk] == (1, Decimal("100.0"), True, False)
    assert rows[firms[1].pk][:3] == rows[firms[2].pk][:3] == (2, Decimal("80.0"), True)
    assert rows[firms[4].pk] == (5, Decimal("40.0"), False, True)
    assert rows[firms[5].pk] == (None, None, False, False)  # not assessed in October
    october_firm0 = MonthStanding.objects.get(month=october, firm=firms[0])
    assert october_firm0.previous_month == september.month
    assert october_firm0.previous_rank == 6  # 20+0 points was September's lowest
    assert october_firm0.scores == ["30.0", "30.0", "40.0"]


def test_the_month_page_reads_the_stored_rows_not_the_scores(client, two_months, firms):
    _september, october = two_months
    client.get(october.url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(october.url)
    assert response.status_code == 200
    assert not [q for q in queries if '"rankings_score"' in q["sql"]]
    # What is shown is what is stored: a stored figure changed by hand shows up.
    MonthStanding.objects.filter(month=october, firm=firms[0]).update(total=Decimal("99.5"))
    results = MonthResults(october)
    assert results.rows[0].standing.total == Decimal("99.5")


def test_an_approved_correction_updates_the_stored_results(two_months, firms):
    _september, october = two_months
    score = october.assessments.get(firm=firms[4]).scores.order_by("criterion__sort_order")[0]
    correction = ScoreCorrection.objects.propose(score, Decimal(30), "复核")
    assert stored(october)[firms[4].pk][1] == Decimal("40.0")  # pending: nothing changes yet
    correction.approve()
    assert stored(october)[firms[4].pk][:2] == (5, Decimal("60.0"))
    assert month_rankings([october.pk])[october.pk][firms[4].pk].total == Decimal("60.0")


def test_unpublishing_forgets_the_month_and_the_next_compares_further_back(
    index_page, criteria, firms
):
    import datetime

    from tests.factories.rankings import month_with_scores

    scores = {firm: [10, 10, 10] for firm in firms[:2]}
    august = month_with_scores(index_page, datetime.date(2026, 8, 1), scores)
    september = month_with_scores(index_page, datetime.date(2026, 9, 1), scores)
    october = month_with_scores(index_page, datetime.date(2026, 10, 1), scores)
    assert MonthStanding.objects.filter(month=october).first().previous_month == september.month
    september.unpublish()
    assert not MonthStanding.objects.filter(month=september).exists()
    assert MonthStanding.objects.filter(month=october).first().previous_month == august.month
    september.delete()
    assert MonthStanding.objects.filter(month=october).first().previous_month == august.month


def test_a_month_published_before_results_were_stored_is_stored_on_first_view(
    two_months, firms, index_page
):
    september, october = two_months
    MonthStanding.objects.all().delete()
    record = FirmRecord(firms[0], index_page)
    assert [m.rank for m in record.months] == [6, 1]
    assert stored(september) and stored(october)


def test_the_rendered_month_is_kept_until_the_content_changes(client, two_months, firms):
    """The page cache off (test settings), the month's body is still kept per generation and
    day: a stored figure changed behind its back shows only after a content change."""
    import datetime

    import time_machine
    from django.utils import timezone

    from home.generation import bump_generation

    _september, october = two_months
    today = timezone.localdate()
    first = client.get(october.url).content.decode()
    MonthStanding.objects.filter(month=october, firm=firms[0]).update(total=Decimal("99.5"))
    assert client.get(october.url).content.decode() == first  # kept: nothing was published
    with time_machine.travel(today + datetime.timedelta(days=1)):
        assert "99.5" in client.get(october.url).content.decode()  # a new day renders again
    MonthStanding.objects.filter(month=october, firm=firms[0]).update(total=Decimal("98.5"))
    bump_generation()  # what every publish, unpublish and approved correction does
    assert "98.5" in client.get(october.url).content.decode()


def test_a_preview_is_never_served_from_the_kept_month(rf, two_months, firms):
    _september, october = two_months
    request = rf.get(october.url)
    request.is_preview = True
    assert october.fragment_version(request) is None
    assert october.fragment_version(rf.get(october.url)) is not None
