"""No personal data in logs or in error reports."""

import logging

import pytest
from django.views.debug import ExceptionReporter

from services.views import book_contact

from .helpers import book

pytestmark = pytest.mark.django_db

NAME, PHONE, BENEFICIARY = "王小明", "13812345678", "王大爷"


def test_a_submission_logs_nothing_personal(client, offering, home_slot, caplog, settings):
    from tests.factories.home import CompoundFactory

    compound = CompoundFactory()
    caplog.set_level(logging.DEBUG)
    response = book(
        client,
        offering,
        home_slot,
        mode="home",
        requester_name=NAME,
        requester_phone=PHONE,
        booking_for="other",
        beneficiary_name=BENEFICIARY,
        compound=compound.pk,
        building="3",
        room="501",
    )
    assert response.status_code == 302
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "created" in text  # the submission was logged...
    for secret in (NAME, PHONE, PHONE[-4:], BENEFICIARY, "501"):
        assert secret not in text  # ...without anything about the person


def test_error_reports_hide_the_posted_personal_data(rf):
    request = rf.post(
        "/appointments/book/details/",
        {"requester_name": NAME, "requester_phone": PHONE, "booking_for": "self"},
    )
    request.session = {}
    book_contact(request)  # marks the request's personal fields as sensitive
    assert {"requester_name", "requester_phone"} <= set(request.sensitive_post_parameters)
    try:
        raise ValueError("boom")
    except ValueError as exc:
        reporter = ExceptionReporter(request, type(exc), exc, exc.__traceback__)
        report = reporter.get_traceback_text() + reporter.get_traceback_html()
    assert PHONE not in report and NAME not in report
