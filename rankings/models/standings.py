"""A published month's results, stored so that no view recomputes them.

A month's table (totals, ranks, who is commended or advised to be replaced, the change since
the previous month, the scores per criterion and the inspectors' remarks) changes only when
the month is published or unpublished, or when a moderator approves a score correction.
`rankings.standings.store_month` computes it then and writes one row per firm here; the month
page, the firm profiles, the home page's summary and the compound panel read these rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MonthStanding(models.Model):
    month = models.ForeignKey(
        "rankings.RankingMonthPage",
        verbose_name=_("month"),
        on_delete=models.CASCADE,
        related_name="standings",
        help_text=_("The month page in the default language."),
    )
    firm = models.ForeignKey(
        "home.PropertyFirm",
        verbose_name=_("property firm"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("position in the table"))
    total = models.DecimalField(_("total"), max_digits=7, decimal_places=1, null=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True)
    commended = models.BooleanField(_("commended"), default=False)
    replacement = models.BooleanField(_("replacement advised"), default=False)
    previous_month = models.DateField(_("compared with"), null=True)
    previous_rank = models.PositiveSmallIntegerField(_("previous rank"), null=True)
    previous_total = models.DecimalField(
        _("previous total"), max_digits=7, decimal_places=1, null=True
    )
    # Score values as strings, in the order of the month's (frozen) criteria; null: not scored.
    scores = models.JSONField(_("scores"), default=list)
    remarks = models.TextField(_("inspector remarks"), blank=True)
    # The assessment, for its evidence photos (read only when there are any).
    assessment = models.ForeignKey(
        "rankings.FirmAssessment", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    has_photos = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("stored month result")
        verbose_name_plural = _("stored month results")
        ordering = ["month", "position"]
        constraints = [
            models.UniqueConstraint(fields=["month", "firm"], name="unique_standing_per_month")
        ]

    def __str__(self):
        return f"{self.month_id} · {self.firm_id}: {self.rank}"
