"""A deterministic synthetic city on top of the demo site, written with bulk inserts.

Same size and seed, same rows: every value comes from one `random.Random(seed)` and a fixed
calendar (the twelve months to November 2026), never from the clock. Nothing is saved row by
row: snippets and records go in with `bulk_create`, pages through `bulk_add_pages` (treebeard
paths computed here, as `bench/search_bench.py` does), and the search index is filled with
the backend's own `add_bulk`, so search works on the generated city at once.

Full size (300 communities, scale 1): 3,000 compounds, 1,000 firms with 12 months of scores,
200,000 notices and 100,000 residents' reports (one case each).
"""

import datetime
import math
import random
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from cases.models import Case, CaseCategory, Report
from home.models import Community, Compound, HomePage, PropertyFirm
from notices.models import CompoundIndexPage, NoticeIndexPage, NoticePage
from rankings.models import (
    Criterion,
    FirmAssessment,
    MonthCriterion,
    RankingIndexPage,
    RankingMonthPage,
    Score,
)
from rankings.models.assessments import correcting

from .vocabulary import SENTENCES, TOPICS

CHUNK = 2000
INDEX_CHUNK = 1000  # objects rendered and segmented, then written in one INSERT
COMPOUNDS_PER_COMMUNITY = 10
FIRMS_PER_COMMUNITY = 10 / 3  # 1,000 firms for 300 communities
NOTICES_PER_COMMUNITY = 2000 / 3  # 200,000 for 300 at scale 1
REPORTS_PER_COMMUNITY = 1000 / 3  # 100,000 for 300 at scale 1
OWN_FIRM_SHARE = 0.8  # of compounds served by a firm of their own community
LAST_MONTH = datetime.date(2026, 11, 1)
MONTHS = 12
# Fixed, so that two runs write the same timestamps.
EPOCH = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC)

DISTRICTS = ["巴州区", "恩阳区", "通江县", "南江县", "平昌县"]
STREETS = ["回风", "东城", "西城", "江北", "宕梁", "兴文", "时新", "奇章", "曾口", "水宁"]
PLACE_WORDS = [
    "桂花", "北路", "苗圃", "广电", "云影", "金桂", "宏荣", "宇众", "翠屏", "望江",
    "南池", "莲湖", "文庙", "巴灵", "鼎山", "凤凰", "青云", "玉堂", "芙蓉", "龙泉",
]  # fmt: skip
COMPOUND_SUFFIX = ["小区", "花园", "华府", "家园", "苑", "大厦", "名著"]
FIRM_WORDS = ["江南", "巴山", "秦巴", "恒信", "安居", "和美", "锦程", "融创", "汇丰", "嘉禾"]

REPORT_TOPICS = [
    ("高空抛物", "楼上有人往下扔垃圾，差点砸到老人。"),
    ("噪音扰民", "晚上十一点以后楼下还在施工，吵得睡不着。"),
    ("停车", "消防通道被私家车占用，救护车进不来。"),
    ("电梯故障", "电梯经常停在两层之间，老人不敢坐。"),
    ("路灯不亮", "小区后门的路灯坏了一个多月。"),
    ("垃圾清运", "垃圾桶满了两天没人清运，气味很大。"),
    ("漏水", "楼顶漏水，雨天墙面发霉。"),
    ("充电桩", "电动车在楼道里充电，存在安全隐患。"),
]
STATUS_WEIGHTS = [
    ("resolved", 60),
    ("closed", 15),
    ("in_hand", 10),
    ("accepted", 5),
    ("received", 10),
]


@dataclass(frozen=True)
class CitySize:
    communities: int
    compounds: int
    firms: int
    notices: int
    reports: int

    @classmethod
    def of(cls, communities, scale=1.0):
        return cls(
            communities=communities,
            compounds=communities * COMPOUNDS_PER_COMMUNITY,
            firms=math.ceil(communities * FIRMS_PER_COMMUNITY),
            notices=max(1, round(communities * NOTICES_PER_COMMUNITY * scale)),
            reports=max(1, round(communities * REPORTS_PER_COMMUNITY * scale)),
        )


def chunks(items, size=CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def month_starts():
    months, day = [], LAST_MONTH
    for _ in range(MONTHS):
        months.append(day)
        day = (day - datetime.timedelta(days=1)).replace(day=1)
    return sorted(months)


def bulk_add_pages(parent, model, pages):
    """Append `pages` (unsaved instances of `model`) as live children of `parent`."""
    parent.refresh_from_db()
    return bulk_add_children(model, [(parent, page) for page in pages])


def bulk_add_children(model, children):
    """Append each page of `children`, (parent, unsaved instance of `model`) pairs, as a live
    child of its parent; the parents' `numchild` must be current (it is kept up to date here).

    Wagtail's add_child validates, writes revisions and the reference index per page (tens of
    ms each); here the treebeard path of each child is computed from its parent's, the base
    rows go in with one bulk_create per chunk, the subclass rows with one executemany and the
    parents' child counts with one UPDATE per parent and chunk, so that many parents (a page
    of each kind under every community's home) cost the same statements as one.
    """
    content_type = ContentType.objects.get_for_model(model)
    fields = [f for f in model._meta.local_concrete_fields if f.name != "page_ptr"]
    created_ids = []
    for chunk in chunks(children):
        with transaction.atomic():
            rows, touched = [], {}
            for parent, page in chunk:
                parent.numchild += 1
                touched[parent.pk] = parent
                rows.append(
                    Page(
                        title=page.title,
                        draft_title=page.title,
                        slug=page.slug,
                        content_type=content_type,
                        locale_id=parent.locale_id,
                        translation_key=page.translation_key,
                        live=True,
                        depth=parent.depth + 1,
                        path=Page._get_path(parent.path, parent.depth + 1, parent.numchild),
                        url_path=f"{parent.url_path}{page.slug}/",
                        first_published_at=page.first_published_at,
                        last_published_at=page.first_published_at,
                    )
                )
            created = Page.objects.bulk_create(rows)
            columns = ["page_ptr_id"] + [f.column for f in fields]
            values = [
                [row.pk]
                + [f.get_db_prep_save(getattr(page, f.attname), connection) for f in fields]
                for row, (_parent, page) in zip(created, chunk, strict=True)
            ]
            placeholders = ", ".join(["%s"] * len(columns))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "
                    f"VALUES ({placeholders})",
                    values,
                )
            for parent in touched.values():
                Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
            created_ids.extend(row.pk for row in created)
    return created_ids


def _uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class CityGenerator:
    def __init__(self, size, seed, progress=None):
        self.size = size
        self.rng = random.Random(seed)
        self.progress = progress or (lambda message: None)
        self.locale = Locale.objects.get(language_code="zh-hans")
        self.home = HomePage.objects.filter(locale=self.locale).order_by("path").first()
        if self.home is None:
            raise LookupError("No home page: load the demo first (manage.py load_demo).")
        self.tag = f"s{seed}"
        # Case numbers of their own per seed (YYYY-NNNNNN: the public log's URLs take six
        # digits), far above the few a real community numbers in a year. Seeds nine apart share
        # them, so two such cities cannot sit in one database.
        self.sequence_base = (seed % 9 + 1) * 100_000
        if size.reports > 100_000:
            raise ValueError("At most 100,000 reports per city (case numbers have six digits).")

    def _slug(self, kind, number):
        # The seed is in the slug, so two cities (two seeds) can sit side by side.
        return f"city-{self.tag}-{kind}-{number:06d}"

    def communities(self):
        rows = []
        for number in range(self.size.communities):
            street = STREETS[number % len(STREETS)]
            word = PLACE_WORDS[(number // len(STREETS)) % len(PLACE_WORDS)]
            rows.append(
                Community(
                    name=f"{street}{word}社区（{number + 1}）",
                    slug=self._slug("community", number),
                    city="巴中市",
                    district=self.rng.choice(DISTRICTS),
                    subdistrict=f"{street}街道",
                    summary="",
                    locale=self.locale,
                    translation_key=_uuid(self.rng),
                )
            )
        return Community.objects.bulk_create(rows, batch_size=CHUNK)

    def firms(self, communities):
        rows = []
        for number in range(self.size.firms):
            community = communities[number % len(communities)]
            word = FIRM_WORDS[number % len(FIRM_WORDS)]
            rows.append(
                PropertyFirm(
                    community=community,
                    name=f"{word}物业管理有限公司（{number + 1}）",
                    slug=self._slug("firm", number),
                    qualification=self.rng.choice(["一级", "二级", "三级"]),
                    contact_person=f"{self.rng.choice('王李张刘陈杨赵黄')}经理",
                    phone=f"0827-{5200000 + number:07d}",
                    address=f"巴中市{community.district}{community.subdistrict}",
                    has_party_organisation=self.rng.random() < 0.6,
                    locale=self.locale,
                    translation_key=_uuid(self.rng),
                )
            )
        return PropertyFirm.objects.bulk_create(rows, batch_size=CHUNK)

    def compounds(self, communities, firms):
        firms_of_community = {}
        for firm in firms:
            firms_of_community.setdefault(firm.community_id, []).append(firm)
        rows = []
        for number in range(self.size.compounds):
            community = communities[number // COMPOUNDS_PER_COMMUNITY]
            word = PLACE_WORDS[number % len(PLACE_WORDS)]
            suffix = COMPOUND_SUFFIX[(number // len(PLACE_WORDS)) % len(COMPOUND_SUFFIX)]
            # Mostly a firm of the compound's own community; some firms serve several.
            own = firms_of_community[community.pk]
            if own and self.rng.random() < OWN_FIRM_SHARE:
                firm = own[self.rng.randrange(len(own))]
            else:
                firm = firms[self.rng.randrange(len(firms))]
            rows.append(
                Compound(
                    community=community,
                    name=f"{word}{suffix}（{number + 1}）",
                    slug=self._slug("compound", number),
                    address=f"{community.subdistrict}{word}路{self.rng.randrange(1, 300)}号",
                    households=self.rng.randrange(40, 1200),
                    buildings=self.rng.randrange(1, 30),
                    year_built=self.rng.randrange(1990, 2024),
                    property_firm=firm,
                    committee_status=self.rng.choice(Compound.CommitteeStatus.values),
                    locale=self.locale,
                    translation_key=_uuid(self.rng),
                )
            )
        return Compound.objects.bulk_create(rows, batch_size=CHUNK)

    def homes(self, communities):
        """A HomePage under the site root for every community (its section of the site, as
        home/communities.py hangs community homes), each with a notice index, a compound
        directory and a ranking index: {community pk: {"home", "notices", "compounds",
        "rankings"}}, the sections in the order of `communities`."""
        homes = [
            HomePage(
                title=community.name,
                slug=community.slug,
                community=community,
                translation_key=_uuid(self.rng),
                first_published_at=EPOCH,
            )
            for community in communities
        ]
        self.home.refresh_from_db()
        home_ids = bulk_add_children(HomePage, [(self.home, home) for home in homes])
        by_pk = HomePage.objects.in_bulk(home_ids)
        homes = [by_pk[pk] for pk in home_ids]
        sections = {
            community.pk: {"home": home} for community, home in zip(communities, homes, strict=True)
        }
        for name, model, title in (
            ("notices", NoticeIndexPage, "通知公告"),
            ("compounds", CompoundIndexPage, "小区名录"),
            ("rankings", RankingIndexPage, "物业公司考评"),
        ):
            pages = [
                model(
                    title=title,
                    # The rankings slug names the seed (the tests find a city's months by it).
                    slug=self._slug(name, number) if name == "rankings" else name,
                    show_in_menus=True,
                    translation_key=_uuid(self.rng),
                    first_published_at=EPOCH,
                )
                for number in range(len(homes))
            ]
            ids = bulk_add_children(model, list(zip(homes, pages, strict=True)))
            by_pk = model.objects.in_bulk(ids)
            for community, pk in zip(communities, ids, strict=True):
                sections[community.pk][name] = by_pk[pk]
        return sections

    def rankings(self, sections, firms, compounds):
        """Twelve published months under every community's ranking index, each firm with a
        record in the community (registered there or serving one of its compounds) scored
        in each."""
        firms_by_pk = {firm.pk: firm for firm in firms}
        ranked = {pk: {} for pk in sections}
        for firm in firms:
            ranked[firm.community_id][firm.pk] = firm
        for compound in compounds:
            ranked[compound.community_id][compound.property_firm_id] = firms_by_pk[
                compound.property_firm_id
            ]
        children, month_firms = [], []
        for community_pk, section in sections.items():
            index = section["rankings"]
            index.numchild = 0
            for day in month_starts():
                children.append(
                    (
                        index,
                        RankingMonthPage(
                            title=f"{day.year}年{day.month}月物业公司考评排名",
                            slug=f"{day:%Y-%m}",
                            month=day,
                            intro="",
                            translation_key=_uuid(self.rng),
                            first_published_at=EPOCH,
                        ),
                    )
                )
                month_firms.append(sorted(ranked[community_pk].values(), key=lambda f: f.pk))
        month_ids = bulk_add_children(RankingMonthPage, children)
        criteria = list(Criterion.objects.filter(is_active=True).order_by("sort_order", "pk"))
        with correcting():  # the months are published: writing their records is the point
            for batch in chunks(list(zip(month_ids, month_firms, strict=True)), CHUNK // 10):
                frozen = MonthCriterion.objects.bulk_create(
                    [
                        MonthCriterion(
                            month_id=month_id,
                            criterion=criterion,
                            name=criterion.name,
                            name_en=criterion.name_en,
                            max_score=criterion.max_score,
                            sort_order=criterion.sort_order,
                        )
                        for month_id, _firms in batch
                        for criterion in criteria
                    ],
                    batch_size=CHUNK,
                )
                by_month = {}
                for item in frozen:
                    by_month.setdefault(item.month_id, []).append(item)
                assessments = FirmAssessment.objects.bulk_create(
                    [
                        FirmAssessment(month_id=month_id, firm=firm)
                        for month_id, month_firms_ in batch
                        for firm in month_firms_
                    ],
                    batch_size=CHUNK,
                )
                scores = []
                for assessment in assessments:
                    for criterion in by_month[assessment.month_id]:
                        share = Decimal(self.rng.randrange(60, 101)) / 100
                        value = (criterion.max_score * share).quantize(Decimal("0.1"))
                        scores.append(
                            Score(assessment=assessment, criterion=criterion, value=value)
                        )
                Score.objects.bulk_create(scores, batch_size=CHUNK)
        return month_ids

    def notices(self, sections, compounds):
        """Notices under each community's notice index, each about one of its compounds."""
        children = []
        for number in range(self.size.notices):
            compound = compounds[self.rng.randrange(len(compounds))]
            topic = self.rng.choice(TOPICS)
            body = [("paragraph", RichText(f"<p>{s}</p>")) for s in self.rng.sample(SENTENCES, 4)]
            day = LAST_MONTH - datetime.timedelta(days=self.rng.randrange(365 * 3))
            page = NoticePage(
                title=f"{compound.name}{topic}（第{number + 1}号）",
                slug=self._slug("notice", number),
                body=body,
                summary=self.rng.choice(SENTENCES),
                publish_date=day,
                translation_key=_uuid(self.rng),
                first_published_at=datetime.datetime.combine(
                    day, datetime.time(9), tzinfo=datetime.UTC
                ),
            )
            children.append((sections[compound.community_id]["notices"], page))
            if len(children) == CHUNK * 5:
                yield from bulk_add_children(NoticePage, children)
                self.progress(f"notices: {number + 1}")
                children = []
        yield from bulk_add_children(NoticePage, children)

    def reports(self, compounds):
        """One case per report, spread over the last three years; most resolved."""
        categories = list(CaseCategory.objects.filter(locale=self.locale).order_by("pk"))
        if not categories:
            raise LookupError("No case categories (they are seeded by the cases migrations).")
        statuses = [status for status, weight in STATUS_WEIGHTS for _ in range(weight)]
        case_ids = []
        for start in range(0, self.size.reports, CHUNK):
            stop = min(start + CHUNK, self.size.reports)
            cases, reports = [], []
            for number in range(start, stop):
                compound = compounds[self.rng.randrange(len(compounds))]
                category = categories[self.rng.randrange(len(categories))]
                title, description = self.rng.choice(REPORT_TOPICS)
                received = EPOCH - datetime.timedelta(minutes=self.rng.randrange(3 * 365 * 1440))
                status = self.rng.choice(statuses)
                accepted = resolved = closed = None
                if status != "received":
                    accepted = received + datetime.timedelta(hours=self.rng.randrange(1, 48))
                if status in ("resolved", "closed"):
                    resolved = accepted + datetime.timedelta(days=self.rng.randrange(1, 30))
                if status == "closed":
                    closed = resolved + datetime.timedelta(days=self.rng.randrange(1, 8))
                sequence = self.sequence_base + number
                cases.append(
                    Case(
                        year=received.year,
                        sequence=sequence,
                        public_number=f"{received.year}-{sequence}",
                        community_id=compound.community_id,
                        compound=compound,
                        category=category,
                        title=f"{compound.name}{title}",
                        status=status,
                        route="firm" if status != "received" else "",
                        received_at=received,
                        accept_by=received
                        + datetime.timedelta(hours=category.accept_within_hours or 24),
                        accepted_at=accepted,
                        resolved_at=resolved,
                        closed_at=closed,
                        outcome_summary="物业公司已处理，居民确认满意。" if resolved else "",
                    )
                )
                reports.append(
                    Report(
                        reference=f"Z{self.tag}{number:08d}"[-12:],
                        compound=compound,
                        category=category,
                        building=f"{self.rng.randrange(1, 20)}栋{self.rng.randrange(1, 5)}单元",
                        description=description,
                        reporter_name="居民",
                        reporter_mobile=f"139{self.rng.randrange(10**8):08d}",
                        form_token=f"city-{self.tag}-{number}",
                        created_at=received,
                    )
                )
            with transaction.atomic():
                created = Case.objects.bulk_create(cases)
                for case, report in zip(created, reports, strict=True):
                    report.case = case
                Report.objects.bulk_create(reports)
            case_ids.extend(case.pk for case in created)
            self.progress(f"reports: {stop}")
        return case_ids


def index_in_bulk(model, ids, progress):
    """Add the generated rows to the search index, a chunk at a time (one INSERT of the
    index rows per chunk), and report the rate."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    queryset = model.objects.all()
    if hasattr(model, "get_indexed_objects"):
        queryset = model.get_indexed_objects()
    started = time.perf_counter()
    for chunk in chunks(list(ids), INDEX_CHUNK):
        backend.add_bulk(model, list(queryset.filter(pk__in=chunk)))
    progress(rate(f"indexed {len(ids)} {model._meta.model_name}", len(ids), started))


def rate(what, rows, started):
    """`what` with the time since `started` and the rows a second."""
    seconds = time.perf_counter() - started
    return f"{what} in {seconds:.1f} s ({rows / seconds if seconds else 0:,.0f} rows/s)"


def generate_city(size, seed=1, index=True, progress=None):
    """Write the city; return what was made, by kind. `progress` is told each step with its
    time and rate (rows a second), for the README's figures."""
    from search.backends.batch import bulk_indexing

    progress = progress or (lambda message: None)
    generator = CityGenerator(size, seed, progress)
    started = time.perf_counter()
    with transaction.atomic():
        communities = generator.communities()
        firms = generator.firms(communities)
        compounds = generator.compounds(communities, firms)
        sections = generator.homes(communities)
    progress(
        rate(
            f"{len(communities)} communities (a home page each, with its sections), "
            f"{len(firms)} firms, {len(compounds)} compounds",
            len(communities) * 5 + len(firms) + len(compounds),
            started,
        )
    )
    started = time.perf_counter()
    with transaction.atomic():  # a stopped run leaves no half-scored month
        month_ids = generator.rankings(sections, firms, compounds)
    progress(rate(f"{len(month_ids)} ranking months scored", len(month_ids), started))
    started = time.perf_counter()
    notice_ids = list(generator.notices(sections, compounds))
    progress(rate(f"{len(notice_ids)} notices", len(notice_ids), started))
    started = time.perf_counter()
    case_ids = generator.reports(compounds)
    progress(rate(f"{len(case_ids)} reports", len(case_ids), started))
    if index:
        started = time.perf_counter()
        pages = [
            (model, [section[name].pk for section in sections.values()])
            for name, model in (
                ("home", HomePage),
                ("notices", NoticeIndexPage),
                ("compounds", CompoundIndexPage),
                ("rankings", RankingIndexPage),
            )
        ]
        with bulk_indexing():
            for model, ids in (
                (Community, [c.pk for c in communities]),
                (PropertyFirm, [f.pk for f in firms]),
                (Compound, [c.pk for c in compounds]),
                *pages,
                (RankingMonthPage, month_ids),
                (NoticePage, notice_ids),
                (Case, case_ids),
            ):
                index_in_bulk(model, ids, progress)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
        progress(rate("search index written", len(notice_ids) + len(case_ids), started))
    return {
        "communities": len(communities),
        "compounds": len(compounds),
        "firms": len(firms),
        "ranking months": len(month_ids),
        "notices": len(notice_ids),
        "reports": len(case_ids),
    }
