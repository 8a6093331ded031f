"""The public compound directory (小区): one list, and one page per compound served by route."""

from django.db.models import Q
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index

from home.communities import (
    SITE_ROOT,
    community_page_q,
    community_rows_q,
    homeless_q,
    in_community,
    public_section_communities,
)
from home.generation import RECORDS_FRAGMENT_TIMEOUT, derived, fragment_version
from home.models import Compound
from home.models.directory import firm_duties
from home.slugs import AsciiSlugMixin
from home.visibility import public_page_q

from .meetings import FollowUpItem, JointMeetingIndexPage
from .notices import NoticeIndexPage, NoticePage, with_localized_targets

COMMUNITY_NOTICES_SHOWN = 5


class CompoundIndexPage(AsciiSlugMixin, RoutablePageMixin, Page):
    """Every compound of the community, each with a page of what concerns it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("search_duties_text"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("compound directory")

    def search_duties_text(self):
        """What residents turn to a compound's firm for (电梯坏了找谁 finds this directory)."""
        return firm_duties(self.locale.language_code)

    def compounds(self):
        return (
            Compound.objects.filter(locale_id=self.locale_id)
            .filter(community_rows_q(self))
            .select_related("property_firm", "owners_committee")
        )

    def url_for_compound(self, compound, request=None):
        return self.get_url(request) + self.reverse_subpage(
            "compound", kwargs={"slug": compound.slug}
        )

    def directory_url(self, compound, request=None):
        """A compound's public URL (see home/directory_pages.py): in the directory of its
        own community, which this one (the first published) may not be."""
        index = compound_directory(compound, request)
        if index is None and self.serves_community_of(compound, request):
            index = self  # a one-community site: its directory names no community
        return index.url_for_compound(compound, request) if index is not None else None

    def serves_community_of(self, compound, request=None):
        """Whether this directory lists `compound`'s community (kept per request: which rows
        it lists depends on the community alone)."""
        memo = getattr(request, _SERVED_MEMO, None) if request is not None else None
        if memo is None:
            memo = {}
            if request is not None:
                setattr(request, _SERVED_MEMO, memo)
        key = (self.pk, compound.community_id)
        if key not in memo:
            memo[key] = self.compounds().filter(pk=compound.pk).exists()
        return memo[key]

    def served_rows(self, compounds):
        """Compounds of the communities whose directory (in this language) is public."""
        keys = public_section_communities(CompoundIndexPage, self.locale_id)
        if keys is None:
            return compounds
        served = Q(community__translation_key__in=keys - {SITE_ROOT})
        if SITE_ROOT in keys:
            served |= homeless_q()
        return compounds.filter(served)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        match = getattr(request, "routable_resolver_match", None)
        if match is not None and match.url_name == "compound":
            return context  # a compound's own page does not list the others
        compounds = list(self.compounds())
        base_url = self.get_url(request)
        for compound in compounds:
            compound.directory_url = base_url + self.reverse_subpage(
                "compound", kwargs={"slug": compound.slug}
            )
        context["compounds"] = compounds
        return context

    @path("<slug:slug>/", name="compound")
    def compound_view(self, request, slug):
        compound = self.compounds().filter(slug=slug).first()
        if compound is None:
            raise Http404(_("There is no compound at this address."))
        return self.render(
            request,
            context_overrides=self.compound_context(request, compound),
            template="notices/compound_page.html",
        )

    def compound_context(self, request, compound):
        """The compound page's context. Its listings and the other apps' panels are lazy: the
        page body is kept rendered (compound_page.html, `fragment_version` with the record
        generations, since the residents' reports panel is built from records), so a request
        that finds it kept builds none of them."""
        # The home page is this page's parent: its path and depth, all the filters need, spare
        # loading it.
        home_path = self.path[: -self.steplen]
        home = Page(path=home_path, depth=self.depth - 1)
        meeting_index, notice_index = derived(
            f"compound-page:indexes:{self.pk}", lambda: self.sibling_indexes(home_path), request
        )

        def notices():
            return (
                in_community(NoticePage.objects.live().filter(public_page_q()), home)
                .filter(locale_id=self.locale_id)
                .current()
            )

        def follow_ups():
            if not meeting_index:
                return []
            return list(
                FollowUpItem.objects.of_live_meetings_under(meeting_index)
                .for_compound(compound)
                .unresolved()
                .for_listing()
            )

        def committee():
            try:
                return compound.owners_committee
            except Compound.owners_committee.RelatedObjectDoesNotExist:
                return None

        return {
            "related_panels": SimpleLazyObject(lambda: related_panels(self, compound, request)),
            "compound": compound,
            "firm": compound.property_firm,
            "committee": committee(),
            "targeted_notices": SimpleLazyObject(
                lambda: with_localized_targets(
                    notices().for_compound(compound).newest_first().for_listing(),
                    self.locale_id,
                )
            ),
            "community_notices": SimpleLazyObject(
                lambda: list(
                    notices()
                    .community_wide()
                    .newest_first()
                    .select_related("locale")[:COMMUNITY_NOTICES_SHOWN]
                )
            ),
            "follow_ups": SimpleLazyObject(follow_ups),
            "meeting_index": meeting_index,
            "notice_index": notice_index,
            "tracker_url": (
                meeting_index.tracker_url() + f"?compound={compound.slug}"
                if meeting_index
                else None
            ),
            "notices_for_compound_url": (
                notice_index.url + f"?compound={compound.slug}&show=all" if notice_index else None
            ),
            "fragment_version": fragment_version(request, records=True),
            "fragment_timeout": RECORDS_FRAGMENT_TIMEOUT,
        }

    def sibling_indexes(self, home_path):
        """The joint meetings and notices indexes next to this page (kept per generation)."""
        siblings = Q(path__startswith=home_path, depth=self.depth)
        return (
            JointMeetingIndexPage.objects.live().filter(public_page_q()).filter(siblings).first(),
            NoticeIndexPage.objects.live().filter(public_page_q()).filter(siblings).first(),
        )


def related_panels(index, compound, request):
    """Panels other apps add to a compound's page (its firm's rank, its station, events).

    Apps register a `compound_page_panels` hook: a function of (index page, compound in the
    default language, request) returning None or a dict with a `template` and its context.
    """
    default = Locale.get_default()
    source = compound
    if compound.locale_id != default.pk:
        source = compound.get_translation_or_none(default) or compound
    panels = []
    for hook in hooks.get_hooks("compound_page_panels"):
        panel = hook(index, source, request)
        if panel:
            panels.append(panel)
    return panels


# Where a request keeps each community's directory: a results page links many compounds.
_DIRECTORY_MEMO = "_compound_directories"
_SERVED_MEMO = "_compound_directory_serves"


def compound_directory(compound, request=None):
    """The live, public compound directory of `compound`'s community in its locale, or None."""
    memo = getattr(request, _DIRECTORY_MEMO, None) if request is not None else None
    if memo is None:
        memo = {}
        if request is not None:
            setattr(request, _DIRECTORY_MEMO, memo)
    key = (compound.community_id, compound.locale_id)
    if key not in memo:
        memo[key] = (
            CompoundIndexPage.objects.live()
            .filter(public_page_q(), community_page_q(compound.community))
            .filter(locale_id=compound.locale_id)
            .first()
        )
    return memo[key]


def compound_url(compound, request=None):
    """The public page of `compound`, in its own locale; None when no directory is published."""
    index = compound_directory(compound, request) or (
        CompoundIndexPage.objects.live()
        .filter(public_page_q())
        .filter(locale_id=compound.locale_id)
        .first()
    )
    return index.url_for_compound(compound, request) if index else None


def compound_index_page(model, locale_id):
    """The `directory_index_page` hook: compounds are served by the compound directory."""
    if model is not Compound:
        return None
    return (
        CompoundIndexPage.objects.live().filter(public_page_q()).filter(locale_id=locale_id).first()
    )
