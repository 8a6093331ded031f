"""Choice lists shared by stations, slots and appointments."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    STATION = "station", _("At the service station")
    HOME_VISIT = "home", _("Home visit")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class PriorityGroup(models.TextChoices):
    NONE = "none", _("None of these")
    ELDERLY = "elderly", _("Elderly person (60 or older)")
    DISABLED = "disabled", _("Person with a disability")
    HARDSHIP = "hardship", _("Family in hardship")
    DUAL_INCOME = "dual_income", _("Dual-income family")


class AccessibilityNeed(models.TextChoices):
    WHEELCHAIR = "wheelchair", _("Uses a wheelchair")
    HEARING = "hearing", _("Hard of hearing (please speak slowly or write things down)")
    VISION = "vision", _("Poor eyesight (please read documents aloud)")
    DIALECT = "dialect", _("Needs an interpreter of the local dialect")
    COMPANION = "companion", _("Will come with a companion")
