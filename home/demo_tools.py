"""Idempotent building blocks for demo loaders: every call finds before it creates."""

from wagtail.models import Locale, Page


def default_locale():
    return Locale.get_default()


def english():
    return Locale.objects.get_or_create(language_code="en")[0]


def ensure_page(parent, model, slug, **fields):
    """Return the live child of `parent` with `slug`, creating and publishing it if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = model(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_translation(page, locale, **fields):
    """Return the live translation of `page` in `locale`, creating it with `fields` if missing."""
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
    translated = translated.specific
    if not translated.live:
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save_revision().publish()
    return translated


def ensure_snippet(model, lookup, **fields):
    """Get-or-create a translatable snippet in the default locale by `lookup` fields."""
    obj, _ = model.objects.get_or_create(locale=default_locale(), **lookup, defaults=fields)
    return obj


def ensure_snippet_translation(obj, locale, **fields):
    """The translation of a snippet in `locale`, creating it with `fields` if missing."""
    translated = obj.get_translation_or_none(locale)
    if translated is None:
        translated = obj.copy_for_translation(locale)
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save()
    return translated


def site_root():
    """The default site's home page (in the default locale)."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific


def page_count():
    return Page.objects.count()
