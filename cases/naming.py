"""Names of categories, compounds and firms in the visitor's language, for lists of cases.

Cases point at default-language snippets; an English visitor reads their translations where
editors made them. One statement per model for a whole list, none in the default language.
"""

from home.names import translated_names

__all__ = ["localize_cases", "translated_names"]


def localize_cases(cases):
    """Set `category_name` and `compound_name` on each case (with category and compound
    selected)."""
    cases = list(cases)
    categories = translated_names({case.category_id: case.category for case in cases}.values())
    compounds = translated_names({case.compound_id: case.compound for case in cases}.values())
    for case in cases:
        case.category_name = categories.get(case.category_id, "")
        case.compound_name = compounds.get(case.compound_id, "")
    return cases
