"""Communities as sections of one site.

The site root is a HomePage (the default community, 回风亭社区, keeping its URLs); every other
community's HomePage is a child of it, at /<community-slug>/, with its own sections below.
Community homes do not nest further (`HomePage.can_create_at`), so a page belongs to the
community of the deepest HomePage among its ancestors, and a community listing is "below this
home, but not below a community home nested in it".

Both rules are written as correlated subqueries on the page path (Wagtail's materialised
path, `Page.steplen` characters a level), so a listing filters by community in its own
statement, with no extra query.
"""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Substr
from wagtail.models import Page

ROOT_HOME_DEPTH = 2  # the site root's HomePage, directly under Wagtail's root node
COMMUNITY_HOME_DEPTH = ROOT_HOME_DEPTH + 1


def _home_at_depth(depth, prefix=""):
    from .models import HomePage

    return HomePage.objects.filter(
        depth=depth, path=Substr(OuterRef(f"{prefix}path"), 1, depth * Page.steplen)
    )


def in_community(pages, home):
    """`pages` (a PageQuerySet) below `home`, leaving out other communities nested in it."""
    nested = _home_at_depth(home.depth + 1)
    return pages.descendant_of(home).filter(~Exists(nested))


def community_page_q(community, prefix=""):
    """A filter keeping pages (or, with `prefix` such as "page__", rows whose page) that
    belong to `community`, in any language (its translations share a translation key)."""
    key = community.translation_key
    nested = _home_at_depth(COMMUNITY_HOME_DEPTH, prefix)
    root = _home_at_depth(ROOT_HOME_DEPTH, prefix)
    return Q(Exists(nested.filter(community__translation_key=key))) | (
        ~Q(Exists(nested)) & Q(Exists(root.filter(community__translation_key=key)))
    )


def page_community_key(prefix=""):
    """An expression: the translation key of the community a page (or, with `prefix` such as
    "page__", a row's page) belongs to, as `community_page_q` decides it (its nested community
    home's, else the site root's), so that a statement can GROUP BY community."""
    from django.db.models import Case, When

    nested = _home_at_depth(COMMUNITY_HOME_DEPTH, prefix)
    root = _home_at_depth(ROOT_HOME_DEPTH, prefix)
    return Case(
        When(Exists(nested), then=Subquery(nested.values("community__translation_key")[:1])),
        default=Subquery(root.values("community__translation_key")[:1]),
    )


def community_paths_q(community, prefix=""):
    """The same pages as `community_page_q(community)`, written as path prefixes only, for a
    search backend that filters on indexed fields and not in SQL (Elasticsearch: `path` is a
    FilterField of every page). One query, for the homes' paths."""
    from .models import HomePage

    homes = list(
        HomePage.objects.filter(depth__in=(ROOT_HOME_DEPTH, COMMUNITY_HOME_DEPTH)).values_list(
            "path", "depth", "community__translation_key"
        )
    )
    nested = [path for path, depth, _key in homes if depth == COMMUNITY_HOME_DEPTH]
    q = None
    for path, depth, key in homes:
        if key != community.translation_key:
            continue
        mine = Q(**{f"{prefix}path__startswith": path})
        if depth == ROOT_HOME_DEPTH:
            # The site root's community: not the pages of community homes nested in it.
            for other in nested:
                if other.startswith(path):
                    mine &= ~Q(**{f"{prefix}path__startswith": other})
        q = mine if q is None else q | mine
    return q


def _own_home(page):
    """The deepest HomePage at or above `page`, as a one-row queryset (for subqueries)."""
    from .models import HomePage

    paths = [page.path[:length] for length in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    return HomePage.objects.filter(path__in=paths).order_by("-depth")[:1]


def community_rows_q(page, *fields):
    """A filter keeping directory rows (compounds, firms...) of `page`'s community, through
    each of `fields` (e.g. "community", "compounds__community"); every row when the page's
    home names no community (a one-community site). No extra query: a subquery."""
    from .models import HomePage

    home = _own_home(page)
    key = Subquery(home.values("community__translation_key"))
    q = Q(Exists(HomePage.objects.filter(pk__in=home.values("pk"), community__isnull=True)))
    is_site_root = Q(
        Exists(HomePage.objects.filter(pk__in=home.values("pk"), depth=ROOT_HOME_DEPTH))
    )
    for name in fields or ("community",):
        q |= Q(**{f"{name}__translation_key": key}) | (is_site_root & homeless_q(name))
    return q


def homeless_q(field="community"):
    """Rows whose community (through `field`) has no home page of its own: the site root
    serves them (e.g. the synthetic city's communities, all under the site root)."""
    from .models import HomePage

    return Q(**{f"{field}__isnull": False}) & ~Q(
        Exists(
            HomePage.objects.filter(
                community__translation_key=OuterRef(f"{field}__translation_key")
            )
        )
    )


def community_home(page):
    """The HomePage `page` belongs to (itself if it is one), or None; one query."""
    from .models import HomePage

    if isinstance(page, HomePage):
        return page
    ancestors = [page.path[:length] for length in range(Page.steplen, len(page.path), Page.steplen)]
    return (
        HomePage.objects.filter(path__in=ancestors)
        .select_related("community")
        .order_by("-depth")
        .first()
    )


def community_of(page):
    """The Community (snippet, in the page's language when translated) `page` belongs to."""
    home = community_home(page)
    return home.community if home is not None else None


def community_homes(locale):
    """Every live community home of `locale`, the site root's first; each has
    `local_community`, its community named in `locale` (a translated page may still point at
    the default language's snippet). Two queries."""
    from .models import Community, HomePage

    homes = list(
        HomePage.objects.live()
        .filter(locale=locale, community__isnull=False, depth__lte=COMMUNITY_HOME_DEPTH)
        .select_related("community")
        .order_by("depth", "path")
    )
    local = {
        community.translation_key: community
        for community in Community.objects.filter(
            locale=locale, translation_key__in=[home.community.translation_key for home in homes]
        )
    }
    for home in homes:
        home.local_community = local.get(home.community.translation_key, home.community)
    return homes


def firms_of(community):
    """Property firms with a record in `community`: registered there or serving one of its
    compounds (a firm serving several communities has one profile and a record in each)."""
    from .models import PropertyFirm

    key = community.translation_key
    return PropertyFirm.objects.filter(
        Q(community__translation_key=key) | Q(compounds__community__translation_key=key)
    ).distinct()


def community_choices(request=None):
    """[{slug, key (translation key), name, url, path}] of every live community home in the
    active language, the site root's first: the picker's options, the menu and search's
    filter. Kept per content generation (pages and the directory change it only when
    editors publish or save)."""
    from django.utils import translation
    from wagtail.models import Locale

    from .generation import derived

    def build():
        return [
            {
                "slug": home.community.slug,
                "key": str(home.community.translation_key),
                "name": home.local_community.name,
                "url": home.get_url(request),
                "path": home.path,
            }
            for home in community_homes(Locale.get_active())
        ]

    return derived(f"communities:{translation.get_language()}", build, request)


def chosen_community(request, choices=None):
    """The community the resident picked (cookie `COMMUNITY_COOKIE`), as one of
    `community_choices`, or None."""
    from django.conf import settings

    slug = request.COOKIES.get(settings.COMMUNITY_COOKIE, "")
    if not slug:
        return None
    choices = community_choices(request) if choices is None else choices
    return next((choice for choice in choices if choice["slug"] == slug), None)


def public_section_communities(model, locale_id):
    """Translation keys of the communities whose live, public `model` section (a compound
    directory, a ranking index) exists in `locale_id`; None if one of those sections belongs
    to no community (a one-community site: it serves every row)."""
    from .models import HomePage
    from .visibility import public_page_q

    sections = list(
        model.objects.live()
        .filter(public_page_q(), locale_id=locale_id)
        .values_list("path", flat=True)
    )
    # Two statements however many sections: their possible homes in one query.
    lengths = (COMMUNITY_HOME_DEPTH * Page.steplen, ROOT_HOME_DEPTH * Page.steplen)
    homes = {
        home.path: home
        for home in HomePage.objects.filter(
            path__in={path[:n] for path in sections for n in lengths}
        ).select_related("community")
    }
    keys = set()
    for path in sections:
        home = homes.get(path[: lengths[0]]) or homes.get(path[: lengths[1]])
        if home is None or home.community is None:
            return None
        keys.add(home.community.translation_key)
        if home.depth == ROOT_HOME_DEPTH:
            keys.add(SITE_ROOT)
    return keys


# In `public_section_communities`' answer: the site root's section is public, so it serves
# the rows of communities without a home of their own (`homeless_q`).
SITE_ROOT = "site-root"
