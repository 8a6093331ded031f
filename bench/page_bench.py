"""Cost of one uncached request per public page type and for search (not a test).

Usage (from the project root; `python3.11 dev.py bench --pages` runs this):

    .venv/bin/python bench/page_bench.py                 # SQLite file in the temp directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hemei_bench \
        .venv/bin/python bench/page_bench.py

The database is migrated and the demo loaded when it has no home page; it is left behind, so
a second run skips that. Options: --repeat N (sequential requests per URL, default 15),
--only A,B (only the rows whose label contains one of these, e.g. --only "compound page,firm"),
--notices N (bulk-load notices up to N first, as bench/search_bench.py does, to show that the
figures do not grow with the data), --db PATH (SQLite file when DATABASE_URL is unset).

Per URL: SQL statements of one request (the same on every run), the statements of the first
request after a publish ("cold": what is kept per content generation is rebuilt, see
home/generation.py), and the median in-process CPU
time (`time.process_time`, so less sensitive to other jobs on the machine than wall time) of
N sequential requests through Django's test Client, test settings (the page cache off), the
first request not counted. A row over its target is flagged MISS.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGE_TARGET = (15.0, 15)  # CPU ms, SQL statements
SEARCH_TARGET = (30.0, 15)
SEARCHES = [
    ("search: two words", "业委会 换届"),
    ("search: common word", "物业"),
    ("search: no match", "火星殖民地"),
]


def _first_url(model, **filters):
    page = model.objects.live().filter(locale__language_code="zh-hans", **filters).first()
    if page is None:
        return None
    return page.url


def page_urls() -> list[tuple[str, str | None]]:
    """(label, URL) of one page of every public page type in the demo, in Chinese."""
    from django.urls import reverse
    from django.utils import translation

    from home.models import HomePage, PropertyFirm
    from notices.models import (
        CompoundIndexPage,
        JointMeetingIndexPage,
        NoticeIndexPage,
        NoticePage,
        RegulationPage,
        WorkLetterPage,
    )
    from rankings.models import RankingIndexPage, RankingMonthPage
    from services.models import ServiceIndexPage, ServiceStation
    from services.volunteering.models import VolunteerEventIndexPage, VolunteerEventPage

    def sub(base, tail):
        return base + tail if base else None

    regulation_page = RegulationPage.objects.live().filter(locale__language_code="zh-hans").first()
    regulation = regulation_page.url if regulation_page else None
    article = regulation_page.articles[0] if regulation_page and regulation_page.articles else None
    ranking_index = _first_url(RankingIndexPage)
    services_index = _first_url(ServiceIndexPage)
    meetings = _first_url(JointMeetingIndexPage)
    firm = PropertyFirm.objects.filter(locale__language_code="zh-hans").first()
    # A compound its directory serves: the demo's directories each list one community's.
    directory = CompoundIndexPage.objects.live().filter(locale__language_code="zh-hans").first()
    compound = directory.compounds().first() if directory else None
    compound_index = directory.url if directory else None
    station = ServiceStation.objects.active().first()
    with translation.override("zh-hans"):
        booking = reverse("services:book_service")
    return [
        ("home", _first_url(HomePage)),
        ("notice index", _first_url(NoticeIndexPage)),
        ("notice", _first_url(NoticePage)),
        ("regulation", regulation),
        ("article route", sub(regulation, f"articles/{article.anchor}/" if article else "")),
        ("ranking index", ranking_index),
        ("ranking month", _first_url(RankingMonthPage)),
        ("firm profile", sub(ranking_index, f"firms/{firm.slug}/" if firm else "")),
        ("compound index", compound_index),
        ("compound page", sub(compound_index, f"{compound.slug}/" if compound else "")),
        ("services index", services_index),
        ("station", sub(services_index, f"stations/{station.slug}/" if station else "")),
        ("booking step", booking),
        ("volunteer events", _first_url(VolunteerEventIndexPage)),
        ("volunteer event", _first_url(VolunteerEventPage)),
        ("joint meetings", meetings),
        ("follow-up tracker", sub(meetings, "follow-ups/")),
        ("work letter", _first_url(WorkLetterPage)),
    ]


def count_statements(client, url):
    from django.db import connection

    statements = []
    # Counted by a wrapper: the request_started signal empties connection.queries.
    with connection.execute_wrapper(lambda execute, *a: statements.append(1) or execute(*a)):
        response = client.get(url)
    return response, len(statements)


def measure(client, url, repeat):
    """(status, SQL statements of one request, the same right after a publish, median CPU ms
    over `repeat` requests)."""
    from home.generation import bump_generation

    client.get(url)  # warms per-process caches (templates, content types)
    # What is kept per content generation (home/generation.py) is rebuilt after a publish.
    bump_generation()
    _, cold = count_statements(client, url)
    response, statements = count_statements(client, url)
    timings = []
    for _ in range(repeat):
        started = time.process_time()
        client.get(url)
        timings.append((time.process_time() - started) * 1000)
    return response.status_code, statements, cold, statistics.median(timings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--notices", type=int, default=0)
    parser.add_argument("--only", default="", help="comma-separated parts of row labels")
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "hemei_page_bench.db"))
    args = parser.parse_args()

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{args.db}")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from home.models import HomePage

    call_command("migrate", verbosity=0)
    if not HomePage.objects.exists():
        call_command("load_demo", verbosity=0)
    if args.notices:
        import random

        from bench.search_bench import build_notice, bulk_load
        from notices.models import NoticeIndexPage, NoticePage

        existing = NoticePage.objects.count()
        if existing < args.notices:
            parent = NoticeIndexPage.objects.get(locale__language_code="zh-hans")
            bulk_load(
                NoticePage, parent, build_notice, random.Random(existing), existing, args.notices
            )
            call_command("update_index", verbosity=0)

    from notices.models import NoticePage

    client = Client()
    print(
        f"\n{connection.vendor}, {NoticePage.objects.live().count()} notices, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
        f"median of {args.repeat} requests"
    )
    print(f"{'page':<22}{'SQL':>5}{'cold':>6}{'CPU ms':>8}  target       URL")
    misses = 0
    rows = [(label, url, PAGE_TARGET) for label, url in page_urls()]
    rows += [(label, f"/search/?q={q}", SEARCH_TARGET) for label, q in SEARCHES]
    if args.only:
        parts = [part.strip() for part in args.only.split(",") if part.strip()]
        rows = [row for row in rows if any(part in row[0] for part in parts)]
    for label, url, (target_ms, target_sql) in rows:
        if url is None:
            print(f"{label:<22}  (no such page in this database)")
            continue
        status, statements, cold, cpu = measure(client, url, args.repeat)
        # The article route answers with a redirect to the article in its regulation.
        missed = cpu > target_ms or statements > target_sql or not 200 <= status < 400
        misses += missed
        flag = "MISS" if missed else "ok"
        target = f"≤{target_ms:.0f}/≤{target_sql}"
        figures = f"{statements:>5}{cold:>6}{cpu:>8.1f}"
        print(f"{label:<22}{figures}  {target:<9}{flag:>4}  {url} [{status}]")
    print(f"\n{misses} of {len(rows)} over target")


if __name__ == "__main__":
    main()
