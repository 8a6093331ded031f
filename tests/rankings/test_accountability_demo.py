"""The demo tells the 苗圃 replacement and the 滨河 recommendations through the records."""

import datetime

import pytest

from home.models import Compound, PropertyFirm
from rankings.models import Recommendation, RedBlackEntry, State
from rankings.models.recommendations import Addressee, Decision, Outcome

pytestmark = pytest.mark.django_db


def zh(model, slug):
    return model.objects.get(slug=slug, locale__language_code="zh-hans")


def recs_for(slug):
    return list(
        Recommendation.objects.filter(compound=zh(Compound, slug))
        .select_related("month", "service_period__firm")
        .order_by("month__month")
    )


def test_every_bottom_two_result_has_one_recommendation_per_compound(demo):
    for rec in Recommendation.objects.select_related("month"):
        results = rec.month.results()
        assert rec.firm_id in {row.firm.pk for row in results.replacement_rows}
    chengxiang = zh(PropertyFirm, "chengxiang")
    # 苗圃 May–September (its firm changed in October), 滨河 every month.
    assert len(recs_for("miaopu")) == 5
    assert len(recs_for("binhe")) == 6
    assert {rec.firm_id for rec in recs_for("binhe")} == {chengxiang.pk}


def test_miaopu_replacement_is_told_with_consistent_dates(demo):
    jiangnan = zh(PropertyFirm, "jiangnan")
    for rec in recs_for("miaopu"):
        assert rec.addressee == Addressee.COMMITTEE and rec.owners_committee is not None
        assert rec.state == State.CLOSED and rec.outcome == Outcome.REPLACED
        assert rec.service_period.firm == jiangnan
        assert rec.service_period.start_month == datetime.date(2026, 10, 1)
        # Sent after its month, answered after it was sent, replaced before the new firm.
        assert rec.sent_on > rec.month.month
        assert rec.sent_on <= rec.replied_on <= rec.replacement_decided_on <= rec.closed_on
        assert rec.replacement_decided_on < datetime.date(2026, 10, 31)
        steps = list(rec.steps.order_by("pk"))
        assert all(step.decision == Decision.CONFIRMED for step in steps)
        assert [s.to_state for s in steps][-2:] == [State.NEW_FIRM, State.CLOSED]
        assert all(a.on_date <= b.on_date for a, b in zip(steps, steps[1:], strict=False))
    # The black list of 2026-09-09 records the handover the vote of 2026-09-06 decided.
    assert RedBlackEntry.objects.filter(
        date=datetime.date(2026, 9, 9), compound=zh(Compound, "miaopu")
    ).exists()


def test_binhe_without_committee_goes_to_its_management_group(demo):
    recs = recs_for("binhe")
    assert all(rec.addressee == Addressee.GROUP for rec in recs)
    assert {rec.management_group.name for rec in recs} == {"滨河小区物业管理小组"}
    states = [rec.state for rec in recs]
    assert states == [
        State.CLOSED,
        State.CLOSED,
        State.RECTIFYING,
        State.REPLIED,
        State.SENT,
        State.SENT,
    ]
    assert recs[0].outcome == Outcome.RECTIFIED
    assert recs[0].overdue_days() == 5  # re-inspected five days after the deadline


def test_pages_show_the_records(demo, client):
    rec = recs_for("binhe")[2]
    month = rec.month
    body = client.get(month.url).content.decode()
    assert "滨河小区物业管理小组" in body and "整改方案" in body
    firm = client.get("/rankings/firms/chengxiang/").content.decode()
    assert "江南社区物业管理有限公司" in firm and "已办结" in firm
    tracker = client.get("/rankings/recommendations/")
    assert tracker.status_code == 200
    en = client.get("/en/rankings/recommendations/")
    assert en.status_code == 200 and "Binhe" in en.content.decode()
