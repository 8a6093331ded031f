"""Notices (通知公告): an index with filters and feeds, and the notice pages under it."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.generation import derived
from home.pagination import paginate
from home.slugs import AsciiSlugMixin
from home.visibility import public_page_q

from ..admin_forms import LocalCompoundsPageForm
from ..blocks import NoticeBodyBlock
from ..compounds import compounds_by_key, localized


class NoticeCategory(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("Announcement")
    OUTAGE = "outage", _("Water or power outage")
    HEALTH = "health", _("Health")
    ELECTION = "election", _("Election")
    TRAINING = "training", _("Training")
    SAFETY = "safety", _("Safety")
    PARKING = "parking", _("Parking and traffic")
    OTHER = "other", _("Other")


class NoticePageQuerySet(PageQuerySet):
    def current(self, on=None):
        """Notices still valid on `on` (today): no end date, or an end date not yet passed."""
        on = on or timezone.localdate()
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))

    def expired(self, on=None):
        on = on or timezone.localdate()
        return self.filter(valid_until__lt=on)

    def for_compound(self, compound):
        """Notices addressed to `compound`, whichever locale's copy of it they point at."""
        return self.filter(target_compounds__translation_key=compound.translation_key)

    def community_wide(self):
        return self.filter(target_compounds__isnull=True)

    def applying_to(self, compound):
        """Notices a resident of `compound` must read: those addressed to it and those to all.

        Subqueries rather than a join, so a notice addressed to several compounds is listed once.
        """
        targeted = self.model.objects.filter(
            target_compounds__translation_key=compound.translation_key
        ).values("pk")
        addressed = self.model.objects.filter(target_compounds__isnull=False).values("pk")
        return self.filter(Q(pk__in=targeted) | ~Q(pk__in=addressed))

    def newest_first(self):
        """Pinned notices first, then the newest."""
        return self.order_by("-pinned", "-publish_date", "-first_published_at", "-pk")

    def for_listing(self):
        return self.select_related("locale").prefetch_related("target_compounds")


NoticePageManager = PageManager.from_queryset(NoticePageQuerySet)


def with_localized_targets(notices, locale, mapping=None):
    """Attach `targets` (compounds named in `locale`, a Locale or its id) to each notice.

    Without a mapping, only the targets kept in another locale are looked up (one query, none
    when every target is already in `locale`).
    """
    notices = list(notices)
    locale_id = getattr(locale, "pk", locale)
    if notices and mapping is None:
        foreign = {
            compound.translation_key
            for notice in notices
            for compound in notice.target_compounds.all()
            if compound.locale_id != locale_id
        }
        mapping = compounds_by_key(locale_id, foreign) if foreign else {}
    for notice in notices:
        notice.targets = [
            compound if compound.locale_id == locale_id else localized(compound, mapping)
            for compound in notice.target_compounds.all()
        ]
    return notices


MAX_PER_PAGE = 100


class NoticeIndexPage(AsciiSlugMixin, RoutablePageMixin, Page):
    """All notices of one locale: filters, pages of results, RSS and Atom feeds."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    per_page = models.PositiveSmallIntegerField(
        _("notices per page"),
        default=10,
        help_text=_("How many notices one page of the list shows."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["notices.NoticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("notice index")

    def clean(self):
        super().clean()
        # Checked here rather than by field validators, so the schema migration stays as merged.
        if not 1 <= (self.per_page or 0) <= MAX_PER_PAGE:
            raise ValidationError(
                {
                    "per_page": ValidationError(
                        _("Show between 1 and %(max)s notices per page."),
                        code="per_page_range",
                        params={"max": MAX_PER_PAGE},
                    )
                }
            )

    def notices(self):
        """Live notices under this index, pinned first then newest."""
        return NoticePage.objects.live().filter(public_page_q()).child_of(self).newest_first()

    def filter_form(self, request, compounds):
        from ..forms import NoticeFilterForm

        return NoticeFilterForm(
            request.GET or None, categories=NoticeCategory.choices, compounds=compounds
        )

    def filtered_notices(self, filters, compounds=()):
        """Notices matching already validated `filters`; `compounds` are this locale's."""
        notices = self.notices()
        show = filters["show"]
        if show == "current":
            notices = notices.current()
        elif show == "expired":
            notices = notices.expired()
        if filters["category"]:
            notices = notices.filter(category=filters["category"])
        if filters["compound"]:
            compound = next((c for c in compounds if c.slug == filters["compound"]), None)
            notices = notices.applying_to(compound) if compound else notices.none()
        if filters["month"]:
            notices = notices.filter(
                publish_date__year=filters["month"].year, publish_date__month=filters["month"].month
            )
        return notices.for_listing()

    def feed_urls(self):
        return {
            "rss": self.url + self.reverse_subpage("rss_feed"),
            "atom": self.url + self.reverse_subpage("atom_feed"),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The filter offers these; compounds are content, so kept per generation.
        mapping = derived(
            f"notices:index-compounds:{self.pk}",
            lambda: compounds_by_key(self.locale_id, within=self),
            request,
        )
        compounds = sorted(mapping.values(), key=lambda c: c.name)
        form = self.filter_form(request, compounds)
        filters = form.valid_filters()
        per_page = min(max(self.per_page or 1, 1), MAX_PER_PAGE)
        page_obj = paginate(request, self.filtered_notices(filters, compounds), per_page)
        page_obj.object_list = with_localized_targets(page_obj.object_list, self.locale, mapping)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            filters=filters,
            filtered_compound=next((c for c in compounds if c.slug == filters["compound"]), None),
            notices=page_obj,
            filter_query=query.urlencode(),
            feed_urls=self.feed_urls(),
        )
        return context

    @path("rss/", name="rss_feed")
    def rss_feed(self, request):
        from ..feeds import NoticeRssFeed

        return NoticeRssFeed(self)(request)

    @path("atom/", name="atom_feed")
    def atom_feed(self, request):
        from ..feeds import NoticeAtomFeed

        return NoticeAtomFeed(self)(request)


class NoticePage(AsciiSlugMixin, Page):
    """One notice. `valid_until` only hides it from current lists; it stays live and searchable."""

    category = models.CharField(
        _("category"),
        max_length=20,
        choices=NoticeCategory.choices,
        default=NoticeCategory.ANNOUNCEMENT,
    )
    publish_date = models.DateField(
        _("publish date"),
        default=timezone.localdate,
        help_text=_("The date printed on the notice; lists are sorted by it."),
    )
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_(
            "Last day the notice applies. Afterwards it leaves the home page and the current "
            "list, but stays on the site and in search. Leave empty if it does not expire."
        ),
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Pinned notices are listed before all others.")
    )
    target_compounds = ParentalManyToManyField(
        "home.Compound",
        verbose_name=_("target compounds"),
        blank=True,
        related_name="notices",
        help_text=_("Leave empty for a notice to the whole community."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=300,
        help_text=_("One or two sentences for lists, the home page and the feeds."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(NoticeBodyBlock(), verbose_name=_("body"), blank=True)

    objects = NoticePageManager()
    base_form_class = LocalCompoundsPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("cover_image"),
        InlinePanel("attachments", heading=_("Attachments"), label=_("attachment")),
    ]
    notice_panels = [
        FieldRowPanel([FieldPanel("category"), FieldPanel("pinned")]),
        FieldRowPanel([FieldPanel("publish_date"), FieldPanel("valid_until")]),
        MultiFieldPanel(
            [FieldPanel("target_compounds", widget=forms.CheckboxSelectMultiple)],
            heading=_("Who the notice is for"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(notice_panels, heading=_("Category and dates")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("publish_date"),
        index.FilterField("valid_until"),
        index.FilterField("pinned"),
    ]

    parent_page_types = ["notices.NoticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def expired_on(self, on):
        return self.valid_until is not None and self.valid_until < on

    @property
    def is_expired(self):
        """Past its `valid_until` today. (Page.expired is Wagtail's own unpublishing flag.)"""
        return self.expired_on(timezone.localdate())

    def get_template(self, request, *args, **kwargs):
        # `?print=1` gives the same notice without the site's header, menus and footer.
        if request.GET.get("print") == "1":
            return "notices/notice_page_print.html"
        return super().get_template(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = list(self.attachments.select_related("document"))
        context["targets"] = with_localized_targets([self], self.locale)[0].targets
        return context


class NoticeAttachment(Orderable):
    page = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("link text"),
        max_length=150,
        blank=True,
        help_text=_("Leave empty to use the document's title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or self.document.title
