"""Request handling of the volunteer pages; the page routes delegate here to stay small."""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from home.models import Compound
from home.pagination import paginate
from services.calendar import calendar_response
from services.forms_volunteering import (
    RATE_LIMITED_MESSAGE,
    EventFilterForm,
    EventSignupForm,
    VolunteerApplicationForm,
    join_rate_limit,
    signup_rate_limit,
)
from services.models.volunteering import SignupError, VolunteerEventPage, VolunteerSignup

UPCOMING_ON_TEAM_PAGE = 3


def _reject_if_limited(form, limit, request):
    """Bind-and-refuse: the visitor's input stays in the form, with the reason on top."""
    if limit.allow(request):
        return False
    form.is_valid()
    form.add_error(None, RATE_LIMITED_MESSAGE)
    return True


def team_page(request, page):
    form = VolunteerApplicationForm(locale=page.locale)
    if request.method == "POST":
        form = VolunteerApplicationForm(request.POST, locale=page.locale)
        if not _reject_if_limited(form, join_rate_limit, request) and form.is_valid():
            form.save()
            return redirect(page.url + page.reverse_subpage("join_thanks"))
    index = page.event_index()
    upcoming = list(index.upcoming_events(limit=UPCOMING_ON_TEAM_PAGE)) if index else []
    return page.render(
        request,
        context_overrides={
            "form": form,
            "totals": page.totals(),
            "event_index": index,
            "upcoming": upcoming,
        },
    )


def join_thanks(request, page):
    return page.render(
        request,
        template="services/volunteering/join_thanks.html",
        context_overrides={"event_index": page.event_index()},
    )


def event_index(request, page):
    events = page.events()
    compounds = Compound.objects.filter(pk__in=events.values("compound")).order_by("name")
    filter_form = EventFilterForm(request.GET, compounds)
    filtered = events.filter(**filter_form.filters())
    past = paginate(request, page.past_events(filtered), page.past_per_page)
    query = request.GET.copy()
    query.pop("page", None)
    return page.render(
        request,
        context_overrides={
            "filter_form": filter_form,
            "filters_ignored": bool(filter_form.errors),
            "upcoming": list(page.upcoming_events(filtered)),
            "past_page": past,
            "past_by_month": page.group_by_month(past.object_list),
            "query_string": query.urlencode(),
        },
    )


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


def event_detail(request, page):
    form = EventSignupForm()
    if request.method == "POST":
        form = EventSignupForm(request.POST)
        if not _reject_if_limited(form, signup_rate_limit, request) and form.is_valid():
            data = form.cleaned_data
            try:
                signup = page.sign_up(data["name"], data["mobile"], data["email"])
            except SignupError as error:
                form.add_error(None, error.message)
            else:
                return redirect(signup.get_absolute_url())
    return page.render(
        request,
        context_overrides={
            "form": form,
            "counts": page.signup_counts(),
            "report": page.report_or_none() if page.is_past else None,
        },
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
