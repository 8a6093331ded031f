from types import SimpleNamespace

from django import forms
from django.utils.translation import gettext_lazy as _

from .query import MAX_QUERY_CHARS
from .registry import search_facets, search_types
from .results import SORT_NEWEST, SORT_RELEVANCE, SearchFilters

CITY_WIDE = "all"  # the community filter's value for every community


class SearchForm(forms.Form):
    """The search box and its filters. Invalid filters are reported and ignored, never fatal."""

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    community = forms.ChoiceField(label=_("Community"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    compound = forms.ChoiceField(label=_("Compound"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(SORT_RELEVANCE, _("Relevance")), (SORT_NEWEST, _("Newest first"))],
    )

    def __init__(self, data=None, *, compounds=(), communities=(), default_community=""):
        """`communities`: [{slug, key, name}] (home.communities.community_choices); without
        a `community` parameter the search covers `default_community` (the picked one)."""
        if data is not None and "community" not in data and default_community:
            data = data.copy()
            data["community"] = default_community
        super().__init__(data)
        self.communities = {choice["slug"]: choice for choice in communities}
        if len(self.communities) > 1:
            self.fields["community"].choices = [(CITY_WIDE, _("All communities"))] + [
                (slug, choice["name"]) for slug, choice in self.communities.items()
            ]
        else:
            del self.fields["community"]  # one community: nothing to choose
        self.compounds = {compound.slug: compound for compound in compounds}
        self.fields["type"].choices = [("", _("All types"))] + [
            (entry.key, entry.label) for entry in search_types()
        ]
        self.fields["compound"].choices = [("", _("All compounds"))] + [
            (slug, compound.name) for slug, compound in self.compounds.items()
        ]
        # Facets the types offer (e.g. a report's category) go after the compound.
        self.facet_params = []
        for _search_type, facet in search_facets():
            self.fields[facet.param] = forms.ChoiceField(
                label=facet.label,
                required=False,
                choices=[("", _("All"))] + list(facet.choices()),
            )
            self.facet_params.append(facet.param)
        for name in ("date_from", "date_to", "sort"):
            self.fields[name] = self.fields.pop(name)

    def clean_q(self):
        # Whatever was typed is kept for display (cut to a sane length); the analyser decides
        # what of it is searchable.
        return (self.cleaned_data.get("q") or "").replace("\x00", "")[:MAX_QUERY_CHARS]

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def value(self, name, default=None):
        """A cleaned value, or `default` when the field was invalid (the error is shown)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(name) or default

    @property
    def query(self) -> str:
        return self.value("q", "")

    def filters(self) -> SearchFilters:
        return SearchFilters(
            type_key=self.value("type", ""),
            compound=self.compounds.get(self.value("compound", "")),
            date_from=self.value("date_from"),
            date_to=self.value("date_to") if "date_to" not in self.errors else None,
            sort=self.value("sort", SORT_RELEVANCE),
            facets={
                param: value for param in self.facet_params if (value := self.value(param, ""))
            },
            community=self.chosen_community,
        )

    @property
    def chosen_community(self):
        """The community searched (with `slug`, `name`, `translation_key`), or None: all."""
        if "community" not in self.fields:
            return None
        choice = self.communities.get(self.value("community", ""))
        if choice is None:
            return None
        return SimpleNamespace(
            slug=choice["slug"], name=choice["name"], translation_key=choice["key"]
        )
