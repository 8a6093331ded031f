"""What an anonymous visitor may see: pages, and rows that hang off pages, outside any view
restriction (password, login or group).

Wagtail's `PageQuerySet.public()` reads every restriction first (one more query each time it
is called); `public_page_q()` says the same as a correlated subquery, so a listing costs no
extra query, and it also works through a relation for rows that belong to a page (an article
of a regulation, an entry of a ranking month).
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Left, Length
from wagtail.models import PageViewRestriction


def public_page_q(prefix=""):
    """A filter keeping pages (or, with `prefix` such as "page__", rows whose page) that are
    neither restricted nor below a restricted page."""
    restricted_above = PageViewRestriction.objects.filter(
        page__path=Left(OuterRef(f"{prefix}path"), Length("page__path"))
    )
    return ~Exists(restricted_above)
