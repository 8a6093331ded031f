"""One-time form tokens: a form that creates something creates it once, however often it is sent.

A resident whose booking was saved but who then saw an error (a timeout, a proxy's 502)
presses reload or "send" again. Without a token that is a second booking; with one, the
second submission finds the first one's record and shows its result instead.

API, for any public form that creates an object:

- Template: put ``{% load idempotency_tags %}{% one_time_token %}`` inside the ``<form>``. It
  renders a hidden field ``form_token``: a fresh random token on a new form, the submitted one
  when the form is shown again after a validation error (still the same attempt).
- View, on a valid POST::

      from home import idempotency

      obj, created = idempotency.submit_once(request, "booking", lambda: make_the_thing(form))
      # created is False when this token had already created `obj`: show obj's result page
      # (and do not count a second rate-limit hit or send a second notification).

  ``create`` always runs inside a transaction, with the token's record if there is a
  token. If it raises, both roll back and the exception propagates (the token stays
  unused, so the resident can try again). A concurrent submission of the same token waits
  for the first one (the unique constraint on scope and token) and then returns the first
  one's object. ``create`` must return a saved model instance.
- A POST without a token, or with a malformed one (an old tab, a script), runs ``create``
  without protection: idempotency helps residents, it is not an access control.
- Tokens are secrets of one browser's form: never put them in a URL, and never render them
  into a page the page cache may share (forms carry a CSRF cookie, which bypasses it).
- ``purge_submissions(days)`` deletes old records; ``purge_personal_data`` calls it.

Scopes in use: "booking", "volunteer-signup", "volunteer-join".
"""

import re
import secrets
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

FIELD_NAME = "form_token"
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,64}")
# Long enough for any reload or retry; the records hold no personal data.
KEEP_DAYS = 7


def new_token():
    return secrets.token_urlsafe(24)


def submitted_token(request):
    """The well-formed token of this POST, or None."""
    value = request.POST.get(FIELD_NAME, "") if request.method == "POST" else ""
    return value if TOKEN_RE.fullmatch(value) else None


def token_for_form(request):
    """The token to render: the submitted one on a re-rendered form, else a new one."""
    return submitted_token(request) or new_token()


def previous_result(scope, token):
    """The object an earlier submission of `token` created, or None."""
    from .models import FormSubmission

    record = (
        FormSubmission.objects.filter(scope=scope, token=token)
        .select_related("content_type")
        .first()
    )
    return record.target if record is not None and record.content_type_id else None


def submit_once(request, scope, create):
    """Run `create()` at most once per form token; return (object, created)."""
    from .models import FormSubmission

    token = submitted_token(request)
    if token is None:
        with transaction.atomic():
            return create(), True
    earlier = previous_result(scope, token)
    if earlier is not None:
        return earlier, False
    try:
        with transaction.atomic():
            # Claim the token first: a parallel submission of it blocks here until this
            # transaction ends, then fails on the unique constraint.
            record = FormSubmission.objects.create(scope=scope, token=token)
            obj = create()
            record.content_type = ContentType.objects.get_for_model(obj)
            record.object_id = str(obj.pk)
            record.save(update_fields=["content_type", "object_id"])
    except IntegrityError:
        earlier = previous_result(scope, token)
        if earlier is None:
            raise
        return earlier, False
    return obj, True


def purge_submissions(days=KEEP_DAYS):
    from .models import FormSubmission

    cutoff = timezone.now() - timedelta(days=days)
    return FormSubmission.objects.filter(created_at__lt=cutoff).delete()[0]
