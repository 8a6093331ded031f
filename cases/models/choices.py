"""The states and routes of a case, shared by the models, the admin and the public pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    IN_HAND = "in_hand", _("Being handled")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    MERGED = "merged", _("Merged into another case")


# Still waiting for someone to act: counted as open, and can be overdue.
OPEN_STATUSES = (CaseStatus.RECEIVED, CaseStatus.ACCEPTED, CaseStatus.IN_HAND)
DONE_STATUSES = (CaseStatus.RESOLVED, CaseStatus.CLOSED)


class Route(models.TextChoices):
    FIRM = "firm", _("Work order to the property firm")
    HALL = "hall", _("Neighbourhood hall consultation (邻里厅协商)")
    MEDIATION = "mediation", _("Dispute mediation (纠纷调解)")
    MEETING = "meeting", _("Monthly joint meeting")


class YesNo(models.TextChoices):
    """For outcomes that are unknown until recorded (a nullable boolean reads poorly in forms)."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
