"""How long the volunteer team keeps personal data; run by `manage.py purge_personal_data`."""

import datetime

from django.db.models import Q
from django.utils import timezone

from .applications import VolunteerApplication
from .signups import VolunteerSignup


def _due(days):
    """(sign-ups, applications) whose personal data is older than `days` and still kept.

    - Sign-ups of events that ended more than `days` ago (status and attendance stay, so
      the records still add up).
    - Applications declined or withdrawn more than `days` ago, and pending ones never
      reviewed for that long; approved volunteers are kept while they are on the team.
    """
    cutoff = timezone.now() - datetime.timedelta(days=days)
    signups = VolunteerSignup.objects.filter(event__ends_at__lt=cutoff, anonymised=False)
    stale = Q(
        status__in=[VolunteerApplication.Status.DECLINED, VolunteerApplication.Status.WITHDRAWN]
    )
    stale &= Q(reviewed_at__lt=cutoff) | Q(reviewed_at__isnull=True, created_at__lt=cutoff)
    stale |= Q(status=VolunteerApplication.Status.PENDING, created_at__lt=cutoff)
    applications = VolunteerApplication.objects.filter(stale, anonymised=False)
    return signups, applications


def count_volunteer_personal_data(days):
    """What `purge_volunteer_personal_data(days)` would clear, without clearing it."""
    signups, applications = _due(days)
    return {"volunteer_signups": signups.count(), "volunteer_applications": applications.count()}


def purge_volunteer_personal_data(days):
    """Remove personal data that is no longer needed (see `_due`); returns counts cleared."""
    signups, applications = _due(days)
    return {
        "volunteer_signups": signups.update(name="", mobile="", email="", anonymised=True),
        "volunteer_applications": applications.update(
            name="", mobile="", skills="", availability="", staff_note="", anonymised=True
        ),
    }
