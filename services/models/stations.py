"""Service stations (党群服务站): where services are given, and their weekly timetable.

Stations are translatable snippets. The default-language row is the station itself: its
timetable, closures, services, staff, slots and requests all belong to it. A translation
(made in wagtail-localize) holds only the words a resident reads: name, address, opening
hours, evening sessions and directions; public pages show it in place of the default row
(`localized_stations`) and fall back to the default row where there is none.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from services.roles import SUPERVISE_STATIONS

from .choices import Mode, Weekday

# Sessions starting at or after this hour, or on a weekend, are off-hours (错时) sessions.
OFF_HOURS_FROM = datetime.time(18, 0)


class ServiceStationQuerySet(models.QuerySet):
    def sources(self):
        """The default-language rows: those that slots, staff and requests belong to."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)

    def active(self):
        return self.sources().filter(is_active=True)


class ServiceStation(TranslatableMixin, index.Indexed, ClusterableModel):
    name = models.CharField(_("station name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("The same in every language: it is the address.")
    )
    compound = models.ForeignKey(
        "home.Compound",
        verbose_name=_("compound"),
        on_delete=models.PROTECT,
        related_name="service_stations",
    )
    address = models.CharField(_("address"), max_length=200)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_("One line per period, e.g. 周一至周五 8:30–17:30."),
    )
    off_hours_sessions = models.TextField(
        _("off-hours sessions"),
        blank=True,
        help_text=_("Evening and weekend sessions (错时服务), one per line."),
    )
    directions = models.TextField(
        _("directions"), blank=True, help_text=_("How to find the station, without a map.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    offerings = ParentalManyToManyField(
        "services.ServiceOfferingPage",
        verbose_name=_("services offered"),
        blank=True,
        related_name="stations",
        help_text=_("Choose the Chinese pages; their translations follow."),
    )
    staff = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("station staff"),
        blank=True,
        related_name="service_stations",
        help_text=_(
            "Staff who see and handle this station's appointment requests and get an email "
            "for each new one. Only station supervisors can change this list."
        ),
    )
    notification_email = models.EmailField(
        _("station email"), blank=True, help_text=_("Also receives an email for each new request.")
    )
    is_active = models.BooleanField(_("taking appointments"), default=True)

    objects = ServiceStationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("compound"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("notification_email")]),
        FieldPanel("photo"),
        MultiFieldPanel(
            [
                FieldPanel("opening_hours"),
                FieldPanel("off_hours_sessions"),
                FieldPanel("directions"),
            ],
            heading=_("Opening hours and directions"),
        ),
        FieldPanel("offerings"),
        # Hidden from everyone without the permission, so staff cannot add themselves.
        FieldPanel("staff", permission=SUPERVISE_STATIONS),
        FieldPanel("is_active"),
        InlinePanel("slot_templates", heading=_("Weekly appointment slots"), label=_("slot")),
        InlinePanel("closures", heading=_("Closures"), label=_("closure")),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("address"),
        index.SearchField("opening_hours"),
        index.SearchField("off_hours_sessions"),
        index.SearchField("directions"),
        index.RelatedFields("compound", [index.SearchField("name")]),
        index.FilterField("locale_id"),
        index.FilterField("is_active"),
    ]
    # What wagtail-localize translates; everything else stays with the default-language row.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("address"),
        TranslatableField("opening_hours"),
        TranslatableField("off_hours_sessions"),
        TranslatableField("directions"),
        SynchronizedField("slug"),
        SynchronizedField("compound"),
        SynchronizedField("phone"),
        SynchronizedField("photo"),
        SynchronizedField("notification_email"),
        SynchronizedField("is_active"),
    ]
    # A translation gets no timetable, closures, services or staff of its own: copies would
    # make slots (and so bookings) twice over.
    exclude_fields_in_copy = ["slot_templates", "closures", "offerings", "staff"]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("service station")
        verbose_name_plural = _("service stations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_station_slug_locale")
        ]
        permissions = [
            (
                "supervise_stations",
                _("Can choose station staff and handle every station's appointment requests"),
            )
        ]

    def __str__(self):
        return self.name

    def get_url(self, request=None):
        """The station's page under the live, public services index of its language."""
        index_page = self.public_index_page(self.locale_id)
        if index_page is None:
            return None
        return index_page.get_url(request) + index_page.reverse_subpage(
            "station", kwargs={"slug": self.slug}
        )

    @staticmethod
    def public_index_page(locale_id):
        from .offerings import ServiceIndexPage

        return ServiceIndexPage.objects.live().public().filter(locale_id=locale_id).first()

    @classmethod
    def search_queryset(cls, locale):
        """Active stations of the languages whose services index is public."""
        stations = cls.objects.filter(is_active=True).select_related("compound")
        if locale is not None:
            if cls.public_index_page(locale.pk) is None:
                return stations.none()
            return stations.filter(locale=locale)
        return stations

    def search_snippet_text(self):
        return " ".join(
            text for text in (self.address, self.opening_hours, self.off_hours_sessions) if text
        )

    def upcoming_closures(self):
        today = timezone.localdate()
        return self.closures.filter(
            models.Q(end_date__gte=today) | models.Q(end_date__isnull=True, date__gte=today)
        ).order_by("date")

    def opening_lines(self):
        return [line for line in self.opening_hours.splitlines() if line.strip()]

    def off_hours_lines(self):
        return [line for line in self.off_hours_sessions.splitlines() if line.strip()]


class SlotTemplate(Orderable):
    """A weekly recurring window in which the station takes appointments."""

    station = ParentalKey(ServiceStation, on_delete=models.CASCADE, related_name="slot_templates")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.STATION)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=3, help_text=_("How many appointments fit in this window.")
    )

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldRowPanel([FieldPanel("mode"), FieldPanel("capacity")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("slot template")
        verbose_name_plural = _("slot templates")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The end time must be after the start time.")})
        if self.capacity == 0:
            raise ValidationError({"capacity": _("The capacity must be at least 1.")})

    @property
    def is_off_hours(self):
        return is_off_hours(self.weekday, self.start_time)


class StationClosure(Orderable):
    """A day (or run of days) on which the station takes no appointments."""

    station = ParentalKey(ServiceStation, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField(_("closed from"))
    end_date = models.DateField(
        _("closed until"), null=True, blank=True, help_text=_("Leave empty for a single day.")
    )
    reason = models.CharField(_("reason"), max_length=100, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("end_date")]), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def __str__(self):
        return f"{self.date}"

    def clean(self):
        if self.date and self.end_date and self.end_date < self.date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})

    def covers(self, day):
        return self.date <= day <= (self.end_date or self.date)


def localized_stations(stations, locale=None):
    """The given default-language stations, each replaced by its translation in `locale`
    (a Locale or its id; the active one by default) where there is one; at most one query."""
    stations = list(stations)
    locale_id = getattr(locale, "pk", locale) or Locale.get_active().pk
    keys = [station.translation_key for station in stations if station.locale_id != locale_id]
    if not keys:
        return stations
    translations = {
        station.translation_key: station
        for station in ServiceStation.objects.filter(
            locale_id=locale_id, translation_key__in=keys
        ).select_related("compound", "photo")
    }
    return [translations.get(station.translation_key, station) for station in stations]


def is_off_hours(weekday, start_time):
    return weekday >= Weekday.SATURDAY or start_time >= OFF_HOURS_FROM
