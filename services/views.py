"""The resident's side: the three booking steps, the confirmation and the status page.

Personal data arrives only by POST and never appears in a URL; the views are marked
sensitive so that error reports leave it out.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from home import idempotency, ratelimit
from home.models import Compound
from home.params import int_param
from home.retention import retention_days
from home.visibility import public_page_q

from .booking import (
    DONE_KEY,
    BookingState,
    create_appointment,
    grant_status_access,
    has_status_access,
)
from .forms import ContactForm, ServiceModeForm, SlotForm, StatusLookupForm
from .models import (
    Appointment,
    Mode,
    ServiceIndexPage,
    ServiceOfferingPage,
    Slot,
    SlotFull,
    Status,
    localized_offerings,
)
from .tasks import notify_new_request

logger = logging.getLogger(__name__)

BOOKING_SCOPE = "booking"

PERSONAL_FIELDS = (
    "requester_name",
    "requester_phone",
    "beneficiary_name",
    "beneficiary_phone",
    "relationship",
    "building",
    "unit",
    "room",
    "accessibility_notes",
    "phone_last_four",
)


def _render(request, template, context, status=200):
    context.setdefault("services_index", _services_index())
    return TemplateResponse(request, template, context, status=status)


def _services_index():
    index = (
        ServiceIndexPage.objects.live()
        .filter(public_page_q())
        .filter(locale=Locale.get_active())
        .first()
    )
    return index or ServiceIndexPage.objects.live().filter(public_page_q()).first()


def _offering(state):
    pk = state.get("offering")
    if not pk:
        return None
    return (
        ServiceOfferingPage.objects.live()
        .filter(public_page_q())
        .filter(pk=pk, locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )


def _compound(state):
    pk = state.get("compound")
    return Compound.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def stations_serving_first(slots, compound_id):
    """`slots` with those of the stations in the resident's compound first (else unchanged),
    and those stations' names in the visitor's language."""
    if not compound_id:
        return slots, []
    own = [slot for slot in slots if slot.station.compound_id == compound_id]
    others = [slot for slot in slots if slot.station.compound_id != compound_id]
    stations = {slot.station_id: slot.station for slot in own}
    return own + others, [station.localized.name for station in stations.values()]


def _offering_title(offering):
    return localized_offerings([offering])[0].title


@require_http_methods(["GET", "POST"])
def book_service(request):
    state = BookingState(request)
    if request.method == "POST":
        form = ServiceModeForm(request.POST)
        if form.is_valid():
            offering, mode = form.cleaned_data["offering"], form.cleaned_data["mode"]
            if (offering.pk, mode) != (state.get("offering"), state.get("mode")):
                state.update(slot=None)
            compound = form.cleaned_data["compound"]
            state.update(
                offering=offering.pk, mode=mode, compound=compound.pk if compound else None
            )
            return redirect("services:book_slot")
    else:
        initial = {
            "compound": state.get("compound"),
            "offering": state.get("offering"),
            "mode": state.get("mode"),
        }
        requested = int_param(request, "offering")
        if requested is not None:
            page = (
                ServiceOfferingPage.objects.live()
                .filter(public_page_q())
                .filter(pk=requested)
                .first()
            )
            if page is not None:
                initial["offering"] = page.source.pk
                if len(page.allowed_modes) == 1:
                    initial["mode"] = page.allowed_modes[0]
        form = ServiceModeForm(initial=initial)
    return _render(request, "services/book_service.html", {"form": form, "step": 1})


@require_http_methods(["GET", "POST"])
def book_slot(request):
    state = BookingState(request)
    offering = _offering(state)
    mode = state.get("mode")
    if offering is None or mode not in Mode.values:
        return redirect("services:book_service")
    Slot.objects.materialise()
    slots = list(
        Slot.objects.bookable()
        .filter(mode=mode, station__offerings=offering)
        .select_related("station")
        .order_by("date", "start_time", "station__name")[:60]
    )
    slots, home_stations = stations_serving_first(slots, state.get("compound"))
    if request.method == "POST":
        form = SlotForm(request.POST, slots=slots)
        if form.is_valid():
            state.update(slot=form.cleaned_data["slot"].pk)
            return redirect("services:book_contact")
    else:
        initial_slot = state.get("slot")
        form = SlotForm(initial={"slot": initial_slot} if initial_slot else None, slots=slots)
    return _render(
        request,
        "services/book_slot.html",
        {
            "form": form,
            "step": 2,
            "offering_title": _offering_title(offering),
            "mode": Mode(mode),
            "slots": slots,
            "home_compound": _compound(state),
            "home_stations": home_stations,
        },
    )


@sensitive_post_parameters(*PERSONAL_FIELDS)
@require_http_methods(["GET", "POST"])
def book_contact(request):
    # The draft is read before looking for an earlier submission: a twin tab sending the same
    # form commits its booking before it clears the shared draft, so either this request finds
    # that booking below or it still has the draft and meets the token's claim in submit_once.
    state = BookingState(request)
    if request.method == "POST":
        # A resubmission of a booking already taken (a reload after an error, a double
        # tap) shows that booking, whatever has happened to the draft or the slot since.
        token = idempotency.submitted_token(request)
        earlier = token and idempotency.previous_result(BOOKING_SCOPE, token)
        if earlier:
            return _show_booking(request, state, earlier)
    offering = _offering(state)
    mode = state.get("mode")
    if offering is None or mode not in Mode.values:
        return redirect("services:book_service")
    slot = (
        Slot.objects.bookable().select_related("station").filter(pk=state.get("slot") or 0).first()
    )
    if slot is None:
        if state.get("slot"):
            if request.method == "POST":
                state.keep_draft(request.POST)
            messages.warning(
                request, _("That time is no longer available. Please choose another one.")
            )
        return redirect("services:book_slot")
    context = {
        "step": 3,
        "offering_title": _offering_title(offering),
        "mode": Mode(mode),
        "slot": slot,
        "retention_days": retention_days(),
    }
    if request.method == "GET":
        # The compound given at step 1 is the likely address of a home visit.
        initial = state.get("draft") or {"compound": state.get("compound")}
        form = ContactForm(initial=initial, mode=mode)
        return _render(request, "services/book_contact.html", {**context, "form": form})

    if "back" in request.POST:
        state.keep_draft(request.POST)
        return redirect("services:book_slot")
    form = ContactForm(request.POST, mode=mode)
    if not form.is_valid():
        return _render(request, "services/book_contact.html", {**context, "form": form})

    ip = ratelimit.client_ip(request)
    phone = form.cleaned_data["requester_phone"]
    # Counted before booking (atomically), given back if no booking results.
    limits = (("booking-ip", ip), ("booking-phone", phone))
    over = [ratelimit.hit(name, value) for name, value in limits]
    if any(over):
        for name, value in limits:
            ratelimit.release(name, value)
        logger.warning("Booking refused: rate limit reached")
        form.add_error(
            None,
            _(
                "Too many requests have been sent from here or for this number. "
                "Please try again tomorrow, or call the service station."
            ),
        )
        return _render(request, "services/book_contact.html", {**context, "form": form}, status=429)

    def create():
        appointment = create_appointment(form, offering, slot.pk, mode)
        transaction.on_commit(lambda: notify_new_request.enqueue(appointment.pk))
        return appointment

    try:
        appointment, created = idempotency.submit_once(request, BOOKING_SCOPE, create)
    except SlotFull:
        for name, value in limits:
            ratelimit.release(name, value)
        state.keep_draft(request.POST)
        state.update(slot=None)
        messages.warning(
            request,
            _("Sorry, the last place at that time was just taken. Please choose another time."),
        )
        return redirect("services:book_slot")
    if not created:
        for name, value in limits:
            ratelimit.release(name, value)
    else:
        logger.info(
            "Appointment request #%s created at station %s",
            appointment.pk,
            appointment.station_id,
        )
    return _show_booking(request, state, appointment)


def _show_booking(request, state, appointment):
    state.clear()
    request.session[DONE_KEY] = appointment.pk
    grant_status_access(request.session, appointment)
    return redirect("services:book_done")


def book_done(request):
    pk = request.session.get(DONE_KEY)
    appointment = (
        Appointment.objects.select_related("slot", "station", "offering").filter(pk=pk or 0).first()
    )
    if appointment is None:
        return redirect("services:book_service")
    return _render(
        request,
        "services/book_done.html",
        {"appointment": appointment, "offering_title": _offering_title(appointment.offering)},
    )


@sensitive_post_parameters(*PERSONAL_FIELDS)
@require_http_methods(["GET", "POST"])
def status_lookup(request):
    form = StatusLookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = ratelimit.client_ip(request)
        reference = form.cleaned_data["reference"]
        # Every attempt is counted at once (atomically); a successful one is given back.
        limits = (("status-ip", ip), ("status-reference", reference))
        if any([ratelimit.hit(name, value) for name, value in limits]):
            for name, value in limits:
                ratelimit.release(name, value)
            form.add_error(
                None,
                _(
                    "Too many attempts. Please wait 15 minutes and try again, "
                    "or call the service station."
                ),
            )
            return _render(request, "services/status_lookup.html", {"form": form}, status=429)
        appointment = Appointment.objects.filter(
            reference=reference, anonymised_at__isnull=True
        ).first()
        if appointment is not None and appointment.phone_matches(
            form.cleaned_data["phone_last_four"]
        ):
            for name, value in limits:
                ratelimit.release(name, value)
            grant_status_access(request.session, appointment)
            return redirect("services:status_detail", reference=appointment.reference)
        # The same words whether the reference exists or not.
        form.add_error(
            None,
            _(
                "We found no appointment with this reference and phone number. "
                "Please check both and try again."
            ),
        )
    return _render(request, "services/status_lookup.html", {"form": form})


def _appointment_for(request, reference):
    if not has_status_access(request.session, reference):
        return None
    return (
        Appointment.objects.select_related("slot", "station", "offering", "compound")
        .filter(reference=reference, anonymised_at__isnull=True)
        .first()
    )


def status_detail(request, reference):
    appointment = _appointment_for(request, reference)
    if appointment is None:
        return redirect("services:status_lookup")
    return _render(
        request,
        "services/status_detail.html",
        {"appointment": appointment, "offering_title": _offering_title(appointment.offering)},
    )


@require_http_methods(["GET", "POST"])
def status_cancel(request, reference):
    appointment = _appointment_for(request, reference)
    if appointment is None:
        return redirect("services:status_lookup")
    if request.method == "POST" and appointment.status == Status.CANCELLED:
        # A second tap on "cancel": the first one did it.
        messages.success(request, _("Your appointment has been cancelled."))
        return redirect("services:status_detail", reference=reference)
    if not appointment.can_be_cancelled_by_resident():
        messages.info(
            request,
            _("This appointment can no longer be cancelled online. Please call the station."),
        )
        return redirect("services:status_detail", reference=reference)
    if request.method == "POST":
        try:
            if appointment.cancel_by_resident():
                logger.info("Appointment request #%s cancelled by the resident", appointment.pk)
        except ValidationError:  # a station changed it meanwhile (e.g. marked it done)
            messages.info(
                request,
                _("This appointment can no longer be cancelled online. Please call the station."),
            )
            return redirect("services:status_detail", reference=reference)
        messages.success(request, _("Your appointment has been cancelled."))
        return redirect("services:status_detail", reference=reference)
    return _render(
        request,
        "services/status_cancel.html",
        {"appointment": appointment, "offering_title": _offering_title(appointment.offering)},
    )
