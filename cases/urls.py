"""Residents' pages of the cases app (inside i18n_patterns: Chinese at /, English at /en/).

Parameters are matched by pattern, so a hand-made address with odd characters (a NUL, an
emoji, a 40-digit number) is a 404 and never reaches a query.
"""

from django.urls import path, re_path

from . import feeds, views_log, views_report, views_status

app_name = "cases"

REFERENCE = r"(?P<reference>[2-9A-Z]{8})"
PUBLIC_NUMBER = r"(?P<public_number>[0-9]{4}-[0-9]{1,6})"
TOKEN = r"(?P<token>[A-Za-z0-9_-]{16,64})"
SLUG = r"(?P<slug>[-a-zA-Z0-9_]{1,100})"

urlpatterns = [
    path("reports/", views_report.report_start, name="report_start"),
    path("reports/new/similar/", views_report.report_similar, name="report_similar"),
    path("reports/new/details/", views_report.report_details, name="report_details"),
    path("reports/new/me-too/", views_report.report_support, name="report_support"),
    re_path(rf"^reports/done/{REFERENCE}/$", views_report.report_done, name="report_done"),
    path("reports/status/", views_status.status_lookup, name="status_lookup"),
    re_path(rf"^reports/status/{REFERENCE}/$", views_status.status_detail, name="status_detail"),
    re_path(rf"^reports/survey/{TOKEN}/$", views_status.survey, name="survey"),
    path("reports/log/", views_log.outcome_log, name="log"),
    path("reports/log/figures/", views_log.figures, name="figures"),
    re_path(rf"^reports/log/{PUBLIC_NUMBER}/$", views_log.log_detail, name="log_detail"),
    re_path(rf"^reports/log/{SLUG}/rss/$", feeds.CompoundLogRssFeed(), name="log_rss"),
    re_path(rf"^reports/log/{SLUG}/atom/$", feeds.CompoundLogAtomFeed(), name="log_atom"),
]
