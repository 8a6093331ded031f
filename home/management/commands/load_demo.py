import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.demo_loaders import demo_loaders
from home.generation import bump_generation


class Command(BaseCommand):
    help = "Build (or complete) the demo site. Safe to run again: nothing is duplicated."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-index", action="store_true", help="Skip rebuilding the search index."
        )

    def handle(self, *args, **options):
        if not settings.HEMEI_ALLOW_DEMO:
            raise CommandError("Demo content is disabled here (set HEMEI_ALLOW_DEMO=1).")
        context = {"stdout": self.stdout}
        with transaction.atomic():
            # Each app declares its loaders (home/demo_loaders.py); one that fails fails the
            # whole command, and the transaction leaves no half-built site behind.
            for path, load in demo_loaders():
                load(context)
                self.stdout.write(f"Demo content loaded: {path}")
        # Pages added in code send no publish signal: retire cached pages and menus here.
        bump_generation()
        self.ensure_admin()
        if not options["no_index"]:
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo site ready at http://127.0.0.1:8000/"))

    def ensure_admin(self):
        User = get_user_model()
        password = os.environ.get("HEMEI_ADMIN_PASSWORD")
        user = User.objects.filter(username="admin").first()
        if user and not password:
            self.stdout.write("Superuser 'admin' already exists; its password is unchanged.")
            return
        password = password or secrets.token_urlsafe(12)
        if user is None:
            user = User.objects.create_superuser("admin", "admin@example.cn", password)
        else:
            user.set_password(password)
            user.save()
        self.stdout.write(f"Superuser 'admin' password: {password}")
