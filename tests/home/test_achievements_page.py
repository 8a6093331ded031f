"""工作成效: every figure on the page and in the CSV is a count of the records."""

import csv
import datetime
import io

import pytest

from home.achievements import achievement_figures
from notices.models import FollowUpItem
from rankings.models import Recommendation, RedBlackEntry
from tests.factories.notices import (
    FollowUpItemFactory,
    JointMeetingIndexPageFactory,
    JointMeetingPageFactory,
)
from tests.factories.rankings import month_with_scores
from tests.rankings.fixtures import *  # noqa: F403 (the ranking fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(home_page, index_page, criteria, firms):
    month = month_with_scores(
        index_page, datetime.date(2026, 10, 1), {f: [10 + i, 10, 10] for i, f in enumerate(firms)}
    )
    RedBlackEntry.objects.create(
        page=month, kind="black", date=datetime.date(2026, 10, 9), firm=firms[0], description="差"
    )
    meetings = JointMeetingIndexPageFactory(parent=home_page)
    meeting = JointMeetingPageFactory(parent=meetings)
    FollowUpItemFactory(page=meeting, status="resolved", due_date=datetime.date(2026, 10, 1))
    FollowUpItemFactory(page=meeting, status="open")
    FollowUpItem.objects.filter(status="resolved").update(resolved_on=datetime.date(2026, 10, 2))
    return month


def figure(key):
    return next(f for f in achievement_figures() if f.key == key)


def test_figures_are_counted_from_records(records):
    assert figure("recommendations_sent").total == Recommendation.objects.count() == 2
    assert figure("black_list_entries").total == 1
    assert figure("black_list_entries").monthly == {"2026-10": 1}
    assert figure("follow_ups_solved").total == 1
    assert figure("follow_ups_solved").monthly == {"2026-10": 1}


def test_page_and_csv_in_both_languages(client, records):
    figures = achievement_figures()
    html = client.get("/achievements/").content.decode()
    assert "<h1>工作成效</h1>" in html
    for fig in figures:
        assert f'id="figure-{fig.key}"><span class="count">{fig.total}</span>' in html
    en = client.get("/en/achievements/")
    assert en.status_code == 200 and "<h1>Achievements</h1>" in en.content.decode()
    response = client.get("/achievements.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["key"] + [fig.key for fig in figures]
    assert rows[-1][1:] == [str(fig.total) for fig in figures]
    october = next(row for row in rows if row[0] == "2026-10")
    assert october[1:] == [str(fig.monthly.get("2026-10", 0)) for fig in figures]
