"""Public pages of directory rows: a compound's page, a firm's performance record.

The directory lives in home, but the pages that show a compound or a firm belong to feature
apps (a compound's page to notices, a firm's 履约档案 to rankings), which home must not
import. Such an app registers a `directory_index_page` Wagtail hook: a function of
(model, locale id) returning the live, public page that serves that model's rows in that
language (or None), which has a `directory_url(obj, request=None)` method and may have a
`directory_title(obj)` (the title that page gives the row, e.g. 履约档案：<firm>) and a
`served_rows(queryset)` (the rows some public page serves, when pages serve communities).

A row has a public URL only while such a page exists, so search finds only those rows.
"""

from wagtail import hooks
from wagtail.models import Locale

HOOK = "directory_index_page"
# Where a request keeps the pages it has looked up: a results page links many rows.
_REQUEST_MEMO = "_directory_index_pages"


def index_page(model, locale_id, request=None):
    """The live, public page that serves `model`'s rows in `locale_id`, or None."""
    memo = getattr(request, _REQUEST_MEMO, None) if request is not None else None
    if memo is None:
        memo = {}
        if request is not None:
            setattr(request, _REQUEST_MEMO, memo)
    key = (model, locale_id)
    if key not in memo:
        memo[key] = next(
            (
                page
                for page in (hook(model, locale_id) for hook in hooks.get_hooks(HOOK))
                if page is not None
            ),
            None,
        )
    return memo[key]


class DirectoryPageMixin:
    """Gives a directory model the URL of its public page, and what search may show."""

    def get_url(self, request=None):
        page = index_page(type(self), self.locale_id, request)
        return page.directory_url(self, request) if page is not None else None

    def search_page_title(self):
        """The title of the row's public page, indexed so that it finds the row."""
        page = index_page(type(self), self.locale_id)
        title = getattr(page, "directory_title", None)
        return title(self) if title is not None else ""

    @classmethod
    def search_queryset(cls, locale):
        """Rows that have a public page: those of a language whose serving page is public."""
        locale_ids = [locale.pk] if locale is not None else Locale.objects.values_list("pk")
        rows = cls._default_manager.none()
        for pk in locale_ids:
            page = index_page(cls, pk)
            if page is None:
                continue
            mine = cls._default_manager.filter(locale_id=pk)
            # With several communities, a page may serve only some rows (`served_rows`: those
            # of the communities whose page is public).
            served_rows = getattr(page, "served_rows", None)
            rows |= served_rows(mine) if served_rows is not None else mine
        return rows
