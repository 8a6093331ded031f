"""Text messages to residents, through a pluggable backend (setting HEMEI_SMS_BACKEND).

The default backend only writes a line to the log, with the number masked and without the
text (which carries references and secret links). It is not a
fake success: `is_log_only()` lets the admin say plainly that no text is being sent.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from home.masking import mask_phone

logger = logging.getLogger(__name__)

DEFAULT_BACKEND = "home.sms.LogSmsBackend"
# Where the backends lived before they moved to home/: a deployment whose environment still
# names the old path keeps working.
MOVED_BACKENDS = {"services.sms.LogSmsBackend": DEFAULT_BACKEND}


class BaseSmsBackend:
    #: True for backends that do not reach a phone.
    log_only = False

    def send(self, phone, message):
        """Send `message` to the mainland mobile number `phone`; raise on failure."""
        raise NotImplementedError


class LogSmsBackend(BaseSmsBackend):
    log_only = True

    def send(self, phone, message):
        # Never the text itself: it holds a booking's reference (which, with the number's last
        # four digits shown here, opens the booking) or a sign-up's secret cancel link.
        logger.info(
            "SMS (log only, not sent) to %s: %d characters", mask_phone(phone), len(message)
        )


def get_backend():
    path = getattr(settings, "HEMEI_SMS_BACKEND", DEFAULT_BACKEND) or DEFAULT_BACKEND
    path = MOVED_BACKENDS.get(path, path)
    return import_string(path)()


def is_log_only():
    return get_backend().log_only


def send_sms(phone, message):
    get_backend().send(phone, message)
