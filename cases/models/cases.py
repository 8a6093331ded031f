"""A case: the one problem staff handle, whatever number of residents reported it."""

import datetime

from django.db import IntegrityError, models, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .choices import OPEN_STATUSES, CaseStatus, Route
from .transitions import CaseTransitions

SECONDS_PER_DAY = 86400


def overdue_q(now=None):
    """Open cases past their target: not accepted in time, or not resolved by the due date."""
    now = now or timezone.now()
    return Q(status=CaseStatus.RECEIVED, accept_by__lt=now) | Q(
        status__in=(CaseStatus.ACCEPTED, CaseStatus.IN_HAND),
        due_date__lt=timezone.localdate(now),
    )


class CaseQuerySet(models.QuerySet):
    def public(self):
        """Cases the public log shows: not hidden by staff, not folded into another case."""
        return self.filter(is_public=True).exclude(status=CaseStatus.MERGED)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now=None):
        return self.filter(overdue_q(now))

    def monthly_figures(self, month):
        """This queryset's figures for `month` (a first day), as cases/figures.py counts them."""
        from ..figures import monthly_figures

        return monthly_figures(month, cases=self)

    def for_user(self, user):
        """The cases `user` may see in the admin (see cases/access.py)."""
        from ..access import cases_visible_to

        return cases_visible_to(user, self)


class Case(CaseTransitions, index.Indexed, models.Model):
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("number in the year"), editable=False)
    public_number = models.CharField(_("case number"), max_length=12, unique=True, editable=False)
    community = models.ForeignKey(
        "home.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    compound = models.ForeignKey(
        "home.Compound", verbose_name=_("compound"), on_delete=models.PROTECT, related_name="cases"
    )
    category = models.ForeignKey(
        "cases.CaseCategory",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    title = models.CharField(
        _("title"), max_length=120, help_text=_("A short public summary; no names, no numbers.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CaseStatus.choices,
        default=CaseStatus.RECEIVED,
        db_index=True,
    )
    route = models.CharField(_("route"), max_length=10, choices=Route.choices, blank=True)
    holder_label = models.CharField(
        _("held by"),
        max_length=100,
        blank=True,
        help_text=_("Who holds the case now, in the words the resident reads."),
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    accept_by = models.DateTimeField(_("to be accepted by"), editable=False)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_cases",
    )
    outcome_summary = models.TextField(
        _("outcome"),
        blank=True,
        max_length=2000,
        help_text=_("What was done, for the public log; no names, no numbers."),
    )
    is_public = models.BooleanField(
        _("shown in the public log"),
        default=True,
        help_text=_("Switch off for a case that would identify a resident even without names."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    # The public log entry is what search finds: its public words only (no reporter's text).
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("outcome_summary"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields("compound", [index.SearchField("name")]),
        index.FilterField("is_public"),
        index.FilterField("status"),
        index.FilterField("compound_id"),
        index.FilterField("category_id"),
        index.FilterField("received_at"),
    ]

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="unique_case_year_sequence")
        ]
        permissions = [("handle_all_cases", "Can handle the cases of every community")]

    def __str__(self):
        return f"{self.public_number} {self.title}"

    def save(self, *args, **kwargs):
        if self.community_id is None and self.compound_id is not None:
            self.community_id = self.compound.community_id
        if self.accept_by is None:
            self.accept_by = self.received_at + datetime.timedelta(
                hours=self.category.accept_within_hours
            )
        if self.pk is not None or self.public_number:
            super().save(*args, **kwargs)
            return
        # Numbers run per year; two reports filed at once may pick the same one, so retry.
        self.year = timezone.localtime(self.received_at).year
        for _attempt in range(5):
            latest = Case.objects.filter(year=self.year).aggregate(n=Max("sequence"))["n"]
            self.sequence = (latest or 0) + 1
            self.public_number = f"{self.year}-{self.sequence:04d}"
            try:
                with transaction.atomic():
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                self.pk = None
        raise RuntimeError("Could not number the case")

    def get_absolute_url(self):
        """The case's entry in the public log, in the current language."""
        return reverse("cases:log_detail", kwargs={"public_number": self.public_number})

    def get_url(self, request=None):
        return self.get_absolute_url()

    @classmethod
    def search_queryset(cls, locale):
        """What site search looks in: the public log's cases, whatever the language."""
        return cls.objects.public().select_related("category", "compound")

    def search_snippet_text(self):
        return " ".join(
            str(text) for text in (self.category.name, self.compound.name, self.outcome_summary)
        )

    # Times -------------------------------------------------------------------------------

    @staticmethod
    def _days_between(start, end):
        if start is None or end is None:
            return None
        return round((end - start).total_seconds() / SECONDS_PER_DAY, 1)

    @property
    def days_to_accept(self):
        return self._days_between(self.received_at, self.accepted_at)

    @property
    def days_to_resolve(self):
        return self._days_between(self.received_at, self.resolved_at)

    @property
    def accepted_within_target(self):
        """None while not accepted; then whether 快受 held."""
        if self.accepted_at is None:
            return None
        return self.accepted_at <= self.accept_by

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def is_overdue(self, now=None):
        return self.overdue_days(now) > 0

    def overdue_days(self, now=None):
        """Whole days past the target (0 when not overdue); acceptance counts part days as 1."""
        now = now or timezone.now()
        if self.status == CaseStatus.RECEIVED:
            late = now - self.accept_by
            if late.total_seconds() <= 0:
                return 0
            return max(late.days, 1)
        if self.status in (CaseStatus.ACCEPTED, CaseStatus.IN_HAND) and self.due_date:
            return max((timezone.localdate(now) - self.due_date).days, 0)
        return 0
