"""manage.py generate_city --communities N --scale S --seed K: a deterministic synthetic city."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from city.generator import CitySize, generate_city


class Command(BaseCommand):
    help = (
        "Adds a deterministic synthetic city to the demo site (communities, compounds, firms "
        "with 12 months of scores, notices, residents' reports) with bulk inserts, and indexes "
        "it for search. 300 communities at scale 1 is the full size (3,000 compounds, 1,000 "
        "firms, 200,000 notices, 100,000 reports)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--communities", type=int, default=300)
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="multiplies the notices and reports per community (1: full size)",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-index", action="store_true", help="skip the search index")

    def handle(self, *args, communities, scale, seed, no_index, **options):
        if not settings.HEMEI_ALLOW_DEMO:
            raise CommandError("Synthetic data is only generated where HEMEI_ALLOW_DEMO is on.")
        if not 1 <= communities <= 10_000 or not 0 < scale <= 10:
            raise CommandError("--communities must be 1–10000 and --scale between 0 and 10.")
        size = CitySize.of(communities, scale)
        started = time.perf_counter()

        def report(message):
            if options["verbosity"]:
                elapsed = time.perf_counter() - started
                self.stdout.write(f"[{elapsed:7.1f} s] {message}")

        try:
            counts = generate_city(size, seed=seed, index=not no_index, progress=report)
        except (LookupError, ValueError) as error:
            raise CommandError(str(error)) from error
        report(", ".join(f"{count} {name}" for name, count in counts.items()))
