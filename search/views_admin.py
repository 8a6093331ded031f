"""The editors' report: what residents searched for in the last 30 days, and what found nothing."""

import datetime

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query

from home.exports import SafeSpreadsheetExportMixin

from .models import ZeroResultQuery

REPORT_DAYS = 30
ZERO_RESULTS_SHOWN = 50


class SearchTermsReportView(SafeSpreadsheetExportMixin, ReportView):
    page_title = _("Search terms")
    header_icon = "search"
    results_template_name = "search/admin/search_terms_results.html"
    index_url_name = "site_search_report"
    index_results_url_name = "site_search_report_results"
    permission_policy = None
    paginate_by = 50
    list_export = ["query_string", "searches"]
    export_headings = {"query_string": _("Query"), "searches": _("Searches")}

    def user_has_permission(self, permission):
        return self.request.user.has_perm("site_search.view_zeroresultquery")

    def since(self):
        return timezone.localdate() - datetime.timedelta(days=REPORT_DAYS)

    def get_queryset(self):
        """Popular queries: Wagtail's daily hit counts summed over the period."""
        return (
            Query.objects.filter(daily_hits__date__gte=self.since())
            .annotate(searches=Sum("daily_hits__hits"))
            .order_by("-searches", "query_string")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["days"] = REPORT_DAYS
        context["zero_results"] = ZeroResultQuery.objects.popular(
            days=REPORT_DAYS, limit=ZERO_RESULTS_SHOWN
        )
        return context
