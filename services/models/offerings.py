"""Public pages: the services index (便民服务) and one page per service offering."""

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index

from home.slugs import AsciiSlugMixin
from home.visibility import public_page_q

from .choices import Mode
from .stations import ServiceStation, localized_stations

RICH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ServiceIndexPage(AsciiSlugMixin, RoutablePageMixin, Page):
    """便民服务: lists the offerings (its children) and the service stations."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_FEATURES)
    privacy_notice = RichTextField(
        _("privacy notice"),
        blank=True,
        features=RICH_FEATURES,
        help_text=_(
            "Shown on the booking form next to the consent box. Leave empty for the default text."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("privacy_notice")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["services.ServiceOfferingPage"]
    max_count_per_parent = 1
    # The home page links here when it has no quick links (home cannot import services).
    lists_services = True

    class Meta:
        verbose_name = _("services index page")

    def offerings(self):
        """The offerings of the default-language index, each in this page's language where
        translated: an offering nobody has translated yet is still listed, in Chinese."""
        default = Locale.get_default()
        source = self if self.locale_id == default.pk else self.get_translation_or_none(default)
        children = (
            ServiceOfferingPage.objects.live()
            .filter(public_page_q())
            .child_of(source or self)
            .order_by("path")
        )
        return localized_offerings(children, self.locale_id)

    def stations(self):
        """Active stations, in this page's language where translated."""
        return localized_stations(
            ServiceStation.objects.active().select_related("compound", "photo"), self.locale_id
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["offerings"] = self.offerings()
        context["stations"] = self.stations()
        return context

    @path("stations/<slug:slug>/", name="station")
    def station(self, request, slug):
        # The default-language station holds the timetable; its translation, the words.
        source = get_object_or_404(
            ServiceStation.objects.active().select_related("compound", "photo"), slug=slug
        )
        station = localized_stations([source], self.locale_id)[0]
        compound = source.compound
        if compound.locale_id != self.locale_id:
            compound = compound.get_translation_or_none(self.locale_id) or compound
        offerings = localized_offerings(
            source.offerings.live().filter(public_page_q()).order_by("path"), self.locale_id
        )
        return self.render(
            request,
            template="services/station_page.html",
            context_overrides={
                "station": station,
                "station_compound": compound,
                "station_offerings": offerings,
                "slot_templates": source.slot_templates.order_by("weekday", "start_time"),
                "upcoming_closures": source.upcoming_closures(),
            },
        )


class ServiceOfferingPage(AsciiSlugMixin, Page):
    """One service (就业培训, 社保验证, 计生服务, 代办): what it is and how to get it."""

    summary = models.CharField(_("summary"), max_length=200)
    description = RichTextField(_("what it is"), blank=True, features=RICH_FEATURES)
    eligibility = RichTextField(_("who is eligible"), blank=True, features=RICH_FEATURES)
    materials = RichTextField(_("materials to bring"), blank=True, features=RICH_FEATURES)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=30, help_text=_("About how long one appointment takes.")
    )
    allows_station = models.BooleanField(_("can be done at the service station"), default=True)
    allows_home_visit = models.BooleanField(_("can be done on a home visit"), default=False)
    priority_note = models.CharField(
        _("priority groups note"),
        max_length=200,
        blank=True,
        help_text=_("For example: home visits are reserved for the elderly and the disabled."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("eligibility"),
        FieldPanel("materials"),
        MultiFieldPanel(
            [
                FieldPanel("duration_minutes"),
                FieldRowPanel([FieldPanel("allows_station"), FieldPanel("allows_home_visit")]),
                FieldPanel("priority_note"),
            ],
            heading=_("How the service is given"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("eligibility"),
    ]

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service offering page")

    @property
    def allowed_modes(self):
        modes = []
        if self.allows_station:
            modes.append(Mode.STATION)
        if self.allows_home_visit:
            modes.append(Mode.HOME_VISIT)
        return modes

    @cached_property
    def source(self):
        """The default-language page that stations and appointments point to."""
        if self.locale_id == Locale.get_default().pk:
            return self
        return self.get_translation(Locale.get_default())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stations"] = localized_stations(
            self.source.stations.active().select_related("compound"), self.locale_id
        )
        context["mode_labels"] = [Mode(m).label for m in self.allowed_modes]
        return context


def localized_offerings(queryset, locale=None):
    """The given default-language offerings, each replaced by its live translation in `locale`
    (a Locale or its id; the active one by default) if any.

    Two queries whatever the number of offerings: the offerings and their translations.
    """
    offerings = list(queryset)
    locale_id = getattr(locale, "pk", locale) or Locale.get_active().pk
    if not offerings or all(o.locale_id == locale_id for o in offerings):
        return offerings
    translations = {
        page.translation_key: page
        for page in ServiceOfferingPage.objects.live()
        .filter(public_page_q())
        .filter(locale_id=locale_id, translation_key__in=[o.translation_key for o in offerings])
    }
    return [translations.get(o.translation_key, o) for o in offerings]
