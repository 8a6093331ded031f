from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SearchSynonym
from .views_admin import SearchTermsReportView


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_admin_menu = False
    list_display = ["term", "synonyms"]


register_snippet(SearchSynonymViewSet)


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("site_search.view_zeroresultquery")


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [
        path("reports/search-terms/", SearchTermsReportView.as_view(), name="site_search_report"),
        path(
            "reports/search-terms/results/",
            SearchTermsReportView.as_view(results_only=True),
            name="site_search_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchTermsMenuItem(
        _("Search terms"),
        reverse("site_search_report"),
        name="search-terms",
        icon_name="search",
        order=800,
    )
