import datetime

from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.analysis import normalize

MAX_LOGGED_CHARS = 100


class ZeroResultQueryManager(models.Manager):
    def record(self, query_string: str) -> None:
        """Count one search that found nothing today (Wagtail's own log only counts hits)."""
        text = " ".join(normalize(query_string).split())[:MAX_LOGGED_CHARS]
        if not text:
            return
        today = timezone.localdate()
        updated = self.filter(query_string=text, date=today).update(count=models.F("count") + 1)
        if not updated:
            self.get_or_create(query_string=text, date=today, defaults={"count": 1})

    def popular(self, days: int = 30, limit: int = 50):
        since = timezone.localdate() - datetime.timedelta(days=days)
        return (
            self.filter(date__gte=since)
            .values("query_string")
            .annotate(total=Sum("count"))
            .order_by("-total", "query_string")[:limit]
        )


class ZeroResultQuery(models.Model):
    """Searches that found nothing, per query and day: what residents miss on the site."""

    query_string = models.CharField(_("query"), max_length=MAX_LOGGED_CHARS)
    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("searches"), default=0)

    objects = ZeroResultQueryManager()

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        constraints = [
            models.UniqueConstraint(fields=["query_string", "date"], name="unique_zero_query_day")
        ]

    def __str__(self):
        return self.query_string
