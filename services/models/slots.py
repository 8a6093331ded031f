"""Concrete appointment slots, materialised from the weekly templates.

Each slot is one row with a `booked` counter, so that taking a place can lock that row
(`select_for_update`) and a check constraint can refuse overbooking even if a code path
forgot the lock.
"""

import datetime

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Mode
from .stations import ServiceStation, SlotTemplate, StationClosure, is_off_hours

BOOKING_WINDOW_DAYS = 14


class SlotFull(Exception):
    """Raised when the last place in a slot has been taken."""


class SlotQuerySet(models.QuerySet):
    def bookable(self, days=BOOKING_WINDOW_DAYS):
        """Slots with room left in the next `days` days, on days the station is open."""
        now = timezone.localtime()
        today = now.date()
        closed = StationClosure.objects.filter(
            station=OuterRef("station"), date__lte=OuterRef("date")
        ).filter(
            Q(end_date__gte=OuterRef("date")) | Q(end_date__isnull=True, date=OuterRef("date"))
        )
        return (
            self.filter(
                date__gte=today,
                date__lt=today + datetime.timedelta(days=days),
                booked__lt=F("capacity"),
                station__in=ServiceStation.objects.active(),
            )
            .exclude(date=today, start_time__lte=now.time())
            .exclude(Exists(closed))
        )

    def materialise(self, days=BOOKING_WINDOW_DAYS):
        """Bring the slot rows of the next `days` days in line with the templates.

        Unbooked future slots whose template was edited (or whose station closed) are dropped
        and made again from the template; booked ones keep the terms they were booked on.
        Three queries whatever the number of templates; safe to run concurrently because
        the unique constraint turns a duplicate into a no-op.
        """
        today = timezone.localdate()
        Slot.objects.filter(date__gte=today, booked=0, template__isnull=False).filter(
            ~Q(start_time=F("template__start_time"))
            | ~Q(end_time=F("template__end_time"))
            | ~Q(mode=F("template__mode"))
            | ~Q(capacity=F("template__capacity"))
            | ~Q(date__iso_week_day=F("template__weekday") + 1)
            | Q(station__is_active=False)
        ).delete()
        rows = []
        # Only default-language stations keep a timetable (see stations.py).
        templates = SlotTemplate.objects.filter(station__in=ServiceStation.objects.active())
        for template in templates:
            for offset in range(days):
                day = today + datetime.timedelta(days=offset)
                if day.weekday() == template.weekday:
                    rows.append(
                        Slot(
                            station_id=template.station_id,
                            template=template,
                            date=day,
                            start_time=template.start_time,
                            end_time=template.end_time,
                            mode=template.mode,
                            capacity=template.capacity,
                        )
                    )
        if rows:
            Slot.objects.bulk_create(rows, ignore_conflicts=True)


class Slot(models.Model):
    station = models.ForeignKey(
        ServiceStation, verbose_name=_("station"), on_delete=models.CASCADE, related_name="slots"
    )
    template = models.ForeignKey(
        SlotTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="slots",
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    booked = models.PositiveSmallIntegerField(_("places taken"), default=0)

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["date", "start_time"]
        constraints = [
            models.UniqueConstraint(
                fields=["station", "date", "start_time", "mode"],
                name="unique_slot_per_station_time_mode",
            ),
            models.CheckConstraint(
                condition=Q(booked__lte=F("capacity")), name="slot_booked_within_capacity"
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    @property
    def places_left(self):
        return max(self.capacity - self.booked, 0)

    @property
    def is_off_hours(self):
        return is_off_hours(self.date.weekday(), self.start_time)

    @property
    def ends_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.end_time))

    @property
    def starts_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    @classmethod
    def reserve(cls, slot_id):
        """Take one place in the slot; call inside `transaction.atomic()`.

        The row lock makes concurrent requests for the same slot queue up, so each sees the
        count left by the one before it.
        """
        slot = cls.objects.select_for_update().get(pk=slot_id)
        if slot.booked >= slot.capacity:
            raise SlotFull
        cls.objects.filter(pk=slot.pk).update(booked=F("booked") + 1)
        slot.booked += 1
        return slot

    @classmethod
    def release(cls, slot_id):
        cls.objects.filter(pk=slot_id, booked__gt=0).update(booked=F("booked") - 1)


@receiver(pre_delete, sender=SlotTemplate)
def drop_unbooked_slots_of_deleted_template(sender, instance, **kwargs):
    """A deleted template takes its future free slots along; booked ones stay for their requests."""
    Slot.objects.filter(template=instance, booked=0, date__gte=timezone.localdate()).delete()
