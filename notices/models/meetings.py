"""Joint meetings (联席会议) of the party branch and both associations, and their follow-ups."""

import functools

from django.db import models
from django.db.models import Case, Count, F, Q, Value, When
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.communities import in_community
from home.generation import RECORDS_FRAGMENT_TIMEOUT, derived, fragment_version
from home.overdue import days_overdue
from home.overdue import today as overdue_today
from home.pagination import page_number, paginate
from home.slugs import AsciiSlugMixin
from home.visibility import public_page_q

from ..admin_forms import LocalCompoundsPageForm
from ..blocks import AgendaBlock, DecisionsBlock
from ..compounds import compounds_by_key, localized
from ..follow_up_origins import attach_origins


class AttendeeRole(models.TextChoices):
    PARTY_BRANCH = "party_branch", _("Compound-governance party branch")
    COMMITTEE_ASSOCIATION = "committee_association", _("Owners' committee association")
    FIRM_ASSOCIATION = "firm_association", _("Property-company association")
    OWNERS_COMMITTEE = "owners_committee", _("Owners' committee")
    PROPERTY_FIRM = "property_firm", _("Property firm")
    RESIDENTS = "residents", _("Residents' representatives")
    PARTY_MEMBERS = "party_members", _("Party-member representatives")
    DEPARTMENT = "department", _("Government department")
    OTHER = "other", _("Other")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")


class FollowUpItemQuerySet(models.QuerySet):
    def of_live_meetings_under(self, page):
        """Follow-ups of live, public meetings below `page`, in `page`'s locale."""
        meetings = in_community(JointMeetingPage.objects.live().filter(public_page_q()), page)
        return self.filter(page__in=meetings.values("pk"))

    def for_compound(self, compound):
        return self.filter(compound__translation_key=compound.translation_key)

    def unresolved(self):
        return self.exclude(status=FollowUpStatus.RESOLVED)

    def status_counts(self):
        """{status: count} for every status (zeros included) in one query."""
        return self.tracker_counts()[0]

    def overdue(self, on=None):
        """Unresolved and past the due date (due today is not overdue: home/overdue.py)."""
        return self.unresolved().filter(due_date__lt=on or overdue_today())

    def tracker_counts(self, on=None):
        """([(status, count)], overdue count) in one query."""
        late = Q(due_date__lt=on or overdue_today()) & ~Q(status=FollowUpStatus.RESOLVED)
        totals = self.aggregate(
            overdue=Count("pk", filter=late),
            **{status: Count("pk", filter=Q(status=status)) for status in FollowUpStatus.values},
        )
        counts = [(FollowUpStatus(status), totals[status] or 0) for status in FollowUpStatus.values]
        return counts, totals["overdue"] or 0

    def for_listing(self):
        """Open items first, then in progress, then resolved; soonest due first within each."""
        rank = Case(
            *[When(status=status, then=Value(n)) for n, status in enumerate(FollowUpStatus.values)],
            default=Value(99),
        )
        return (
            self.select_related("page", "compound")
            .annotate(status_rank=rank)
            .order_by(
                "status_rank", F("due_date").asc(nulls_last=True), "-page__meeting_date", "pk"
            )
        )


# Deeper pages of the tracker are rendered per request: a made-up page number must not add a
# kept copy of the last page.
MAX_KEPT_TRACKER_PAGE = 20


class JointMeetingIndexPage(AsciiSlugMixin, RoutablePageMixin, Page):
    """Meeting records, newest first, and the public tracker of their follow-up items."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["notices.JointMeetingPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("joint meeting index")

    def meetings(self):
        return (
            JointMeetingPage.objects.live()
            .filter(public_page_q())
            .child_of(self)
            .order_by("-meeting_date", "-pk")
        )

    def tracker_url(self):
        return self.url + self.reverse_subpage("follow_ups")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        match = getattr(request, "routable_resolver_match", None)
        if match is not None and match.url_name == "follow_ups":
            return context  # the tracker does not list the meetings
        meetings = (
            self.meetings()
            .select_related("locale")
            .annotate(
                follow_up_total=Count("follow_ups", distinct=True),
                follow_up_open=Count(
                    "follow_ups",
                    filter=~Q(follow_ups__status=FollowUpStatus.RESOLVED),
                    distinct=True,
                ),
            )
        )
        context["meetings"] = paginate(request, meetings, 10)
        context["tracker_url"] = self.tracker_url()
        return context

    @path("follow-ups/", name="follow_ups")
    def follow_ups(self, request):
        """The tracker. The compounds (for the filter) are kept per content generation; the
        counts and the listing are lazy: the body is kept rendered per filter and page
        (follow_up_tracker.html) under `fragment_version` with the record generations (an
        item's origin may be a resident's report), so a request that finds it builds neither.
        """
        from ..forms import FollowUpFilterForm

        mapping = derived(
            f"follow-ups:compounds:{self.locale_id}",
            lambda: compounds_by_key(self.locale_id),
            request,
        )
        compounds = sorted(mapping.values(), key=lambda c: c.name)
        form = FollowUpFilterForm(
            request.GET or None,
            statuses=[*FollowUpStatus.choices, ("overdue", _("Overdue items"))],
            compounds=compounds,
        )
        filters = form.valid_filters()

        @functools.cache
        def listing():
            items = FollowUpItem.objects.of_live_meetings_under(self)
            counts, overdue_count = items.tracker_counts()
            if filters["status"] == "overdue":
                items = items.overdue()
            elif filters["status"]:
                items = items.filter(status=filters["status"])
            if filters["compound"]:
                compound = next((c for c in compounds if c.slug == filters["compound"]), None)
                items = items.for_compound(compound) if compound else items.none()
            page_obj = paginate(request, items.for_listing(), 25)
            for item in attach_origins(page_obj.object_list):
                item.local_compound = localized(item.compound, mapping)
            return counts, overdue_count, page_obj

        query = request.GET.copy()
        query.pop("page", None)
        # Kept only for the addresses the page's own links and form make; anything else (a
        # bad value, another parameter) is rendered as it comes.
        number = page_number(request.GET.get("page"))
        version = None
        if (
            not form.errors
            and set(request.GET) <= {"status", "compound", "page"}
            and number <= MAX_KEPT_TRACKER_PAGE
        ):
            version = fragment_version(request, records=True)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "filters": filters,
                "counts": SimpleLazyObject(lambda: listing()[0]),
                "overdue_count": SimpleLazyObject(lambda: listing()[1]),
                "total": SimpleLazyObject(lambda: sum(count for _status, count in listing()[0])),
                "items": SimpleLazyObject(lambda: listing()[2]),
                "filter_query": query.urlencode(),
                "fragment_version": version,
                "fragment_timeout": RECORDS_FRAGMENT_TIMEOUT,
                "page_number": number,
            },
            template="notices/follow_up_tracker.html",
        )


class JointMeetingPage(AsciiSlugMixin, Page):
    """The record of one monthly joint meeting."""

    meeting_date = models.DateField(_("meeting date"))
    location = models.CharField(_("location"), max_length=150, blank=True)
    chaired_by = models.CharField(
        _("chaired by"),
        max_length=150,
        default="小区治理党支部",
        help_text=_("The organisation that chaired the meeting; no personal names."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=400,
        help_text=_("A few sentences for the list of meetings."),
    )
    agenda = StreamField(AgendaBlock(), verbose_name=_("agenda"), blank=True)
    decisions = StreamField(DecisionsBlock(), verbose_name=_("decisions"), blank=True)

    base_form_class = LocalCompoundsPageForm

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("meeting_date"), FieldPanel("location")]),
        FieldPanel("chaired_by"),
        FieldPanel("summary"),
        InlinePanel("attendees", heading=_("Attendees by role"), label=_("attendee group")),
    ]
    record_panels = [FieldPanel("agenda"), FieldPanel("decisions")]
    follow_up_panels = [
        InlinePanel("follow_ups", heading=_("Follow-up items"), label=_("follow-up item")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Meeting")),
            ObjectList(record_panels, heading=_("Agenda and decisions")),
            ObjectList(follow_up_panels, heading=_("Follow-up")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("agenda"),
        index.SearchField("decisions"),
        index.FilterField("meeting_date"),
        index.SearchField("search_month_text"),
    ]

    parent_page_types = ["notices.JointMeetingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")

    def search_month_text(self):
        """The month as the site writes it in this page's language (2026年10月), so that a
        query naming the month finds the page whatever its title says."""
        from search.query import month_words

        if not self.meeting_date:
            return ""
        return month_words(self.meeting_date, self.locale.language_code)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        mapping = compounds_by_key(self.locale)
        # Through the cluster relation, so that a preview shows the unsaved follow-ups.
        follow_ups = sorted(self.follow_ups.select_related("compound"), key=FollowUpItem.sort_key)
        for item in attach_origins(follow_ups):
            item.local_compound = localized(item.compound, mapping)
        context["attendees"] = list(self.attendees.all())
        context["attendee_total"] = sum(a.count or 0 for a in context["attendees"])
        context["follow_ups"] = follow_ups
        return context


class MeetingAttendee(Orderable):
    page = ParentalKey(JointMeetingPage, on_delete=models.CASCADE, related_name="attendees")
    role = models.CharField(_("role"), max_length=30, choices=AttendeeRole.choices)
    organisation = models.CharField(
        _("organisation"),
        max_length=150,
        blank=True,
        help_text=_("For example the firm or compound represented; no personal names."),
    )
    count = models.PositiveSmallIntegerField(_("number of people"), default=1)

    panels = [FieldRowPanel([FieldPanel("role"), FieldPanel("count")]), FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("attendee group")
        verbose_name_plural = _("attendee groups")

    def __str__(self):
        return f"{self.get_role_display()} {self.organisation}".strip()


class FollowUpItem(index.Indexed, Orderable):
    """Something a joint meeting decided must be done; search finds each item on its own."""

    page = ParentalKey(JointMeetingPage, on_delete=models.CASCADE, related_name="follow_ups")
    description = models.TextField(_("description"))
    compound = models.ForeignKey(
        "home.Compound",
        verbose_name=_("compound"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_up_items",
        help_text=_("Leave empty if the item concerns the whole community."),
    )
    responsible_organisation = models.CharField(
        _("responsible organisation"), max_length=150, help_text=_("Who must carry it out.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    resolved_on = models.DateField(
        _("resolved on"),
        null=True,
        blank=True,
        help_text=_("Filled in with today's date when the status is set to resolved."),
    )
    progress_note = models.TextField(
        _("progress note"),
        blank=True,
        help_text=_("What has been done so far, or how it was resolved."),
    )

    objects = FollowUpItemQuerySet.as_manager()

    panels = [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("compound"), FieldPanel("responsible_organisation")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("due_date"), FieldPanel("resolved_on")]),
        FieldPanel("progress_note"),
    ]
    search_fields = [
        index.SearchField("description", boost=2),
        index.SearchField("progress_note"),
        index.SearchField("responsible_organisation"),
        index.RelatedFields("compound", [index.SearchField("name")]),
        index.FilterField("page_id"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("follow-up item")
        verbose_name_plural = _("follow-up items")

    def __str__(self):
        return self.description[:50]

    def save(self, *args, **kwargs):
        if self.status == FollowUpStatus.RESOLVED and self.resolved_on is None:
            self.resolved_on = timezone.localdate()
        elif self.status != FollowUpStatus.RESOLVED:
            self.resolved_on = None
        super().save(*args, **kwargs)

    @property
    def days_overdue(self):
        """逾期 N 天 (home/overdue.py); a resolved item of unknown closing date is not judged."""
        if self.status == FollowUpStatus.RESOLVED and self.resolved_on is None:
            return 0
        return days_overdue(self.due_date, closed_on=self.resolved_on)

    # A search hit shows an item as a part of its meeting's page, as it shows an article as
    # a part of its regulation: "<meeting title> · 跟进事项", headed by the item.
    anchor = "follow-up-heading"
    HEADING_CHARS = 60

    @property
    def label(self):
        return _("Follow-up item")

    @property
    def heading(self):
        first_line = self.description.strip().splitlines()[0] if self.description.strip() else ""
        if len(first_line) > self.HEADING_CHARS:
            return first_line[: self.HEADING_CHARS - 1] + "…"
        return first_line

    def get_url(self, request=None):
        return f"{self.page.get_url(request)}#{self.anchor}"

    @classmethod
    def search_queryset(cls, locale):
        """Items of live, public meetings (in `locale` when given)."""
        meetings = JointMeetingPage.objects.live().filter(public_page_q())
        if locale is not None:
            meetings = meetings.filter(locale=locale)
        return cls.objects.filter(page__in=meetings.values("pk")).select_related("page", "compound")

    def search_snippet_text(self):
        return " ".join(
            text
            for text in (self.description, self.responsible_organisation, self.progress_note)
            if text
        )

    def sort_key(self):
        """Open first, then in progress, then resolved; soonest due first within each."""
        rank = (
            FollowUpStatus.values.index(self.status) if self.status in FollowUpStatus.values else 99
        )
        return (rank, self.due_date is None, self.due_date or 0, self.sort_order or 0)

    @property
    def status_label_class(self):
        return {
            FollowUpStatus.OPEN: "label-danger",
            FollowUpStatus.IN_PROGRESS: "label-warn",
            FollowUpStatus.RESOLVED: "label-ok",
        }.get(self.status, "")
