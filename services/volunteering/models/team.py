"""The volunteer team's own page: what it does, who may join, the join form, live totals."""

from django.db import models
from django.db.models import Count, Sum
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home import idempotency
from home.slugs import AsciiSlugMixin
from home.visibility import public_page_q

# The module, not its names: `forms` imports the application model, so either may load first.
from .. import forms
from .applications import VolunteerApplication
from .events import VolunteerEventIndexPage
from .reports import VolunteerEventReport

UPCOMING_ON_TEAM_PAGE = 3
JOIN_SCOPE = "volunteer-join"


class VolunteerTeamPage(AsciiSlugMixin, RoutablePageMixin, Page):
    """The team's own page: what it does, who may join, the join form and live totals."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    activities = RichTextField(
        _("what the team does"), blank=True, features=["bold", "italic", "link", "ul", "h3"]
    )
    joining = RichTextField(
        _("who can join"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Serving officials, retirees, students, party members: anyone may join."),
    )
    join_intro = models.CharField(_("text above the join form"), max_length=255, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("activities"),
        FieldPanel("joining"),
        FieldPanel("join_intro"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("activities"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["services.VolunteerEventIndexPage"]
    max_count_per_parent = 1
    template = "services/volunteering/team_page.html"

    class Meta:
        verbose_name = _("volunteer team page")

    @path("")
    def team(self, request):
        form = forms.VolunteerApplicationForm(locale=self.locale)
        if request.method == "POST":
            thanks = self.url + self.reverse_subpage("join_thanks")
            if forms.earlier_submission(request, JOIN_SCOPE) is not None:
                return redirect(thanks)
            form = forms.VolunteerApplicationForm(request.POST, locale=self.locale)
            if not forms.refuse_if_limited(form, "volunteer-join", request) and form.is_valid():
                idempotency.submit_once(request, JOIN_SCOPE, form.save)
                return redirect(thanks)
        event_index = self.event_index()
        upcoming = (
            list(event_index.upcoming_events(limit=UPCOMING_ON_TEAM_PAGE)) if event_index else []
        )
        return self.render(
            request,
            context_overrides={
                "form": form,
                "totals": self.totals(),
                "event_index": event_index,
                "upcoming": upcoming,
            },
        )

    @path("join/thanks/", name="join_thanks")
    def join_thanks(self, request):
        return self.render(
            request,
            template="services/volunteering/join_thanks.html",
            context_overrides={"event_index": self.event_index()},
        )

    def event_index(self):
        return VolunteerEventIndexPage.objects.child_of(self).live().filter(public_page_q()).first()

    @staticmethod
    def totals():
        """Team figures computed from records, never typed in: two queries."""
        reports = VolunteerEventReport.objects.aggregate(
            services=Sum("services_delivered"), people=Sum("people_helped"), events=Count("pk")
        )
        return {
            "volunteers": VolunteerApplication.objects.filter(
                status=VolunteerApplication.Status.APPROVED
            ).count(),
            "services": reports["services"] or 0,
            "people_helped": reports["people"] or 0,
            "events_reported": reports["events"],
        }
