"""Short ASCII slugs for pages, so URLs can be read, typed and shared.

Wagtail fills a new page's slug from its title; for a Chinese title that is a Chinese slug,
which browsers and chat apps show percent-encoded (/%E5%81%9C%E6%B0%B4…/). Every page type
of the site mixes in `AsciiSlugMixin`: a slug that is empty, not ASCII, or (on a new page)
just the title run through slugify is replaced by the page's `default_slug()`: pinyin of
the title by default, `YYYY-MM` for a month's page. A slug an editor types in ASCII is kept,
and when a published page's slug changes Wagtail's redirects app (WAGTAILREDIRECTS_AUTO_CREATE)
keeps the old URL working.
"""

import re
from functools import cache

import rjieba
from django.utils.text import slugify
from pypinyin import lazy_pinyin

MAX_LENGTH = 40
FALLBACK = "page"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@cache
def _segmenter():
    # A tokenizer of its own with jieba's stock dictionary: search adds its domain words to the
    # shared one, and a slug must not depend on whether search has loaded (or what it added).
    return rjieba.Jieba()


def pinyin_slug(text, max_length=MAX_LENGTH):
    """`江南社区物业` -> `jiangnan-shequ-wuye`: one part per word, cut at a part boundary."""
    parts = []
    for word in _segmenter().cut(text or "", False):
        # Syllables of one word run together; words are separated by hyphens.
        part = _NOT_SLUG.sub("", "".join(lazy_pinyin(word)).lower())
        if not part:
            continue
        if parts and len("-".join([*parts, part])) > max_length:
            break
        parts.append(part[:max_length])
    return "-".join(parts)


def month_slug(month):
    return f"{month:%Y-%m}" if month else ""


class AsciiSlugMixin:
    """For Page subclasses: see the module docstring. Put it before `Page` in the bases."""

    def default_slug(self):
        return pinyin_slug(self.title) or FALLBACK

    def slug_is_automatic(self):
        """True when the slug was not chosen by an editor, so a better one may replace it."""
        if not self.slug or not self.slug.isascii():
            return True
        if self._state.adding and self.title:
            # The admin copies the title into the slug while the editor types the title.
            return self.slug in {slugify(self.title), slugify(self.title, allow_unicode=True)}
        return False

    def ensure_ascii_slug(self):
        if not self.slug_is_automatic():
            return
        base = self.default_slug()
        if base == self.slug:
            return
        parent = self._known_parent()
        slug, suffix = base, 1
        while parent is not None and not self._slug_is_available(slug, parent, self):
            suffix += 1
            slug = f"{base}-{suffix}"
        self.slug = slug

    def _known_parent(self):
        # As Wagtail's own slug default: siblings are known once the page has a place.
        if self.path or getattr(self, "_cached_parent_obj", None):
            return self.get_parent()
        return None

    def full_clean(self, *args, **kwargs):
        self.ensure_ascii_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        # What Page.save() runs instead of full_clean() for a draft.
        self.ensure_ascii_slug()
        super().minimal_clean()


class MonthSlugMixin(AsciiSlugMixin):
    """A month's page (ranking, work letter) lives at …/YYYY-MM/ (`slug_month_field`)."""

    slug_month_field = "month"

    def default_slug(self):
        return month_slug(getattr(self, self.slug_month_field)) or super().default_slug()

    def slug_is_automatic(self):
        # On a new month page the month decides, whatever the title said.
        if self._state.adding and getattr(self, self.slug_month_field):
            return self.slug != month_slug(getattr(self, self.slug_month_field))
        return super().slug_is_automatic()
