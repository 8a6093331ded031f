"""Who handles which cases, and the log of who opened a reporter's name and number."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CaseTeamMember(models.Model):
    """A staff member who handles the reports of a community (group 诉求处理)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="case_teams",
    )
    community = models.ForeignKey(
        "home.Community",
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="case_team",
    )

    class Meta:
        verbose_name = _("case team member")
        verbose_name_plural = _("case team members")
        constraints = [
            models.UniqueConstraint(fields=["user", "community"], name="unique_case_team_member")
        ]

    def __str__(self):
        return f"{self.user} · {self.community}"


class FirmContact(models.Model):
    """A property firm's contact (group 物业公司联系人): answers that firm's work orders only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="firm_contacts",
    )
    firm = models.ForeignKey(
        "home.PropertyFirm",
        verbose_name=_("property firm"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )

    class Meta:
        verbose_name = _("firm contact")
        verbose_name_plural = _("firm contacts")
        constraints = [models.UniqueConstraint(fields=["user", "firm"], name="unique_firm_contact")]

    def __str__(self):
        return f"{self.user} · {self.firm}"


class CaseAccess(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("Opened the reporters' details")
        PHOTO = "photo", _("Opened a photo")
        EXPORT = "export", _("Exported")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accesses",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("access to reporters' data")
        verbose_name_plural = _("accesses to reporters' data")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.user} {self.action} {self.at:%Y-%m-%d %H:%M}"
