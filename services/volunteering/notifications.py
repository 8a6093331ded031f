"""Telling a volunteer they moved up from the waiting list: e-mail if given, and an SMS.

Called from the background task in `tasks`, never inside the request that freed the place.

Text messages go through the site's one SMS interface (`home.sms`), whose default
backend only logs, with the number masked, and says so in the admin.
"""

import logging

from django.apps import apps
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home import sms

logger = logging.getLogger("hemei.volunteering")


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


def notify_promoted(signup_id):
    """Tell a promoted volunteer; returns False if there is no one (left) to tell.

    A failed send is logged, never raised: one channel failing must not stop the other.
    """
    # Looked up through the registry: the models module imports this one (via `tasks`).
    signup_model = apps.get_model("services", "VolunteerSignup")
    signup = (
        signup_model.objects.select_related("event", "event__locale")
        .filter(pk=signup_id, status=signup_model.Status.CONFIRMED, anonymised=False)
        .first()
    )
    if signup is None:  # cancelled again or anonymised before the worker got to it
        return False
    with translation.override(signup.language or signup.event.locale.language_code):
        message = promotion_message(signup)
        if signup.email:
            try:
                send_mail(_("You have a place"), message, None, [signup.email])
            except Exception:  # noqa: BLE001 - a mail outage must not stop the SMS
                logger.exception("Promotion e-mail for sign-up %s failed", signup.pk)
        if signup.mobile:
            try:
                sms.send_sms(signup.mobile, message)
            except Exception:  # noqa: BLE001 - logged for staff to follow up
                logger.exception("Promotion SMS for sign-up %s failed", signup.pk)
    return True
