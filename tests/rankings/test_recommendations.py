"""淘汰建议 as tracked records: opened on publishing, moved by confirmed steps only."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from home.models import OwnersCommittee
from home.roles import EDITORS, MODERATORS
from rankings.models import (
    ManagementGroup,
    Recommendation,
    RecommendationStep,
    ServicePeriod,
    State,
)
from rankings.models.recommendations import Addressee, Decision, Outcome, create_for_month
from tests.factories.home import PropertyFirmFactory, city_level
from tests.factories.rankings import month_with_scores

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


def freeze_time(day):
    """A frozen clock (noon, so the local date is `day` whatever the time zone)."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


def user_in(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.cn", "pw")
    city_level(user).groups.add(Group.objects.get(name=group))
    return django_user_model.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def editor(django_user_model):
    return user_in(django_user_model, "editor", EDITORS)


@pytest.fixture
def moderator(django_user_model):
    return user_in(django_user_model, "moderator", MODERATORS)


@pytest.fixture
def october(index_page, criteria, firms):
    """firms 4 and 3 are the bottom two; firm 3's compound has an owners' committee, firm
    4's a management group, and the unassessed firm 5 gets nothing."""
    compound3 = firms[3].compounds.get()
    compound3.committee_status = "in_office"
    compound3.save()
    OwnersCommittee.objects.create(compound=compound3, name="小区003业主委员会")
    ManagementGroup.objects.create(
        compound=firms[4].compounds.get(),
        name="小区004物业管理小组",
        set_up_on=datetime.date(2025, 1, 1),
    )
    with freeze_time("2026-11-05"):
        return month_with_scores(
            index_page,
            datetime.date(2026, 10, 1),
            {
                firms[0]: [30, 30, 40],
                firms[1]: [25, 25, 30],
                firms[2]: [20, 30, 30],
                firms[3]: [20, 20, 30],
                firms[4]: [10, 10, 20],
                firms[5]: None,
            },
        )


def rec_of(firm):
    return Recommendation.objects.get(firm=firm)


def test_publishing_opens_one_recommendation_per_bottom_firm_and_compound(october, firms):
    recs = {rec.firm_id: rec for rec in Recommendation.objects.all()}
    assert set(recs) == {firms[3].pk, firms[4].pk}
    assert recs[firms[3].pk].addressee == Addressee.COMMITTEE
    assert recs[firms[3].pk].owners_committee.name == "小区003业主委员会"
    assert recs[firms[4].pk].addressee == Addressee.GROUP
    assert recs[firms[4].pk].addressee_name == "小区004物业管理小组"
    rec = recs[firms[4].pk]
    assert rec.sent_on == datetime.date(2026, 11, 5)
    assert rec.reply_due == datetime.date(2026, 12, 5)
    first = rec.steps.get()
    assert (first.to_state, first.decision) == (State.SENT, Decision.CONFIRMED)


def test_opening_is_idempotent(october):
    before = list(Recommendation.objects.values_list("pk", "sent_on"))
    assert create_for_month(october) == []
    october.save_revision().publish()  # published again: nothing new
    assert list(Recommendation.objects.values_list("pk", "sent_on")) == before
    assert RecommendationStep.objects.count() == 2


def test_without_committee_or_group_the_community_receives_it(index_page, criteria, community):
    firms = [PropertyFirmFactory(community=community, slug=f"x{n}") for n in range(3)]
    for firm in firms:
        firm.compounds.create(
            community=community, name=f"{firm.slug}小区", slug=f"{firm.slug}-c", locale=firm.locale
        )
    month_with_scores(
        index_page, datetime.date(2026, 9, 1), {f: [10 + i, 10, 10] for i, f in enumerate(firms)}
    )
    assert {rec.addressee for rec in Recommendation.objects.all()} == {Addressee.COMMUNITY}


def walk(rec, editor, moderator, to_state, day, **data):
    with freeze_time(TODAY):
        step = rec.propose(to_state, editor, on_date=day, **data)
        rec.refresh_from_db()
        assert rec.state != to_state  # a proposal changes nothing
        step.confirm(moderator)
    rec.refresh_from_db()
    return step


def test_rectification_path_records_every_step(october, firms, editor, moderator):
    rec = rec_of(firms[3])
    walk(rec, editor, moderator, State.REPLIED, datetime.date(2026, 11, 8), note="业委会复函")
    assert rec.state == State.REPLIED and rec.replied_on == datetime.date(2026, 11, 8)
    walk(
        rec,
        editor,
        moderator,
        State.RECTIFYING,
        datetime.date(2026, 11, 9),
        due_date=datetime.date(2026, 11, 15),
    )
    assert rec.rectification_due == datetime.date(2026, 11, 15)
    walk(
        rec,
        editor,
        moderator,
        State.CLOSED,
        datetime.date(2026, 11, 18),
        reinspection_notes="2026-11-18 联合检查复查合格",
        note="整改合格",
    )
    assert rec.state == State.CLOSED and rec.outcome == Outcome.RECTIFIED
    assert rec.reinspected_on == datetime.date(2026, 11, 18)
    assert rec.overdue_days() == 3  # closed late: judged on the day it closed
    steps = list(rec.steps.order_by("pk"))
    assert [s.to_state for s in steps] == [
        State.SENT,
        State.REPLIED,
        State.RECTIFYING,
        State.CLOSED,
    ]
    for step in steps[1:]:
        assert step.proposed_by == editor and step.decided_by == moderator
        assert step.proposed_at and step.decided_at


def test_replacement_path_links_the_new_firms_service_period(october, firms, editor, moderator):
    rec = rec_of(firms[3])
    walk(rec, editor, moderator, State.REPLIED, datetime.date(2026, 11, 8))
    walk(rec, editor, moderator, State.REPLACING, datetime.date(2026, 11, 10), note="业主大会表决")
    period = ServicePeriod.objects.create(
        compound=rec.compound, firm=firms[0], start_month=datetime.date(2026, 12, 1)
    )
    walk(rec, editor, moderator, State.NEW_FIRM, datetime.date(2026, 11, 12), service_period=period)
    walk(rec, editor, moderator, State.CLOSED, datetime.date(2026, 11, 19), note="交接完成")
    assert rec.service_period == period and rec.outcome == Outcome.REPLACED


def test_a_failed_reinspection_leads_to_replacement(october, firms, editor, moderator):
    rec = rec_of(firms[3])
    walk(rec, editor, moderator, State.REPLIED, datetime.date(2026, 11, 8))
    walk(
        rec,
        editor,
        moderator,
        State.RECTIFYING,
        datetime.date(2026, 11, 8),
        due_date=datetime.date(2026, 11, 12),
    )
    walk(
        rec,
        editor,
        moderator,
        State.REPLACING,
        datetime.date(2026, 11, 14),
        reinspection_notes="复查不合格",
        note="决定更换",
    )
    assert rec.reinspected_on == datetime.date(2026, 11, 14)
    assert rec.replacement_decided_on == datetime.date(2026, 11, 14)


@pytest.mark.parametrize(
    "to_state,data,field",
    [
        (State.CLOSED, {}, None),  # sent cannot close
        (State.RECTIFYING, {}, None),  # nor skip the reply
        (State.REPLIED, {"on_date": datetime.date(2026, 11, 1)}, "on_date"),  # before sending
        (State.REPLIED, {"on_date": datetime.date(2026, 11, 25)}, "on_date"),  # in the future
    ],
)
def test_refused_moves(october, firms, editor, to_state, data, field):
    rec = rec_of(firms[3])
    data = {"on_date": datetime.date(2026, 11, 8), **data}
    with freeze_time(TODAY), pytest.raises(ValidationError) as error:
        rec.propose(to_state, editor, **data)
    if field:
        assert field in error.value.message_dict
    assert rec.steps.count() == 1


def test_a_plan_needs_a_deadline_and_its_end_a_reinspection(october, firms, editor, moderator):
    rec = rec_of(firms[3])
    walk(rec, editor, moderator, State.REPLIED, datetime.date(2026, 11, 8))
    with freeze_time(TODAY), pytest.raises(ValidationError) as error:
        rec.propose(State.RECTIFYING, editor, on_date=datetime.date(2026, 11, 9))
    assert "due_date" in error.value.message_dict
    walk(
        rec,
        editor,
        moderator,
        State.RECTIFYING,
        datetime.date(2026, 11, 9),
        due_date=datetime.date(2026, 11, 30),
    )
    with freeze_time(TODAY), pytest.raises(ValidationError) as error:
        rec.propose(State.CLOSED, editor, on_date=datetime.date(2026, 11, 19), note="好")
    assert "reinspection_notes" in error.value.message_dict


def test_new_firm_must_be_another_firm_at_the_same_compound(october, firms, editor, moderator):
    rec = rec_of(firms[3])
    walk(rec, editor, moderator, State.REPLIED, datetime.date(2026, 11, 8))
    walk(rec, editor, moderator, State.REPLACING, datetime.date(2026, 11, 9), note="更换")
    same_firm = ServicePeriod.objects.create(
        compound=rec.compound, firm=firms[3], start_month=datetime.date(2026, 12, 1)
    )
    with freeze_time(TODAY), pytest.raises(ValidationError) as error:
        rec.propose(State.NEW_FIRM, editor, on_date=TODAY, service_period=same_firm)
    assert "service_period" in error.value.message_dict


def test_editor_cannot_confirm_and_a_decided_step_stays_decided(october, firms, editor, moderator):
    rec = rec_of(firms[3])
    with freeze_time(TODAY):
        step = rec.propose(State.REPLIED, editor, on_date=datetime.date(2026, 11, 8))
        with pytest.raises(PermissionDenied):
            step.confirm(editor)
        with pytest.raises(ValidationError):  # one proposal at a time
            rec.propose(State.REPLIED, editor, on_date=datetime.date(2026, 11, 9))
        step.refuse(moderator, "日期有误")
        with pytest.raises(ValidationError):
            step.confirm(moderator)
    rec.refresh_from_db()
    step.refresh_from_db()
    assert rec.state == State.SENT and rec.replied_on is None
    assert step.decision == Decision.REFUSED and step.decision_note == "日期有误"


def test_a_confirmation_after_another_move_is_refused(october, firms, editor, moderator):
    rec = rec_of(firms[3])
    with freeze_time(TODAY):
        step = rec.propose(State.REPLIED, editor, on_date=datetime.date(2026, 11, 8))
        Recommendation.objects.filter(pk=rec.pk).update(state=State.REPLIED)
        with pytest.raises(ValidationError):
            step.confirm(moderator)


def test_admin_views_editor_proposes_moderator_confirms(october, firms, editor, moderator):
    rec = rec_of(firms[3])
    url = reverse("rankings_recommendation", args=[rec.pk])
    as_editor, as_moderator = Client(), Client()
    as_editor.force_login(editor)
    as_moderator.force_login(moderator)
    with freeze_time(TODAY):
        bad = as_editor.post(url, {"action": "propose", "to_state": "replied", "on_date": "x"})
        assert bad.status_code == 200 and rec.steps.count() == 1  # form again, input kept
        assert 'value="x"' in bad.content.decode()
        response = as_editor.post(
            url,
            {"action": "propose", "to_state": "replied", "on_date": "2026-11-08", "note": "复函"},
        )
        assert response.status_code == 302
        step = rec.steps.get(decision=Decision.PENDING)
        assert as_editor.post(url, {"action": "confirm", "step": step.pk}).status_code == 403 or (
            RecommendationStep.objects.get(pk=step.pk).is_pending
        )
        assert as_moderator.post(url, {"action": "confirm", "step": "abc"}).status_code == 404
        assert as_moderator.post(url, {"action": "confirm", "step": step.pk}).status_code == 302
        # A second click meets "already decided" and changes nothing.
        assert as_moderator.post(url, {"action": "confirm", "step": step.pk}).status_code == 302
    rec.refresh_from_db()
    assert rec.state == State.REPLIED
    assert as_editor.get(reverse("rankings_recommendations")).status_code == 200


def test_public_tracker_counts_match_the_records(
    client, october, firms, index_page, editor, moderator
):
    late = rec_of(firms[3])
    with freeze_time(datetime.date(2026, 12, 8)):  # a reply due 2026-12-05, none received
        html = client.get(index_page.url + "recommendations/").content.decode()
        assert Recommendation.objects.overdue().count() == 2
        assert '<span class="count">2</span> 已逾期' in html
        assert html.count("逾期 3 天") == 2
    with freeze_time(datetime.date(2026, 12, 5)):  # due today: not overdue
        html = client.get(index_page.url + "recommendations/").content.decode()
        assert '<span class="count">0</span> 已逾期' in html
    walk(late, editor, moderator, State.REPLIED, datetime.date(2026, 11, 8))
    with freeze_time(datetime.date(2026, 12, 8)):
        html = client.get(index_page.url + "recommendations/").content.decode()
        assert '<span class="count">1</span> 已收到答复' in html
        assert '<span class="count">1</span> 已逾期' in html
        assert '<span class="count">2</span> 合计' in html
