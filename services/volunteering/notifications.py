"""Messages to volunteers, by SMS and (if given) e-mail: the link to their sign-up, sent when
they sign up and again on request, and the news that they moved up from the waiting list.

Called from the background tasks in `tasks`, never inside a visitor's request.

Text messages go through the site's one SMS interface (`home.sms`), whose default
backend only logs, with the number masked, and says so in the admin.
"""

import logging

from django.apps import apps
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

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


def link_message(signup):
    event = signup.event
    start = timezone.localtime(event.starts_at)
    return _(
        "You are signed up for “%(title)s” on %(date)s at %(place)s (%(status)s). "
        "Check or cancel your place here: %(link)s"
    ) % {
        "title": event.title,
        "date": start.strftime("%Y-%m-%d %H:%M"),
        "place": event.location,
        "status": signup.get_status_display(),
        "link": signup.cancel_url(),
    }


def _signup(signup_id, statuses):
    # Looked up through the registry: the models module imports this one (via `tasks`).
    signup_model = apps.get_model("services", "VolunteerSignup")
    return (
        signup_model.objects.select_related("event", "event__locale")
        .filter(pk=signup_id, status__in=statuses, anonymised=False)
        .first()
    )


def _tell(signup, subject, build_message, what):
    """Send one message by e-mail (if given) and SMS, in the language used to sign up.

    A failed send is logged, never raised: one channel failing must not stop the other.
    """
    with translation.override(signup.language or signup.event.locale.language_code):
        message = build_message(signup)
        if signup.email:
            try:
                send_mail(str(subject), message, None, [signup.email])
            except Exception:  # noqa: BLE001 - a mail outage must not stop the SMS
                logger.exception("%s e-mail for sign-up %s failed", what, signup.pk)
        if signup.mobile:
            try:
                sms.send_sms(signup.mobile, message)
            except Exception:  # noqa: BLE001 - logged for staff to follow up
                logger.exception("%s SMS for sign-up %s failed", what, signup.pk)


def notify_promoted(signup_id):
    """Tell a promoted volunteer; returns False if there is no one (left) to tell."""
    signup = _signup(signup_id, ["confirmed"])
    if signup is None:  # cancelled again or anonymised before the worker got to it
        return False
    _tell(signup, _lazy("You have a place"), promotion_message, "Promotion")
    return True


def send_signup_link(signup_id):
    """Send a volunteer the link to their sign-up; False if it was cancelled or anonymised."""
    signup = _signup(signup_id, ["confirmed", "waitlisted"])
    if signup is None:
        return False
    _tell(signup, _lazy("Your volunteer sign-up"), link_message, "Sign-up link")
    return True
