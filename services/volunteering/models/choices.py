"""Values shared by the volunteer models; referenced by the services app's migrations."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale


def new_token():
    return secrets.token_urlsafe(24)


def default_locale_events():
    """Sign-ups and reports attach to the default-locale event (see `signups`)."""
    return Q(locale=Locale.get_default())


class EventType(models.TextChoices):
    CULTURAL_OUTREACH = "cultural", _("Cultural outreach")
    SAFETY_INSPECTION = "safety", _("Safety inspection")
    HEALTH_CHECK = "health", _("Health check-up")
    HOLIDAY_VISIT = "holiday", _("Holiday visit")
