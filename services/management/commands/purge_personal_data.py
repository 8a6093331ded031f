from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.retention import registered_purgers, retention_days
from services.models import Appointment
from services.volunteering.models import (
    count_volunteer_personal_data,
    purge_volunteer_personal_data,
)


class Command(BaseCommand):
    help = (
        "Anonymise appointment requests whose appointment ended, and volunteer sign-ups and "
        "applications that closed, more than HEMEI_PERSONAL_DATA_RETENTION_DAYS days ago "
        "(default 180), and whatever other apps register (home.retention). Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Override the retention period for this run.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be anonymised."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = retention_days() if days is None else days
        if days < 0:
            raise CommandError("--days must be zero or more.")
        due = Appointment.objects.due_for_anonymising(days)
        if dry_run:
            self.stdout.write(f"{due.count()} appointment request(s) would be anonymised.")
            volunteers = count_volunteer_personal_data(days)
            self.stdout.write(
                f"{volunteers['volunteer_signups']} volunteer sign-up(s) and "
                f"{volunteers['volunteer_applications']} volunteer application(s) would be "
                "anonymised."
            )
            for purger in registered_purgers():
                for label, number in purger.count(days).items():
                    self.stdout.write(f"{number} {label} would be anonymised.")
            return
        count = 0
        for pk in due.values_list("pk", flat=True).iterator():
            with transaction.atomic():
                appointment = Appointment.objects.select_for_update().get(pk=pk)
                if appointment.anonymised_at is None:
                    appointment.anonymise()
                    count += 1
        self.stdout.write(f"{count} appointment request(s) anonymised (older than {days} days).")
        volunteers = purge_volunteer_personal_data(days)
        self.stdout.write(
            f"{volunteers['volunteer_signups']} volunteer sign-up(s) and "
            f"{volunteers['volunteer_applications']} volunteer application(s) anonymised."
        )
        for purger in registered_purgers():
            for label, number in purger.purge(days).items():
                self.stdout.write(f"{number} {label} anonymised.")
