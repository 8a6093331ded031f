"""Empty the anonymous page cache whenever what readers can see may have changed."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .keys import bump_generation

# Saves of these models change what pages show (snippets, settings, sites, redirects, media).
# Pages themselves count when published, unpublished, moved or deleted, not on draft saves.
DEFAULT_CONTENT_APPS = ("home", "notices", "rankings", "services", "search")
# Records of the content apps that no cacheable page shows: residents' requests and their
# history, staff access logs, one-time form tokens, slots (shown only on the booking form,
# which is never cached), join applications (their count is on the team page, which has a
# form and so is never cached). Bookings and staff views used to retire every cached page.
# Volunteer sign-ups are not here: a past event's page (no form, cached) shows its counts.
DEFAULT_IGNORED_MODELS = (
    "home.formsubmission",
    "services.appointment",
    "services.appointmentevent",
    "services.personaldataaccess",
    "services.slot",
    "services.volunteerapplication",
)
WAGTAIL_CONTENT_MODELS = (
    "wagtailcore.site",
    "wagtailcore.locale",
    # Making a page private (or public again) changes what anonymous readers may see.
    "wagtailcore.pageviewrestriction",
    "wagtailredirects.redirect",
    "wagtailimages.image",
    "wagtaildocs.document",
)


def invalidate(**kwargs):
    bump_generation()


def _is_content_model(sender):
    label = sender._meta.label_lower
    if label in WAGTAIL_CONTENT_MODELS:
        return True
    if label in getattr(settings, "HEMEI_PAGE_CACHE_IGNORED_MODELS", DEFAULT_IGNORED_MODELS):
        return False
    apps = getattr(settings, "HEMEI_PAGE_CACHE_CONTENT_APPS", DEFAULT_CONTENT_APPS)
    return sender._meta.app_label in apps and not issubclass(sender, Page)


def on_model_change(sender, created=False, **kwargs):
    if created and issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        return  # settings are created with their defaults on first read: nothing changed
    if _is_content_model(sender):
        bump_generation()


def on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        bump_generation()


def connect():
    page_published.connect(invalidate, dispatch_uid="hemei_cache_published")
    page_unpublished.connect(invalidate, dispatch_uid="hemei_cache_unpublished")
    post_page_move.connect(invalidate, dispatch_uid="hemei_cache_moved")
    post_save.connect(on_model_change, dispatch_uid="hemei_cache_saved")
    post_delete.connect(on_model_change, dispatch_uid="hemei_cache_deleted")
    post_delete.connect(on_page_delete, dispatch_uid="hemei_cache_page_deleted")
