"""Admin page forms that offer only the compounds of the page's own locale.

Compounds are translatable snippets, so without this every compound would be offered
once per language ("苗圃小区" and "Miaopu") and an editor could mix locales.
"""

import copy

from wagtail.admin.forms import WagtailAdminPageForm

COMPOUND_FIELDS = ("target_compounds", "compound")


def _limit(fields, locale_id):
    for name in COMPOUND_FIELDS:
        field = fields.get(name)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = field.queryset.filter(locale_id=locale_id)


class LocalCompoundsPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if not locale_id:
            return
        _limit(self.fields, locale_id)
        for formset in self.formsets.values():
            # Replace the inline form class before its forms (and the empty "add" form) exist.
            base_fields = copy.deepcopy(formset.form.base_fields)
            if not any(name in base_fields for name in COMPOUND_FIELDS):
                continue
            _limit(base_fields, locale_id)
            local_form = type(formset.form.__name__, (formset.form,), {})
            # Set after class creation: the form metaclass rebuilds base_fields from the model.
            local_form.base_fields = base_fields
            formset.form = local_form
