"""The shared front-end parts exist once: one include each, styled by one component sheet.

A copy of the pager, a form field, the error summary, the breadcrumb or the honeypot in an
app's templates (or its rules in an app's stylesheet) drifts from the shared one: labels,
44 px targets and aria attributes get fixed in one copy and not the other.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INCLUDES = ROOT / "site" / "templates" / "includes"
COMPONENTS_CSS = ROOT / "site" / "static" / "css" / "components.css"
SKIP = {".venv", "tests", "static_collected", "node_modules", "media"}

# Class that marks a component's markup -> the one include allowed to write it.
OWNERS = {
    "pagination": "pagination.html",
    "form-field": "field.html",
    "error-summary": "error_summary.html",
    "breadcrumb": "breadcrumb.html",
    "honeypot": "honeypot.html",
}
# Classes of the copies that were merged; they must not come back under the old names.
RETIRED = {"hp-field", "form-error-summary"}


def _files(pattern):
    return [
        path for path in ROOT.rglob(pattern) if not SKIP.intersection(path.relative_to(ROOT).parts)
    ]


def _classes(html):
    """Every class token written in a template's class attributes (template tags dropped)."""
    tokens = set()
    for value in re.findall(r'class="([^"]*)"', html):
        tokens.update(re.sub(r"{%.*?%}|{{.*?}}", " ", value).split())
    return tokens


def _selectors(css):
    """Each comma-separated selector of every rule, @media wrappers unwrapped."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@media[^{]*{", "", css)
    selectors = []
    for prelude in re.findall(r"([^{}]+){[^{}]*}", css):
        selectors += [part.strip() for part in prelude.split(",") if part.strip()]
    return selectors


def test_the_shared_includes_exist():
    for name in OWNERS.values():
        assert (INCLUDES / name).is_file(), name


@pytest.mark.parametrize("css_class, owner", sorted(OWNERS.items()))
def test_no_template_but_the_shared_include_writes_the_markup(css_class, owner):
    writers = sorted(
        str(path.relative_to(ROOT))
        for path in _files("*.html")
        if css_class in _classes(path.read_text(encoding="utf-8"))
    )
    assert writers == [str((INCLUDES / owner).relative_to(ROOT))]


def test_the_merged_copies_do_not_come_back():
    found = {
        str(path.relative_to(ROOT)): sorted(_classes(path.read_text(encoding="utf-8")) & RETIRED)
        for path in _files("*.html")
    }
    assert {path: names for path, names in found.items() if names} == {}


def test_only_the_component_sheet_styles_the_components():
    """Print sheets may hide a component; any other rule for one belongs in components.css.

    A selector that merely places a component inside a page's own layout
    (`.filter-form .form-field`) is the page's business and stays in its sheet.
    """
    offenders = []
    for path in _files("*.css"):
        if path == COMPONENTS_CSS or "print" in path.name:
            continue
        for selector in _selectors(path.read_text(encoding="utf-8")):
            first = re.match(r"\.([\w-]+)", selector)
            if first and (first.group(1) in OWNERS or first.group(1) in RETIRED):
                offenders.append(f"{path.relative_to(ROOT)}: {selector}")
    assert offenders == []


def test_the_component_sheet_styles_every_component_and_every_page_loads_it():
    styled = {
        re.match(r"\.([\w-]+)", selector).group(1)
        for selector in _selectors(COMPONENTS_CSS.read_text(encoding="utf-8"))
        if selector.startswith(".")
    }
    assert set(OWNERS) <= styled
    base = (ROOT / "site" / "templates" / "base.html").read_text(encoding="utf-8")
    assert "{% static 'css/components.css' %}" in base


def _bound_form():
    from django import forms

    class Form(forms.Form):
        name = forms.CharField(label="Name", help_text="As on your ID card")
        kind = forms.ChoiceField(
            label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
        )
        note = forms.CharField(label="Note", required=False)

    form = Form(data={})
    form.is_valid()
    return form


def test_field_include_ties_hint_and_errors_to_the_control():
    from django.template.loader import render_to_string

    form = _bound_form()
    name = render_to_string("includes/field.html", {"field": form["name"]})
    assert 'id="field-name"' in name  # what the error summary links to
    assert '<label for="id_name">' in name
    assert 'id="id_name_helptext"' in name and 'id="id_name_error"' in name
    assert 'aria-describedby="id_name_helptext id_name_error"' in name
    kind = render_to_string("includes/field.html", {"field": form["kind"]})
    assert '<fieldset aria-describedby="id_kind_error">' in kind
    assert '<label for="id_kind_0">A</label>' in kind


def test_field_include_marks_required_fields_unless_the_labels_mark_optional_ones():
    from django.template.loader import render_to_string

    form = _bound_form()
    assert 'class="required"' in render_to_string("includes/field.html", {"field": form["name"]})
    assert 'class="required"' not in render_to_string(
        "includes/field.html", {"field": form["note"]}
    )
    assert 'class="required"' not in render_to_string(
        "includes/field.html", {"field": form["name"], "marks_optional": True}
    )


def test_error_summary_is_announced_focusable_and_links_every_error():
    from django.template.loader import render_to_string

    html = render_to_string("includes/error_summary.html", {"form": _bound_form()})
    assert 'role="alert"' in html and 'tabindex="-1"' in html
    assert html.count('href="#field-name"') == 1 and html.count('href="#field-kind"') == 1
    assert 'href="#field-note"' not in html
