"""The services app's panel on the home page: the next volunteer events."""

from django.utils import timezone

from home.communities import in_community
from home.panels import HomePanel
from home.visibility import public_page_q

from .models import VolunteerEventPage

ORDER = 30
UPCOMING_EVENTS_COUNT = 4


def upcoming_events(home):
    """The next live, public volunteer events of `home`'s locale, soonest first."""
    return list(
        in_community(VolunteerEventPage.objects.live().filter(public_page_q()), home)
        .filter(locale_id=home.locale_id, ends_at__gte=timezone.now())
        .select_related("compound")
        .order_by("starts_at", "pk")[:UPCOMING_EVENTS_COUNT]
    )


def events_panel(home, request):
    return HomePanel(
        "services/includes/home_upcoming_events.html", ORDER, {"events": upcoming_events(home)}
    )
