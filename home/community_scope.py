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

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        lookup = scope_lookup(self.model)
        if not lookup or lookup == "pk":
            return form_class
        field_name, _, rest = lookup.partition("__")
        return scoped_form_class(form_class, field_name, rest or "pk")


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


def page_community_ids(page):
    """The communities a page belongs to: that of the home page above it (or itself)."""
    from .models import HomePage

    home = HomePage.objects.filter(
        path__in=[page.path[:i] for i in range(4, len(page.path) + 1, 4)]
    ).first()
    return frozenset() if home is None or home.community_id is None else {home.community_id}


def page_in_scope(user, page) -> bool:
    ids = communities_for(user)
    return ids is None or bool(page_community_ids(page) & ids)


def scoped_pages_q(user) -> Q:
    """Pages under the home pages of the user's communities (every page for the city level)."""
    from .models import HomePage

    ids = communities_for(user)
    if ids is None:
        return Q()
    paths = HomePage.objects.filter(community_id__in=ids).values_list("path", flat=True)
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(path__startswith=path)
    return q
