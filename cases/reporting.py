"""What the report form remembers between steps, and how a finished report is saved.

Between the steps only the category and compound (two ids) sit in the session; personal
data arrives with the last POST and goes straight into the database. A browser may see the
done and status pages of the reports it sent or looked up (a short list in its session).
"""

import hashlib
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation

from .models import Case, CaseEvent, CaseSupport, Report, ReportPhoto

SESSION_KEY = "hemei_report"
ACCESS_KEY = "hemei_report_access"
ACCESS_KEPT = 5
SIMILAR_SHOWN = 10


class ReportState:
    """Step 1's answers (category and compound ids) and the form token of step 3."""

    def __init__(self, request):
        self.session = request.session
        self.data = dict(self.session.get(SESSION_KEY, {}))

    def get(self, name, default=None):
        return self.data.get(name, default)

    def update(self, **values):
        self.data.update(values)
        self.session[SESSION_KEY] = self.data

    def form_token(self):
        """One token per filled-in form: a resubmission of the same form carries the same one."""
        if not self.data.get("token"):
            self.update(token=secrets.token_urlsafe(24))
        return self.data["token"]

    def clear(self):
        self.session.pop(SESSION_KEY, None)
        self.data = {}


def grant_access(session, reference):
    kept = [ref for ref in session.get(ACCESS_KEY, []) if ref != reference][-(ACCESS_KEPT - 1) :]
    session[ACCESS_KEY] = kept + [reference]


def has_access(session, reference):
    return reference in session.get(ACCESS_KEY, [])


def similar_open_cases(compound_id, category_id):
    """Open public cases of the same compound and category, with how many residents share them."""
    return list(
        Case.objects.public()
        .open()
        .filter(compound_id=compound_id, category_id=category_id)
        .annotate(
            report_count=models.Count("reports", distinct=True),
            support_count=models.Count("supports", distinct=True),
        )
        .order_by("-received_at", "-pk")[:SIMILAR_SHOWN]
    )


def client_hash(case, client_ip):
    """Who said "me too", as a hash: one per address per case, the address never stored."""
    return hashlib.sha256(
        f"{settings.SECRET_KEY}:support:{case.pk}:{client_ip}".encode()
    ).hexdigest()


def add_support(case, client_ip):
    """Count one "me too" from this address; False if it had already been counted."""
    _support, created = CaseSupport.objects.get_or_create(
        case=case, client_hash=client_hash(case, client_ip)
    )
    return created


def report_for_token(token):
    return Report.objects.select_related("case").filter(form_token=token).first()


def submit_report(form, category, compound):
    """Save a valid details form as a Report with its own Case (and photos); return the Report.

    The same form token twice returns the first report: a double click, a reload after a
    slow answer or a resubmitted form never files a second one.
    """
    data = form.cleaned_data
    existing = report_for_token(data["form_token"])
    if existing is not None:
        return existing, False
    now = timezone.now()
    try:
        with transaction.atomic():
            # The public title starts as the category: the resident's own words may name
            # people, so staff write the public summary.
            case = Case.objects.create(
                compound=compound, category=category, title=category.name, received_at=now
            )
            report = Report.objects.create(
                case=case,
                compound=compound,
                category=category,
                building=data["building"],
                description=data["description"],
                location=data["location"],
                reporter_name=data["reporter_name"],
                reporter_mobile=data["reporter_mobile"],
                for_someone_else=form.for_someone_else,
                relation=data["relation"],
                wants_contact=form.contact_wanted,
                form_token=data["form_token"],
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
            for number, photo in enumerate(data["photos"], start=1):
                ReportPhoto.objects.create(
                    report=report,
                    image=ContentFile(photo.content, name=f"{report.reference}-{number}.jpg"),
                    width=photo.width,
                    height=photo.height,
                )
            # A public status event: it texts the reporter the reference (after the commit).
            case.log(CaseEvent.Kind.STATUS, actor=CaseEvent.Actor.RESIDENT, is_public=True)
    except IntegrityError:
        # Two copies of the same form raced: the other one was saved first.
        existing = report_for_token(data["form_token"])
        if existing is None:
            raise
        return existing, False
    return report, True
