"""Which communities' records a member of staff sees and changes in the admin.

One installation serves a city's communities. `communities_for(user)` answers None for
superusers and city editors (group 市级编辑: every community) and otherwise the ids of the
communities the user works for: their `CommunityStaff` rows plus whatever the features add
through the `community_memberships` hook (case staff, station staff...). Someone listed
nowhere gets the empty set: the scope fails closed.

Each app says how its models reach a community with the AppConfig attribute
`community_scope` ({"app_label.Model": lookup}), a lookup from the model to a community's
id ("community", "compound__community", "pk" for Community itself) or None for records the
communities share (ranking criteria, case categories...). This module names no feature: the
admin views call `scoped()`/`in_scope()`, the snippet and model viewsets take
`CommunityScopedViewSetMixin`, and a model with an admin but no declaration is caught by
`tests/home/test_community_scope.py`.
"""

from functools import wraps

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import Http404
from wagtail import hooks
from wagtail.admin.views.generic.models import IndexView as BaseIndexView
from wagtail.models import Page

from .roles import CITY_EDITORS

_CACHE_ATTR = "_hemei_communities"


class UndeclaredScope(LookupError):
    """A model of community data whose app did not say how it reaches a community."""


def scope_lookups() -> dict:
    """model class -> lookup to a community id (None: shared by every community)."""
    lookups = {}
    for config in apps.get_app_configs():
        for label, lookup in getattr(config, "community_scope", {}).items():
            lookups[apps.get_model(label)] = lookup
    return lookups


def scope_lookup(model):
    lookups = scope_lookups()
    for klass in (model, *model._meta.get_parent_list()):
        if klass in lookups:
            return lookups[klass]
    raise UndeclaredScope(f"{model._meta.label} declares no community_scope")


def declares_scope(model) -> bool:
    try:
        scope_lookup(model)
    except UndeclaredScope:
        return False
    return True


def communities_for(user):
    """None (every community) or the frozenset of community ids, in every language, of `user`."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    if user.is_superuser:
        return None
    if hasattr(user, _CACHE_ATTR):
        return getattr(user, _CACHE_ATTR)
    from .models import Community, CommunityStaff

    if user.groups.filter(name=CITY_EDITORS).exists():
        result = None
    else:
        ids = set(CommunityStaff.objects.filter(user=user).values_list("community_id", flat=True))
        for hook in hooks.get_hooks("community_memberships"):
            ids.update(hook(user))
        # A translated record points at the translated community: take every language's row.
        keys = Community.objects.filter(pk__in=ids).values("translation_key")
        result = frozenset(
            Community.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
        )
    setattr(user, _CACHE_ATTR, result)
    return result


def sees_every_community(user) -> bool:
    return communities_for(user) is None


def scope_q(user, lookup) -> Q:
    """A filter keeping what `user` may see, for records reaching a community by `lookup`."""
    ids = communities_for(user)
    if ids is None or lookup is None:
        return Q()
    return Q(**{f"{lookup}__in": ids})


def scoped(queryset, user):
    """`queryset` narrowed to the user's communities (by the model's declared lookup)."""
    return queryset.filter(scope_q(user, scope_lookup(queryset.model)))


def in_scope(user, obj) -> bool:
    lookup = scope_lookup(type(obj))
    if lookup is None or communities_for(user) is None:
        return True
    return scoped(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


def get_scoped_or_404(queryset, user, **kwargs):
    """One object the user may see, else 404, as for an object that does not exist."""
    try:
        return scoped(queryset, user).get(**kwargs)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


class CommunityScopedViewSetMixin:
    """Listing, export, edit, delete, history... of a snippet or model viewset: 404 outside.

    Wagtail's object views load their object from the model, not from `get_queryset`, so every
    URL that takes a pk is wrapped with the same check; create and edit forms offer only the
    user's communities in the field that places the record (the lookup's first step).
    """

    def construct_view(self, view_class, **kwargs):
        # The listing (and its results and export): Wagtail's model viewsets never call the
        # viewset's get_queryset, snippets do; scoping the index view's base queryset covers both.
        if issubclass(view_class, BaseIndexView):
            view_class = _scoped_index_view(view_class)
        return super().construct_view(view_class, **kwargs)

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            if "pk" in pattern.pattern.converters:
                pattern.callback = self._scoped_view(pattern.callback)
        return patterns

    def _scoped_view(self, view):
        model = self.model

        @wraps(view)
        def scoped_view(request, *args, pk, **kwargs):
            queryset = model._default_manager.filter(pk=unquote(str(pk)))
            if not scoped(queryset, request.user).exists():
                raise Http404
            return view(request, *args, pk=pk, **kwargs)

        return scoped_view

    @property
    def chooser_viewset_class(self):
        # The chooser modal (a compound or a firm picked in a form) lists and returns only the
        # user's communities' rows, as the listing does.
        return scoped_chooser_viewset_class(super().chooser_viewset_class)

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        lookup = scope_lookup(self.model)
        if not lookup or lookup == "pk":
            return form_class
        field_name, _, rest = lookup.partition("__")
        return scoped_form_class(form_class, field_name, rest or "pk")


class _ScopedChooserViewMixin:
    """Choose, results, chosen and chosen-multiple views of a chooser: the user's rows only.

    Each method is only called by the views that have it in their base class."""

    def get_object_list(self):
        return scoped(super().get_object_list(), self.request.user)

    def get_object(self, pk):
        # A row outside the scope is DoesNotExist, which the chosen view answers with a 404.
        return scoped(self.model_class._default_manager.filter(pk=pk), self.request.user).get()

    def get_objects(self, pks):
        return scoped(super().get_objects(pks), self.request.user)


def scoped_chooser_viewset_class(viewset_class):
    class ScopedChooserViewSet(viewset_class):
        def construct_view(self, view_class, **kwargs):
            scoped_class = type(view_class.__name__, (_ScopedChooserViewMixin, view_class), {})
            return super().construct_view(scoped_class, **kwargs)

    ScopedChooserViewSet.__name__ = viewset_class.__name__
    return ScopedChooserViewSet


def _scoped_index_view(view_class):
    class ScopedIndexView(view_class):
        def get_base_queryset(self):
            return scoped(super().get_base_queryset(), self.request.user)

    ScopedIndexView.__name__ = view_class.__name__
    return ScopedIndexView


def scoped_form_class(form_class, field_name, lookup):
    """`form_class` whose `field_name` offers only the choices in the user's communities."""

    class ScopedForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            field = self.fields.get(field_name)
            user = getattr(self, "for_user", None)
            if field is not None and user is not None and hasattr(field, "queryset"):
                field.queryset = field.queryset.filter(scope_q(user, lookup))

    ScopedForm.__name__ = form_class.__name__
    return ScopedForm


_HOMES_ATTR = "_hemei_community_homes"


def _community_homes(user):
    """(path, community id) of every community home page, deepest first; once per request.

    Community homes nest (the others sit under the site root's home, home/communities.py), so a
    page belongs to the deepest home above it, not to the first one found.
    """
    from .models import HomePage

    if not hasattr(user, _HOMES_ATTR):
        homes = HomePage.objects.exclude(community=None).values_list("path", "community_id")
        setattr(user, _HOMES_ATTR, sorted(homes, key=lambda home: -len(home[0])))
    return getattr(user, _HOMES_ATTR)


def path_community_id(user, path):
    """The community of the page at `path`: that of the deepest home at or above it."""
    for home_path, community_id in _community_homes(user):
        if path.startswith(home_path):
            return community_id
    return None


def page_community_ids(page, user=None):
    """The communities a page belongs to: that of the deepest home page above it (or itself)."""
    from django.contrib.auth.models import AnonymousUser

    community_id = path_community_id(user or AnonymousUser(), page.path)
    return frozenset() if community_id is None else {community_id}


def page_in_scope(user, page) -> bool:
    return path_in_scope(user, page.path)


def path_in_scope(user, path) -> bool:
    ids = communities_for(user)
    return ids is None or path_community_id(user, path) in ids


def path_leads_to_scope(user, path) -> bool:
    """In scope, or above one of the user's homes (the explorer and chooser walk down to it)."""
    ids = communities_for(user)
    if ids is None or path_community_id(user, path) in ids:
        return True
    return any(
        home.startswith(path)
        for home, community_id in _community_homes(user)
        if community_id in ids
    )


def scoped_pages_q(user) -> Q:
    """Pages under the home pages of the user's communities, leaving out the other communities'
    homes nested in them (every page for the city level)."""
    ids = communities_for(user)
    if ids is None:
        return Q()
    homes = _community_homes(user)
    q = Q(pk__in=[])
    for path, community_id in homes:
        if community_id not in ids:
            continue
        own = Q(path__startswith=path)
        for other, other_id in homes:
            if other_id not in ids and other.startswith(path) and other != path:
                own &= ~Q(path__startswith=other)
        q |= own
    return q


def above_scoped_homes_q(user) -> Q:
    """The pages above the homes of the user's communities (for walking down the tree)."""
    ids = communities_for(user)
    if ids is None:
        return Q()
    ancestors = set()
    for path, community_id in _community_homes(user):
        if community_id in ids:
            ancestors.update(path[:end] for end in range(Page.steplen, len(path), Page.steplen))
    return Q(path__in=sorted(ancestors))


# Admin URLs that name a page by id: Wagtail's page views (namespace wagtailadmin_pages), the
# explorer and the page chooser's browse view. Those that only walk down the tree may open the
# pages above the user's homes; every other one needs the page in scope.
PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "pk")
PAGE_NAMESPACE = "wagtailadmin_pages"
BROWSING_URL_NAMES = {
    "wagtailadmin_explore",
    "wagtailadmin_explore_results",
    "wagtailadmin_choose_page_child",
}


class PageScopeMiddleware:
    """A 404 for any admin page URL whose page lies in another community.

    Wagtail calls a `before_*_page` hook in only some of its page views (edit, create, copy,
    move, delete, unpublish); history, revisions, previews, locks, privacy, usage, workflow
    actions and the explorer of a given page have none. Checking the resolved URL once covers
    all of them, and any page view a later Wagtail adds under the same names. Page
    permissions stay those of the roles (on the root page); see the README on why.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        browsing = match.url_name in BROWSING_URL_NAMES
        if not (browsing or PAGE_NAMESPACE in match.namespaces):
            return None
        # Ids come from int converters or digits-only regex groups (revisions compare).
        ids = [int(view_kwargs[name]) for name in PAGE_ID_KWARGS if name in view_kwargs]
        # Someone signed out is sent to the sign-in page by the admin view itself.
        if not ids or not request.user.is_authenticated or communities_for(request.user) is None:
            return None
        paths = dict(Page.objects.filter(pk__in=ids).values_list("pk", "path"))
        allowed = path_leads_to_scope if browsing else path_in_scope
        for page_id in ids:
            # A missing page is left to the view's own 404.
            if page_id in paths and not allowed(request.user, paths[page_id]):
                raise Http404
        return None
