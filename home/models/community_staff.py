"""Who works for which community: the rows `home.community_scope` reads.

Staff listed here (editors, moderators, station supervisors...) see and change only their
communities' records in the admin; city editors (group 市级编辑) and superusers see all.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommunityStaff(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="community_memberships",
    )
    community = models.ForeignKey(
        "home.Community",
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="staff_members",
    )

    class Meta:
        verbose_name = _("community staff member")
        verbose_name_plural = _("community staff")
        ordering = ["community__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "community"], name="unique_community_staff")
        ]

    def __str__(self):
        return f"{self.user} · {self.community}"
