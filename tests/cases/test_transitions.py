"""Every step of a case, allowed and refused, on a frozen clock."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases.models import Case, CaseEvent, CaseStatus, HallSession, Route, WorkOrder
from tests.factories.cases import CaseFactory, CaseSupportFactory, ReportFactory, category
from tests.factories.home import CompoundFactory

from .conftest import NOW

pytestmark = pytest.mark.django_db

TODAY = NOW.date()


@pytest.fixture
def case(clock):
    return ReportFactory().case


def accepted(case, staff):
    case.accept(staff, due_date=TODAY + datetime.timedelta(days=5))
    return case


def in_hand(case, staff):
    accepted(case, staff).route_to_firm(staff)
    return case


def resolved(case, staff):
    in_hand(case, staff).resolve(staff, "已更换楼道灯。")
    return case


# Numbers and targets ----------------------------------------------------------------------


def test_cases_are_numbered_per_year_and_get_the_category_acceptance_target(clock):
    first, second = CaseFactory(), CaseFactory(category=category("lift"))
    assert (first.public_number, second.public_number) == ("2026-0001", "2026-0002")
    assert first.accept_by == NOW + datetime.timedelta(hours=24)
    assert second.accept_by == NOW + datetime.timedelta(hours=4)
    clock.shift(days=60)
    assert CaseFactory().public_number == "2027-0001"
    assert first.community == first.compound.community


# Accept (快受) ------------------------------------------------------------------------------


def test_accept_records_who_when_and_the_due_date(case, staff, clock):
    clock.shift(hours=3)
    event = case.accept(staff, note="已电话联系")
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    assert case.due_date == TODAY + datetime.timedelta(days=7)  # 设施报修: 7 days
    assert case.days_to_accept == 0.1 and case.accepted_within_target is True
    assert case.holder_label == case.community.name
    assert (event.user, event.from_status, event.to_status, event.note, event.is_public) == (
        staff,
        CaseStatus.RECEIVED,
        CaseStatus.ACCEPTED,
        "已电话联系",
        True,
    )


def test_accepting_late_misses_the_target(case, staff, clock):
    clock.shift(hours=30)
    case.accept(staff)
    assert case.accepted_within_target is False


@pytest.mark.parametrize("setup", [accepted, in_hand, resolved])
def test_accept_is_refused_once_past_received(case, staff, setup):
    setup(case, staff)
    with pytest.raises(ValidationError):
        case.accept(staff)


def test_accept_refuses_a_due_date_in_the_past(case, staff):
    with pytest.raises(ValidationError):
        case.accept(staff, due_date=TODAY - datetime.timedelta(days=1))
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and not case.events.exists()


# Routes -----------------------------------------------------------------------------------


def test_route_to_firm_sends_a_work_order_to_the_compound_firm(case, staff):
    accepted(case, staff)
    event = case.route_to_firm(staff, note="请三日内处理")
    order = WorkOrder.objects.get(case=case)
    assert order.firm == case.compound.property_firm and order.due_date == case.due_date
    assert (case.status, case.route, case.holder_label) == (
        CaseStatus.IN_HAND,
        Route.FIRM,
        order.firm.name,
    )
    assert event.kind == CaseEvent.Kind.ROUTE and event.holder_label == order.firm.name


def test_routes_are_refused_before_acceptance_and_after_resolution(case, staff):
    with pytest.raises(ValidationError):
        case.route_to_firm(staff)
    with pytest.raises(ValidationError):
        case.route_to_hall(staff, "北路华府邻里厅")
    with pytest.raises(ValidationError):
        case.route_to_mediation(staff)
    resolved(case, staff)
    with pytest.raises(ValidationError):
        case.route_to_hall(staff, "北路华府邻里厅")
    assert WorkOrder.objects.filter(case=case).count() == 1
    assert not HallSession.objects.exists()


def test_route_to_firm_is_refused_without_a_firm(staff, clock):
    case = CaseFactory(compound=CompoundFactory(property_firm=None))
    accepted(case, staff)
    with pytest.raises(ValidationError):
        case.route_to_firm(staff)
    assert not WorkOrder.objects.exists()


def test_route_to_hall_needs_a_hall_and_records_the_session(case, staff):
    accepted(case, staff)
    with pytest.raises(ValidationError):
        case.route_to_hall(staff, "  ")
    case.route_to_hall(staff, "北路华府邻里厅", parties="3栋业主、物业公司")
    session = case.hall_sessions.get()
    assert (session.hall, case.route, case.holder_label) == (
        "北路华府邻里厅",
        Route.HALL,
        "北路华府邻里厅",
    )
    session.record_outcome(staff, TODAY, "yes", "双方同意调整停车位。")
    assert session.agreement_reached == "yes"
    with pytest.raises(ValidationError):
        session.record_outcome(staff, TODAY + datetime.timedelta(days=1), "yes", "")
    with pytest.raises(ValidationError):
        session.record_outcome(staff, TODAY, "maybe", "")


def test_rerouting_a_case_in_hand_is_a_transfer(case, staff):
    in_hand(case, staff)
    event = case.route_to_mediation(staff, mediator_role="社区人民调解员")
    assert event.kind == CaseEvent.Kind.TRANSFER
    assert case.route == Route.MEDIATION and case.holder_label == "社区矛盾纠纷调解室"


def test_mediation_agreement_and_the_30_day_check(case, staff, clock):
    accepted(case, staff).route_to_mediation(
        staff, mediator_role="人民调解员", parties="楼上、楼下"
    )
    mediation = case.mediation
    mediation.add_session(staff, TODAY, "第一次调解")
    with pytest.raises(ValidationError):
        mediation.record_check(staff, "yes")  # nothing agreed yet
    with pytest.raises(ValidationError):
        mediation.record_agreement(staff, "", TODAY)
    with pytest.raises(ValidationError):
        mediation.record_agreement(staff, "晚十点后不装修", TODAY + datetime.timedelta(days=1))
    mediation.record_agreement(staff, "晚十点后不装修", TODAY)
    assert mediation.check_due == TODAY + datetime.timedelta(days=30)
    with pytest.raises(ValidationError):
        mediation.record_check(staff, "yes", TODAY + datetime.timedelta(days=29))
    clock.shift(days=30)
    mediation.record_check(staff, "yes")
    mediation.refresh_from_db()
    assert (mediation.held_at_check, mediation.checked_on) == ("yes", mediation.check_due)
    assert mediation.sessions.count() == 1


# Transfer (转办) ----------------------------------------------------------------------------


def test_transfer_names_the_new_holder(case, staff):
    with pytest.raises(ValidationError):
        case.transfer(staff, "区住建局")  # not accepted yet
    accepted(case, staff)
    with pytest.raises(ValidationError):
        case.transfer(staff, " ")
    event = case.transfer(staff, "区住建局物业科", note="涉及维修资金")
    assert (case.status, case.holder_label) == (CaseStatus.IN_HAND, "区住建局物业科")
    assert event.kind == CaseEvent.Kind.TRANSFER and event.is_public


# Resolve, close, reopen ---------------------------------------------------------------------


def test_resolve_needs_an_outcome_and_asks_each_reachable_reporter(case, staff, clock):
    ReportFactory(case=case, reporter_mobile="")  # gave no number: not asked
    in_hand(case, staff)
    with pytest.raises(ValidationError):
        case.resolve(staff, "  ")
    clock.shift(days=2, hours=12)
    case.resolve(staff, "已更换楼道灯。")
    assert case.status == CaseStatus.RESOLVED and case.days_to_resolve == 2.5
    assert case.outcome_summary == "已更换楼道灯。"
    assert case.surveys.count() == 1


def test_resolve_is_refused_before_acceptance(case, staff):
    with pytest.raises(ValidationError):
        case.resolve(staff, "已处理")


def test_close_only_after_resolution(case, staff):
    in_hand(case, staff)
    with pytest.raises(ValidationError):
        case.close(staff)
    case.resolve(staff, "已处理")
    case.close(staff)
    assert case.status == CaseStatus.CLOSED and case.closed_at is not None


@pytest.mark.parametrize("then_close", [False, True])
def test_reopen_puts_a_done_case_back_in_hand(case, staff, then_close):
    resolved(case, staff)
    if then_close:
        case.close(staff)
    event = case.reopen(staff, note="灯又坏了")
    assert (case.status, case.reopened_count, case.resolved_at, case.closed_at) == (
        CaseStatus.IN_HAND,
        1,
        None,
        None,
    )
    assert event.from_status in (CaseStatus.RESOLVED, CaseStatus.CLOSED)


def test_reopen_is_refused_for_an_open_case(case, staff):
    with pytest.raises(ValidationError):
        case.reopen(staff)
    accepted(case, staff)
    with pytest.raises(ValidationError):
        case.reopen(staff)


def test_a_case_reopened_before_routing_goes_back_to_accepted(case, staff):
    accepted(case, staff).resolve(staff, "电话解释后居民认可。")
    case.reopen(staff)
    assert case.status == CaseStatus.ACCEPTED


# Merge ------------------------------------------------------------------------------------


def test_merge_moves_reports_and_supporters_and_points_earlier_merges_on(staff, clock):
    target, case, older = (ReportFactory().case for _n in range(3))
    compound = target.compound
    for other in (case, older):
        other.compound = compound
        other.community = compound.community
        other.save()
    CaseSupportFactory(case=target, client_hash="same")
    CaseSupportFactory(case=case, client_hash="same")
    CaseSupportFactory(case=case, client_hash="other")
    older.merge_into(case, staff)
    event = case.merge_into(target, staff)
    case.refresh_from_db()
    older.refresh_from_db()
    assert (case.status, case.merged_into, older.merged_into) == (CaseStatus.MERGED, target, target)
    assert target.reports.count() == 3 and not case.reports.exists()
    assert sorted(target.supports.values_list("client_hash", flat=True)) == ["other", "same"]
    assert event.kind == CaseEvent.Kind.MERGE and event.note == target.public_number
    assert target.events.filter(kind=CaseEvent.Kind.MERGE).count() == 1
    assert Case.objects.public().filter(pk=case.pk).exists() is False


def test_merge_refusals(staff, clock):
    target, case = ReportFactory().case, ReportFactory().case
    other_community = CaseFactory()
    case.compound, case.community = target.compound, target.community
    case.save()
    with pytest.raises(ValidationError):
        case.merge_into(case, staff)
    with pytest.raises(ValidationError):
        case.merge_into(other_community, staff)
    resolved(target, staff)
    with pytest.raises(ValidationError):
        case.merge_into(target, staff)  # target no longer open
    open_target = CaseFactory(compound=target.compound)
    resolved(case, staff)
    with pytest.raises(ValidationError):
        case.merge_into(open_target, staff)  # a done case is not merged
    assert Case.objects.filter(status=CaseStatus.MERGED).count() == 0


# Overdue and times ------------------------------------------------------------------------


def test_overdue_before_acceptance_and_after_the_due_date(case, staff, clock):
    assert not case.is_overdue() and Case.objects.overdue().count() == 0
    clock.shift(hours=25)
    assert case.is_overdue() and case.overdue_days() == 1
    assert list(Case.objects.overdue()) == [case]
    case.accept(staff, due_date=TODAY + datetime.timedelta(days=3))
    assert not case.is_overdue() and Case.objects.overdue().count() == 0
    clock.shift(days=3)  # 17th + 3 days: the day after the due date (19th)
    assert case.overdue_days() == 1 and list(Case.objects.overdue()) == [case]
    case.route_to_firm(staff)
    case.resolve(staff, "已处理")
    assert not case.is_overdue() and Case.objects.overdue().count() == 0


def test_open_and_public_querysets(case, staff):
    hidden = CaseFactory(is_public=False)
    assert set(Case.objects.open()) == {case, hidden}
    assert list(Case.objects.public()) == [case]
    resolved(case, staff)
    assert list(Case.objects.open()) == [hidden]
