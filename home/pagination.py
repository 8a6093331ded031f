"""The one paginate helper every listing on the site shares, public pages and admin alike."""

from django.core.paginator import Paginator

DEFAULT_PER_PAGE = 10


def page_number(value, max_page=None):
    """The page asked for in a query parameter, from 1 (to `max_page`); rubbish asks for 1."""
    try:
        number = max(int(value), 1)
    except (TypeError, ValueError):
        return 1
    return min(number, max_page) if max_page else number


def paginate(request, items, per_page=DEFAULT_PER_PAGE, param="page", max_page=None):
    """The requested page of `items`; a missing or bad number gives page 1, one past the end
    the last page, so a hand-edited `?page=abc` or `?page=99999` cannot turn into a 404 or 500.

    `max_page` caps how deep a listing may be paged where a deep page is costly to build.
    The page carries `elided_range` (numbers and the paginator's ELLIPSIS) for the links.
    """
    paginator = Paginator(items, per_page)
    page_obj = paginator.get_page(page_number(request.GET.get(param), max_page))
    page_obj.elided_range = list(
        paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    )
    return page_obj
