from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page


class HomePage(Page):
    """The community's front page: the latest of everything, one glance deep."""

    community = models.ForeignKey(
        "home.Community",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    notices_count = models.PositiveSmallIntegerField(
        _("notices shown"), default=5, help_text=_("How many of the latest notices to list.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("community"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("notices_count")], heading=_("Latest notices")),
        InlinePanel("quick_links", heading=_("Service quick links"), label=_("quick link")),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def latest_notices(self):
        """Live, unexpired notices of this home page's locale: pinned first, then newest."""
        from notices.models import NoticePage

        notices = (
            NoticePage.objects.live()
            .public()
            .descendant_of(self)
            .filter(locale_id=self.locale_id)
            .current()
            .newest_first()
            .select_related("locale")
        )
        return list(notices[: self.notices_count])

    def current_work_letter(self):
        """This month's work reminder letter to the property firms (or the latest one)."""
        from notices.models import WorkLetterPage

        return WorkLetterPage.current_for(self)

    def ranking_summary(self):
        """This month's commended and replacement-advised firms, if a month is published."""
        from rankings.results import latest_summary

        return latest_summary(self)

    upcoming_events_count = 4

    def upcoming_events(self):
        """The next live volunteer events of this home page's locale, soonest first."""
        from django.utils import timezone

        from services.models import VolunteerEventPage

        return list(
            VolunteerEventPage.objects.live()
            .descendant_of(self)
            .filter(locale_id=self.locale_id, ends_at__gte=timezone.now())
            .select_related("compound")
            .order_by("starts_at", "pk")[: self.upcoming_events_count]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_notices"] = self.latest_notices()
        context["work_letter"] = self.current_work_letter()
        context["ranking_summary"] = self.ranking_summary()
        context["upcoming_events"] = self.upcoming_events()
        context["quick_links"] = self.quick_links.select_related("link_page")
        return context


class HomeQuickLink(Orderable):
    """A large button on the home page leading straight to a service."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="quick_links")
    title = models.CharField(_("title"), max_length=40)
    description = models.CharField(_("description"), max_length=120, blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.CharField(
        _("or address"), max_length=200, blank=True, help_text=_("Used when no page is chosen.")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("link_page"),
        FieldPanel("link_url"),
    ]

    def __str__(self):
        return self.title

    @property
    def url(self):
        if self.link_page_id:
            return self.link_page.url
        return self.link_url or "#"
