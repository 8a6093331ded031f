import os
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
            mo_path = po_path.with_suffix(".mo")
            compiled = polib.pofile(str(po_path)).to_binary()
            # Unchanged catalogues are left alone, and changed ones replaced in one step: CI runs
            # two `dev.py test` at once, and a process reading a half-written .mo would fail.
            if not mo_path.exists() or mo_path.read_bytes() != compiled:
                partial = mo_path.with_name(f"{mo_path.name}.{os.getpid()}.tmp")
                partial.write_bytes(compiled)
                os.replace(partial, mo_path)
            count += 1
        self.stdout.write(f"Compiled {count} translation catalogues.")
