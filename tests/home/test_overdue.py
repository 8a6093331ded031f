import datetime

from home.overdue import days_overdue

TODAY = datetime.date(2026, 11, 27)


def test_due_today_is_not_overdue():
    assert days_overdue(TODAY, on=TODAY) == 0


def test_due_yesterday_is_one_day_overdue():
    assert days_overdue(TODAY - datetime.timedelta(days=1), on=TODAY) == 1


def test_closed_late_stays_late_by_the_days_it_was_late():
    due = TODAY - datetime.timedelta(days=10)
    assert days_overdue(due, closed_on=due + datetime.timedelta(days=3), on=TODAY) == 3


def test_closed_in_time_never_becomes_overdue():
    due = TODAY - datetime.timedelta(days=10)
    assert days_overdue(due, closed_on=due, on=TODAY) == 0


def test_no_due_date_is_never_overdue():
    assert days_overdue(None, on=TODAY) == 0
