"""The volunteer team's addresses outside the page tree: calendar files and sign-up links.

The pages' own routes (join form, event listing, sign-up form) are on the page models.
"""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from services.calendar import calendar_response

from .models import VolunteerEventPage, VolunteerSignup

FEED_LIMIT = 200


def upcoming_feed(request):
    """Every upcoming public event in the active language: one subscribable address."""
    locale = Locale.get_active()
    events = (
        VolunteerEventPage.objects.live()
        .public()
        .filter(locale=locale, ends_at__gte=timezone.now())
        .select_related("compound")
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )
    return calendar_response(
        events, request, filename="volunteer-events.ics", name=_("Volunteer events")
    )


def event_ics(request, page_id):
    page = get_object_or_404(
        VolunteerEventPage.objects.live().public().select_related("compound"), pk=page_id
    )
    return calendar_response(
        [page], request, filename=f"volunteer-event-{page.pk}.ics", name=page.title
    )


@never_cache
@require_http_methods(["GET", "POST"])
def signup_status(request, token):
    """A sign-up's own page, reached only through its secret link: status and cancel."""
    signup = get_object_or_404(VolunteerSignup.objects.select_related("event"), token=token)
    event = signup.event.localized
    just_cancelled = False
    if request.method == "POST" and signup.is_active:
        signup.cancel()
        just_cancelled = True
    position = None
    if signup.status == VolunteerSignup.Status.WAITLISTED:
        position = (
            VolunteerSignup.objects.filter(
                event_id=signup.event_id,
                status=VolunteerSignup.Status.WAITLISTED,
                created_at__lte=signup.created_at,
            )
            .exclude(created_at=signup.created_at, pk__gt=signup.pk)
            .count()
        )
    response = TemplateResponse(
        request,
        "services/volunteering/signup_status.html",
        {
            "signup": signup,
            "event": event,
            "position": position,
            "just_cancelled": just_cancelled,
            "page_title": _("Your sign-up"),
        },
    )
    # The address is a key: keep it out of search engines and other sites' logs.
    # ("no-referrer" would also blank the Origin of the cancel form and fail CSRF.)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response
