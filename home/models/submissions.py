from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class FormSubmission(models.Model):
    """One accepted submission of a one-time form token and what it created.

    Written in the same transaction as the object it points at (see home/idempotency.py):
    a row exists exactly when its object was committed.
    """

    scope = models.CharField(_("form"), max_length=40)
    token = models.CharField(_("token"), max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True)
    object_id = models.CharField(max_length=40, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")
        constraints = [
            models.UniqueConstraint(fields=["scope", "token"], name="unique_form_submission")
        ]

    def __str__(self):
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"
