"""Search latency benchmark (not a test): 10,000 notices on top of the demo site.

Usage (from the project root; the database is created from scratch and left behind, so a
second run skips the loading):

    .venv/bin/python bench/search_bench.py                      # SQLite in a temp file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hemei_bench \
        .venv/bin/python bench/search_bench.py

A whole synthetic city instead of the notices alone (manage.py generate_city: 300 communities
is the full size, 200,000 notices among everything else; generated once, then reused):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hemei_city \
        .venv/bin/python bench/search_bench.py --city 300

Options: --city N (communities, with --city-scale S and --seed K), --pages N (default 10000),
--repeat N (timed runs per query, default 20),
--model (default notices.NoticePage, loaded under the demo's notice index, beside the demo's
regulations, rankings, services and events; `search_fixtures.FixtureNoticePage` measures the
test-only page model instead).

Reported per query: p50/p95 of (a) Wagtail's search API over the notices, first page of 10
results plus the count; (b) the whole results page (/search/?q=…), which searches every
content type (counts per type, the best 50 of each, highlighted snippets, the template).
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ONE_WORD = ["物业", "电梯", "业委会", "停水", "疫苗"]
TWO_WORDS = ["物业费 标准", "业委会 换届", "上门 社保认证", "电梯 维修", "停车 桂花街"]

COMPOUNDS = [
    "北路华府小区",
    "苗圃小区",
    "广电花苑小区",
    "宇众傲城小区",
    "云影香山小区",
    "金桂大厦",
    "宏荣名著",
]
from city.vocabulary import SENTENCES, TOPICS  # noqa: E402 (after the sys.path line)


def build_fixture_page(model, rng, number):
    compound = rng.choice(COMPOUNDS)
    topic = rng.choice(TOPICS)
    body = "".join(rng.sample(SENTENCES, 5))
    return model(title=f"{compound}{topic}（第{number}号）", slug=f"bench-{number}", body=body)


def build_notice(model, rng, number):
    from wagtail.rich_text import RichText

    compound = rng.choice(COMPOUNDS)
    topic = rng.choice(TOPICS)
    paragraphs = [("paragraph", RichText(f"<p>{s}</p>")) for s in rng.sample(SENTENCES, 5)]
    day = datetime.date(2026, 11, 1) - datetime.timedelta(days=rng.randrange(1000))
    return model(
        title=f"{compound}{topic}（第{number}号）",
        slug=f"bench-{number}",
        body=paragraphs,
        summary=rng.choice(SENTENCES),
        publish_date=day,
    )


BUILDERS = {
    "notices.NoticePage": build_notice,
    "search_fixtures.FixtureNoticePage": build_fixture_page,
}


def bulk_load(model, home, build, rng, start, stop):
    """Insert pages without Wagtail's per-page save (treebeard paths computed here).

    A page-by-page add_child costs ~60 ms (validation, reference index, commit); 10,000
    of them take long enough on a busy machine to matter. The pages are plain live pages,
    indexed afterwards by update_index, which is all a search benchmark needs.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(model)
    home.refresh_from_db()
    now = timezone.now()
    child_fields = [f for f in model._meta.local_concrete_fields if f.name not in {"page_ptr"}]
    for chunk_start in range(start, stop, 1000):
        numbers = range(chunk_start, min(chunk_start + 1000, stop))
        with transaction.atomic():
            built = [build(model, rng, number) for number in numbers]
            rows = []
            for offset, page in enumerate(built):
                rows.append(
                    Page(
                        title=page.title,
                        draft_title=page.title,
                        slug=page.slug,
                        content_type=content_type,
                        locale_id=home.locale_id,
                        live=True,
                        depth=home.depth + 1,
                        path=Page._get_path(home.path, home.depth + 1, home.numchild + offset + 1),
                        url_path=f"{home.url_path}{page.slug}/",
                        first_published_at=now,
                        last_published_at=now,
                    )
                )
            created = Page.objects.bulk_create(rows)
            columns = ["page_ptr_id"] + [f.column for f in child_fields]
            values = [
                [row.pk]
                + [f.get_db_prep_save(getattr(page, f.attname), connection) for f in child_fields]
                for row, page in zip(created, built, strict=True)
            ]
            placeholders = ", ".join(["%s"] * len(columns))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "
                    f"VALUES ({placeholders})",
                    values,
                )
            Page.objects.filter(pk=home.pk).update(numchild=home.numchild + len(rows))
            home.numchild += len(rows)
        print(f"  {numbers[-1] + 1} pages…", flush=True)


def fixture_site(model, build, registry):
    """The test-only page and article models on a bare site, registered for site search."""
    from wagtail.models import Page, Site

    from home.models import HomePage
    from tests.search_fixtures.models import FixtureArticle

    registry.register(
        registry.SearchType("notices", "Notices", (registry.SearchModel(model._meta.label),)),
        before="notices",
    )
    registry.register(
        registry.SearchType(
            "regulations",
            "Regulations",
            (registry.SearchModel("search_fixtures.FixtureArticle", date_field=None),),
        )
    )
    home = HomePage.objects.filter(slug="bench-home").first()
    if home is None:
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="回风亭社区", slug="bench-home")
        )
        rng = random.Random(0)
        rules = home.add_child(instance=build(model, rng, 0))
        for number in range(1, 121):
            FixtureArticle.objects.create(
                page=rules,
                number=number,
                label=f"第{number}条",
                anchor=f"article-{number}",
                heading=rng.choice(TOPICS),
                text="".join(rng.sample(SENTENCES, 3)),
            )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "root_page": home}
    )
    return home


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def count_statements(client, query) -> int:
    """SQL statements of one results page (after a request that warms per-process caches)."""
    from django.db import connection

    client.get("/search/", {"q": query})
    statements = []
    # Counted by a wrapper: the request_started signal empties connection.queries.
    with connection.execute_wrapper(lambda execute, *a: statements.append(1) or execute(*a)):
        client.get("/search/", {"q": query})
    return len(statements)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--model", default="notices.NoticePage")
    parser.add_argument("--city", type=int, default=0, help="generate_city communities")
    parser.add_argument("--city-scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="SQLite file when DATABASE_URL is unset (kept for reuse)")
    args = parser.parse_args()

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    if not os.environ.get("DATABASE_URL"):
        path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from home.models import HomePage
    from notices.models import NoticeIndexPage
    from search import registry

    call_command("migrate", verbosity=0)
    model = apps.get_model(args.model)
    build = BUILDERS[args.model]
    if model._meta.app_label == "search_fixtures":
        parent = fixture_site(model, build, registry)
    else:
        if not HomePage.objects.exists():
            call_command("load_demo", verbosity=0)
        # The demo has one notice index per community: load under the site root's (the first).
        parent = (
            NoticeIndexPage.objects.filter(locale__language_code="zh-hans")
            .order_by("depth", "path")
            .first()
        )

    if args.city:
        from city.generator import CitySize, generate_city
        from home.models import Community

        if not Community.objects.filter(slug__startswith=f"city-s{args.seed}-").exists():
            started = time.perf_counter()
            counts = generate_city(
                CitySize.of(args.city, args.city_scale),
                seed=args.seed,
                progress=lambda message: print(f"  {message}", flush=True),
            )
            print(f"generate_city {counts} in {time.perf_counter() - started:.0f} s")
        args.pages = 0
    existing = model.objects.count()
    if existing < args.pages:
        rng = random.Random(existing)
        started = time.perf_counter()
        bulk_load(model, parent, build, rng, existing, args.pages)
        print(f"Loaded {args.pages - existing} pages in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE")  # as autovacuum would after a bulk load
        print(f"update_index: {time.perf_counter() - started:.0f} s")

    from wagtail.search.backends import get_search_backend

    from notices.models import RegulationArticle
    from tests.search_fixtures.models import FixtureArticle

    backend = get_search_backend()
    client = Client()
    articles = RegulationArticle.objects.count() + FixtureArticle.objects.count()
    notices = model.objects.live().count()
    print(f"\n{connection.vendor}, {notices} notices, {articles} regulation articles")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"{'query':<16}{'matches':>8}{'API p50':>10}{'API p95':>10}"
        f"{'page p50':>10}{'page p95':>10}{'SQL':>6}{'CPU p50':>9}  (ms; target ≤15 SQL, ≤30 CPU)"
    )
    for query in ONE_WORD + TWO_WORDS:
        api, page, cpu = [], [], []
        statements = count_statements(client, query)
        for run in range(args.repeat + 1):
            started = time.perf_counter()
            results = backend.search(query, model.objects.live())
            list(results[:10])
            count = results.count()
            elapsed = (time.perf_counter() - started) * 1000
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get("/search/", {"q": query})
            page_cpu = (time.process_time() - cpu_started) * 1000
            page_elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200
            if run:  # the first run warms caches
                api.append(elapsed)
                page.append(page_elapsed)
                cpu.append(page_cpu)
        print(
            f"{query:<16}{count:>8}{statistics.median(api):>10.0f}{percentile(api, 0.95):>10.0f}"
            f"{statistics.median(page):>10.0f}{percentile(page, 0.95):>10.0f}"
            f"{statements:>6}{statistics.median(cpu):>9.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
