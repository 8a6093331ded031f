"""Telling a volunteer they moved up from the waiting list: e-mail if given, and an SMS.

The SMS sender here only writes a log line (with the number masked) and says so: the
site has no SMS gateway yet. The appointments module builds a fuller SMS interface;
the two are meant to be unified behind it.
"""

import logging

from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from services.models.volunteering import mask_mobile

logger = logging.getLogger("hemei.volunteering")


class LogOnlySmsSender:
    """Records that an SMS would be sent; sends nothing."""

    def send(self, mobile, message):
        logger.info("SMS not sent (log-only sender) to %s: %s", mask_mobile(mobile), message)
        return False


sms_sender = LogOnlySmsSender()


def promotion_message(signup):
    event = signup.event
    start = timezone.localtime(event.starts_at)
    return _(
        "A place has become free: you are now confirmed for “%(title)s” on %(date)s at "
        "%(place)s. If you cannot come, please cancel: %(link)s"
    ) % {
        "title": event.title,
        "date": start.strftime("%Y-%m-%d %H:%M"),
        "place": event.location,
        "link": signup.cancel_url(),
    }


def notify_promoted(signup):
    """Tell a promoted volunteer; never raises, a failed notice must not undo the promotion."""
    with translation.override(signup.language or signup.event.locale.language_code):
        message = promotion_message(signup)
        if signup.email:
            try:
                send_mail(_("You have a place"), message, None, [signup.email])
            except Exception:  # noqa: BLE001 - mail outages must not break cancellations
                logger.exception("Promotion e-mail for sign-up %s failed", signup.pk)
        if signup.mobile:
            sms_sender.send(signup.mobile, message)
