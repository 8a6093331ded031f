"""The one paginate helper every listing on the site shares."""

from django.core.paginator import Paginator

DEFAULT_PER_PAGE = 10


def paginate(request, queryset, per_page=DEFAULT_PER_PAGE, param="page"):
    """The requested page of `queryset`; a missing, bad or out-of-range number gives page 1 or the last.

    `Paginator.get_page` never raises, so a hand-edited `?page=abc` cannot turn into a 500.
    """
    paginator = Paginator(queryset, per_page)
    page_obj = paginator.get_page(request.GET.get(param))
    page_obj.elided_range = list(
        paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    )
    return page_obj
