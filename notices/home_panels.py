"""The notices app's panel on the home page: the latest notices and this month's work letter."""

from django.utils import timezone

from home.communities import in_community
from home.generation import derived
from home.panels import HomePanel
from home.visibility import public_page_q

from .models import NoticePage, WorkLetterPage

ORDER = 10


def latest_notices(home):
    """Live, unexpired notices of `home`'s locale: pinned first, then newest."""
    notices = (
        in_community(NoticePage.objects.live().filter(public_page_q()), home)
        .filter(locale_id=home.locale_id)
        .current()
        .newest_first()
        .select_related("locale")
    )
    return list(notices[: home.notices_count])


def notices_panel(home, request):
    return HomePanel(
        "notices/includes/home_latest_notices.html",
        ORDER,
        {
            "latest_notices": latest_notices(home),
            # A published letter, chosen by the month of the day.
            "work_letter": derived(
                f"notices:home-letter:{home.pk}:{timezone.localdate()}",
                lambda: WorkLetterPage.current_for(home),
            ),
        },
    )
