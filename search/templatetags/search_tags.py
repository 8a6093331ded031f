from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag
def query_with(querystring, **changes):
    """`querystring` with some parameters replaced (an empty value removes one)."""
    params = QueryDict(querystring, mutable=True)
    for name, value in changes.items():
        params.pop(name, None)
        if value not in ("", None):
            params[name] = value
    if "type" in changes:
        params.pop("page", None)
    return params.urlencode()
