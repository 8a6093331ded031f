from django import template
from django.utils.html import format_html

from home import idempotency

register = template.Library()


@register.simple_tag(takes_context=True)
def one_time_token(context):
    """The hidden one-time token of a form that creates something (see home/idempotency.py)."""
    request = context["request"]
    return format_html(
        '<input type="hidden" name="{}" value="{}">',
        idempotency.FIELD_NAME,
        idempotency.token_for_form(request),
    )
