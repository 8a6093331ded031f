from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from home.communities import ROOT_HOME_DEPTH
from home.generation import RECORDS_FRAGMENT_TIMEOUT, fragment_version
from home.panels import home_page_panels
from home.slugs import AsciiSlugMixin


class HomePage(AsciiSlugMixin, Page):
    """The community's front page: the latest of everything, one glance deep.

    Its panels (latest notices, the ranking, volunteer events...) come from the apps that own
    them through the `home_page_panels` hook (home/panels.py); `notices_count` is the notices
    app's setting, kept here so that editors find it on the page.
    """

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

    # The site root's home is the default community's; other communities' homes are its
    # children, at /<community-slug>/ (home/communities.py).
    parent_page_types = ["wagtailcore.Page", "home.HomePage"]

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def can_create_at(cls, parent):
        if not super().can_create_at(parent):
            return False
        if parent.depth < ROOT_HOME_DEPTH:
            # One site root per tree: the default community's home.
            return not parent.get_children().type(cls).exists()
        # Community homes sit directly under the site root's home and do not nest further.
        return parent.depth == ROOT_HOME_DEPTH and isinstance(parent.specific, cls)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The panels are kept rendered (home_page.html) under the content and record
        # generations, the day, the site and the language; only built when not kept.
        context["home_panels"] = SimpleLazyObject(lambda: home_page_panels(self, request))
        context["panels_version"] = fragment_version(request, records=True)
        context["panels_timeout"] = RECORDS_FRAGMENT_TIMEOUT
        quick_links = list(self.quick_links.select_related("link_page"))
        context["quick_links"] = quick_links
        if not quick_links:
            # Rather than promise services "soon", point at the page listing them (a feature
            # page that declares `lists_services`), when the site has one in this language.
            context["services_page"] = next(
                (
                    p
                    for p in self.get_children().live().specific()
                    if getattr(p, "lists_services", False)
                ),
                None,
            )
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
