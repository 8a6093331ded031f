from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile every .po file of the project into .mo, in pure Python "
        "(no GNU gettext needed on a fresh machine)."
    )

    def handle(self, *args, **options):
        base = Path(settings.BASE_DIR)
        count = 0
        for po_path in sorted(base.glob("*/locale/*/LC_MESSAGES/*.po")):
            if ".venv" in po_path.parts:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            count += 1
        self.stdout.write(f"Compiled {count} translation catalogues.")
