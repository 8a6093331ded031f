"""How a black-list entry leaves the list early: a logged, verified rectification.

An entry otherwise stays listed until its validity ends; expired and removed entries stay in
the firm's history, marked. An editor records the rectification (`RedBlackRemoval.propose`),
a moderator verifies it (`verify`) or refuses it (`refuse`); only a verified removal takes
the entry off the list, from its `removed_on` date.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

VERIFY_PERMISSION = "rankings.verify_redblackremoval"


class RedBlackRemoval(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REFUSED = "refused", _("Refused")

    entry = models.ForeignKey(
        "rankings.RedBlackEntry",
        verbose_name=_("list entry"),
        on_delete=models.CASCADE,
        related_name="removals",
    )
    rectification = models.TextField(
        _("rectification"), help_text=_("What the firm put right, and how it was checked.")
    )
    removed_on = models.DateField(_("off the list from"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # Staff only, never shown publicly.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified or refused by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("verified or refused at"), null=True, blank=True)

    class Meta:
        verbose_name = _("black-list removal")
        verbose_name_plural = _("black-list removals")
        ordering = ["proposed_at", "pk"]
        permissions = [("verify_redblackremoval", _("Can verify black-list removals"))]

    def __str__(self):
        return f"{self.entry} · {self.get_status_display()}"

    @classmethod
    def propose(cls, entry, rectification, removed_on, user=None):
        if user is not None and not user.has_perm("rankings.add_redblackremoval"):
            raise PermissionDenied
        rectification = (rectification or "").strip()
        if entry.is_red:
            raise ValidationError(_("Only a black-list entry leaves the list early."))
        if not rectification:
            raise ValidationError({"rectification": _("Say what was rectified and how.")})
        if removed_on < entry.date:
            raise ValidationError({"removed_on": _("It cannot leave before it was listed.")})
        if entry.list_status(on=removed_on) != "listed":
            raise ValidationError(_("The entry is no longer on the list."))
        if entry.removals.filter(status=cls.Status.PENDING).exists():
            raise ValidationError(_("A removal is already waiting for verification."))
        return cls.objects.create(
            entry=entry, rectification=rectification, removed_on=removed_on, proposed_by=user
        )

    def verify(self, user=None):
        self._decide(self.Status.VERIFIED, user)

    def refuse(self, user=None):
        self._decide(self.Status.REFUSED, user)

    def _decide(self, status, user):
        if user is not None and not user.has_perm(VERIFY_PERMISSION):
            raise PermissionDenied
        with transaction.atomic():
            removal = type(self).objects.select_for_update().get(pk=self.pk)
            if removal.status != self.Status.PENDING:
                raise ValidationError(_("This removal has already been decided."))
            removal.status = status
            removal.decided_by = user
            removal.decided_at = timezone.now()
            removal.save(update_fields=["status", "decided_by", "decided_at"])
        self.refresh_from_db()
