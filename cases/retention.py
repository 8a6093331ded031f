"""Reporters' names, numbers and photos are forgotten a retention period after their case ended.

Registered with `purge_personal_data` through `CasesConfig.personal_data_purgers`. What was
reported, the case and its public outcome stay: the public log keeps the anonymous record.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

REPORTS = "case report(s)"
SUPPORTS = "“me too” number(s)"


def _ended_before(days):
    from .models import CaseStatus

    cutoff = timezone.now() - datetime.timedelta(days=days)
    return Q(case__status=CaseStatus.CLOSED, case__closed_at__lt=cutoff) | Q(
        case__status=CaseStatus.RESOLVED, case__resolved_at__lt=cutoff
    )


def _due(days):
    from .models import CaseSupport, Report

    reports = Report.objects.filter(_ended_before(days), anonymised_at__isnull=True)
    supports = CaseSupport.objects.filter(_ended_before(days)).exclude(mobile="")
    return reports, supports


class CasePurger:
    def count(self, days):
        reports, supports = _due(days)
        return {REPORTS: reports.count(), SUPPORTS: supports.count()}

    def purge(self, days):
        from .models import Report

        reports, supports = _due(days)
        count = 0
        for pk in reports.values_list("pk", flat=True).iterator():
            with transaction.atomic():
                report = Report.objects.select_for_update().get(pk=pk)
                if report.anonymised_at is None:
                    report.anonymise()
                    count += 1
        return {REPORTS: count, SUPPORTS: supports.update(mobile="")}


purger = CasePurger()
