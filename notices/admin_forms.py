"""Admin page forms that offer only the compounds of the page's own locale and of the
editor's communities.

Compounds are translatable snippets, so without this every compound would be offered
once per language ("苗圃小区" and "Miaopu") and an editor could mix locales. A community's
editor is offered only their communities' compounds (home/community_scope.py); a city
editor, every community's.
"""

import copy

from wagtail.admin.forms import WagtailAdminPageForm

from home.community_scope import scoped

COMPOUND_FIELDS = ("target_compounds", "compound")


def _limit(fields, locale_id, user):
    for name in COMPOUND_FIELDS:
        field = fields.get(name)
        if field is not None and hasattr(field, "queryset"):
            queryset = field.queryset.filter(locale_id=locale_id)
            field.queryset = queryset if user is None else scoped(queryset, user)


class LocalCompoundsPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if not locale_id:
            return
        user = getattr(self, "for_user", None)
        _limit(self.fields, locale_id, user)
        for formset in self.formsets.values():
            # Replace the inline form class before its forms (and the empty "add" form) exist.
            base_fields = copy.deepcopy(formset.form.base_fields)
            if not any(name in base_fields for name in COMPOUND_FIELDS):
                continue
            _limit(base_fields, locale_id, user)
            local_form = type(formset.form.__name__, (formset.form,), {})
            # Set after class creation: the form metaclass rebuilds base_fields from the model.
            local_form.base_fields = base_fields
            formset.form = local_form
