"""What staff and residents are told about a new request. Called from background tasks."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home import sms

from .station_access import supervisors

logger = logging.getLogger(__name__)


def staff_recipients(station):
    """The station's own staff and email; the supervisors if it names no staff.

    Never other stations' staff: they could not open the request anyway.
    """
    users = station.staff.filter(is_active=True).exclude(email="")
    if not users.exists():
        users = supervisors().exclude(email="")
    emails = sorted({user.email for user in users})
    if station.notification_email and station.notification_email not in emails:
        emails.append(station.notification_email)
    return emails


def email_staff(appointment):
    recipients = staff_recipients(appointment.station)
    if not recipients:
        logger.warning(
            "No staff email for station %s; request #%s not mailed",
            appointment.station_id,
            appointment.pk,
        )
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "services_appointments:detail", args=[appointment.pk]
        )
        # Only the reference and the slot: the personal data stays behind the admin login.
        subject = _("New appointment request %(reference)s") % {
            "reference": appointment.display_reference
        }
        body = render_to_string(
            "services/emails/new_request_staff.txt",
            {"appointment": appointment, "admin_url": admin_url},
        )
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def text_resident(appointment):
    with translation.override(appointment.language or settings.LANGUAGE_CODE):
        slot = appointment.slot
        message = _(
            "Hemei Community: your request %(reference)s for %(date)s %(start)s has been received. "
            "The service station will confirm it soon."
        ) % {
            "reference": appointment.display_reference,
            "date": slot.date.strftime("%m-%d"),
            "start": slot.start_time.strftime("%H:%M"),
        }
    sms.send_sms(appointment.requester_phone, message)


def notify_new_request(appointment_id):
    """Mail the staff and text the resident, exactly once per request.

    The `notified_at` stamp is claimed with a conditional update before anything is sent, so a
    task retried or enqueued twice cannot send a second time.
    """
    from .models import Appointment

    claimed = Appointment.objects.filter(pk=appointment_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return False
    appointment = Appointment.objects.select_related("station", "slot", "offering").get(
        pk=appointment_id
    )
    try:
        email_staff(appointment)
        text_resident(appointment)
    except Exception:
        # At most once: a failed send is reported for staff to follow up, never retried blindly.
        logger.exception("Sending notifications for request #%s failed", appointment.pk)
        raise
    # The primary key, not the reference: a reference and the masked number in the SMS line
    # would together open the booking's status page.
    logger.info("Notifications sent for request #%s", appointment.pk)
    return True
