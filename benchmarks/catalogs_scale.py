"""Catalog figures at province scale, each beside its floor measured in the same run.

    .venv/bin/python benchmarks/catalogs_scale.py --counties 100      # 9 M item rows
    .venv/bin/python benchmarks/catalogs_scale.py --counties 4 --database sqlite

Loads `counties` × `bodies` × `items` × `versions` published approval-list item rows (the
issue's province scale is 100 × 60 × 300 × 5 = 9 M) with COPY on PostgreSQL (executemany on
SQLite), then measures, each beside a floor:

- Excel import of 5,000 rows through the real path (upload guard, row checks,
  `version_import`) — floor: COPY of the same 5,000 rows;
- `selectors.compare` of two 5,000-item versions — floor: the raw SQL reading both versions;
- portal keyword search and one-body browse, the public item and diff API (Django test
  client, p95) — floor: the page's own item query as raw SQL (LIKE scan for the keyword);
- queries per page.

Its own database: `bench_catalogs_scale`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import time

from _setup import count_queries, database_url, percentile, setup_django

# A throwaway key for this run: settings refuse PostgreSQL without one.
os.environ.setdefault("FAZHI_SECRET_KEY", os.urandom(32).hex())

WORDS = ["食品", "药品", "建设", "规划", "运输", "卫生", "环境", "农业", "水利", "教育"]
BASIS = "《中华人民共和国行政许可法》第十二条"
NOW = "2026-01-01 00:00:00+08"


def report(*cells) -> None:
    print("  " + " | ".join(str(c) for c in cells), flush=True)


def ms(samples: list[float]) -> str:
    return (
        f"median {statistics.median(samples) * 1000:,.1f} ms, "
        f"p95 {percentile(samples, 95) * 1000:,.1f} ms"
    )


def sample(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def copy_rows(table: str, columns: list[str], rows, *, vendor: str) -> None:
    """COPY on PostgreSQL; one executemany on SQLite (no COPY there)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("%s" for _ in columns)
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", list(rows)
            )


VERSION_COLUMNS = [
    "created_at",
    "updated_at",
    "body_id",
    "kind",
    "year",
    "status",
    "note",
    "removal_reasons",
    "item_count",
    "approval_ref",
    "return_reason",
    "published_on",
    "is_baseline",
    "version",
    "sequence",
    "adjustment_reason",
]
TEXT_FIELDS = [
    "responsibility",
    "accountability",
    "fee",
    "service_object",
    "standard",
    "collecting_body",
    "fund_management",
    "served_approval",
    "issuing_body",
    "guide",
    "inspection_object",
    "frequency",
    "change_reason",
    "power_kind",
]
ITEM_COLUMNS = [
    "catalog_id",
    "position",
    "code",
    "name",
    "basis",
    "implementing_body",
    "statutory_days",
    "promised_days",
    "promise",
    *TEXT_FIELDS,
]


def item_row(catalog_id: int, unit_id: int, i: int, v: int, word: str, promise: bool):
    blanks = [""] * len(TEXT_FIELDS)
    blanks[2] = "不收费"
    return [
        catalog_id,
        i,
        f"{unit_id:05d}-{i:04d}",
        f"{word}许可{i}",
        BASIS,
        "县审批局",
        20,
        max(1, 10 - v * 2),
        promise,
        *blanks,
    ]


def populate(args, vendor: str) -> dict:
    from fazhi.catalogs.models import CatalogVersion
    from fazhi.core.choices import UnitKind
    from fazhi.core.models import OrgUnit, Region

    Region.objects.get_or_create(code="140000", defaults={"name": "山西省"})
    rng = random.Random(14)
    units = []
    for c in range(args.counties):
        region, _ = Region.objects.get_or_create(
            code=f"14{(c // 20) + 1:02d}{(c % 20) + 21:02d}", defaults={"name": f"县{c}"}
        )
        units += OrgUnit.objects.bulk_create(
            [
                OrgUnit(name=f"县{c}基准局{b}", kind=UnitKind.GOVERNMENT_DEPARTMENT, region=region)
                for b in range(args.bodies)
            ]
        )
    start = time.perf_counter()
    copy_rows(
        "catalogs_catalogversion",
        VERSION_COLUMNS,
        (
            [
                NOW,
                NOW,
                u.pk,
                "approval",
                2021 + v,
                "published",
                "",
                "{}",
                args.items - v * args.items // 20,
                "",
                "",
                dt.date(2021 + v, 3, 1),
                v == 0,
                1,
                1,
                "",
            ]
            for u in units
            for v in range(args.versions)
        ),
        vendor=vendor,
    )
    versions = {
        (b, y): pk
        for pk, b, y in CatalogVersion.objects.filter(body__in=units).values_list(
            "pk", "body_id", "year"
        )
    }

    def rows():
        for u in units:
            for v in range(args.versions):
                catalog_id = versions[(u.pk, 2021 + v)]
                for i in range(args.items - v * args.items // 20):
                    yield item_row(catalog_id, u.pk, i, v, rng.choice(WORDS), rng.random() < 0.3)

    total = sum(args.items - v * args.items // 20 for v in range(args.versions)) * len(units)
    copy_rows("catalogs_catalogitem", ITEM_COLUMNS, rows(), vendor=vendor)
    seconds = time.perf_counter() - start
    from django.db import connection

    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE catalogs_catalogitem")
            cursor.execute("ANALYZE catalogs_catalogversion")
    return {"rows": total, "seconds": seconds, "unit": units[0], "units": units}


def workbook(n: int, offset: int = 0, change_every: int = 10) -> bytes:
    from openpyxl import Workbook

    from fazhi.catalogs.kinds import COLUMNS, KINDS

    book = Workbook(write_only=True)
    ws = book.create_sheet("行政审批事项")
    ws.append([COLUMNS[f] for f in KINDS["approval"].fields])
    for i in range(offset, offset + n):
        days = 5 if i % change_every else 3
        ws.append([f"BIG-{i:05d}", f"事项{i}", BASIS, "县审批局", 20, days, "不收费", "否", "调整"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def raw(sql: str, params) -> list:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="postgresql")
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--bodies", type=int, default=60)
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--versions", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--keep", action="store_true", help="reuse the rows a previous PostgreSQL run loaded"
    )
    args = parser.parse_args()
    if args.keep and args.database == "postgresql":
        base = os.environ.get("FAZHI_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
        setup_django(base.rsplit("/", 1)[0] + "/bench_catalogs_scale")
    else:
        setup_django(database_url(args.database, "bench_catalogs_scale"))

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection, transaction
    from django.test import Client

    from fazhi.catalogs import importing, selectors, services
    from fazhi.catalogs.kinds import KINDS
    from fazhi.catalogs.models import CatalogVersion
    from fazhi.core.actors import SYSTEM

    vendor = connection.vendor
    print(
        f"# catalogs at {args.counties} × {args.bodies} × {args.items} × {args.versions} "
        f"on {vendor}",
        flush=True,
    )
    from fazhi.catalogs.models import CatalogItem
    from fazhi.core.models import OrgUnit

    if args.keep and CatalogItem.objects.exists():
        unit = OrgUnit.objects.get(name="县0基准局0")
        report("load", f"kept {CatalogItem.objects.count():,} item rows of an earlier run")
    else:
        loaded = populate(args, vendor)
        unit = loaded["unit"]
        report(
            "load (COPY, the floor itself)",
            f"{loaded['rows']:,} item rows",
            f"{loaded['seconds']:.1f} s",
            f"{loaded['rows'] / loaded['seconds']:,.0f} rows/s",
        )

    first, second = workbook(5000), workbook(5000, offset=250, change_every=7)
    start = time.perf_counter()
    rows = importing.read(SimpleUploadedFile("a.xlsx", first), kind="approval")
    parsed = time.perf_counter() - start
    with transaction.atomic():
        a = services.version_import(actor=SYSTEM, body=unit, kind="approval", year=2030, items=rows)
    total = time.perf_counter() - start
    floor_version, _ = CatalogVersion.objects.get_or_create(body=unit, kind="approval", year=2040)
    CatalogItem.objects.filter(catalog=floor_version).delete()
    t = time.perf_counter()
    copy_rows(
        "catalogs_catalogitem",
        ITEM_COLUMNS,
        (item_row(floor_version.pk, unit.pk, i, 0, "食品", False) for i in range(5000)),
        vendor=vendor,
    )
    floor = time.perf_counter() - t
    report(
        "import 5,000 rows",
        f"read {parsed:.2f} s, total {total:.2f} s, {5000 / total:,.0f} rows/s",
        f"floor COPY {floor * 1000:.0f} ms, {5000 / floor:,.0f} rows/s",
    )
    rows = importing.read(SimpleUploadedFile("b.xlsx", second), kind="approval")
    with transaction.atomic():
        b = services.version_import(actor=SYSTEM, body=unit, kind="approval", year=2031, items=rows)

    delta, queries = count_queries(lambda: selectors.compare(a, b))
    fields = ", ".join(KINDS["approval"].fields)
    diff_samples = sample(lambda: selectors.compare(a, b), args.runs)
    floor_samples = sample(
        lambda: raw(
            f"SELECT {fields} FROM catalogs_catalogitem WHERE catalog_id IN (%s, %s)",
            [a.pk, b.pk],
        ),
        args.runs,
    )
    report(
        "diff 5,000 × 5,000 (goal ≤ 200 ms)",
        ms(diff_samples),
        f"{queries} queries, +{len(delta.added)} −{len(delta.removed)} ~{len(delta.changed)}",
        f"floor (raw SELECT of both) {ms(floor_samples)}",
    )

    client = Client()
    like = "%食品许可1%"
    in_force_sql = (
        "SELECT i.id, i.code, i.name, i.basis, i.catalog_id FROM catalogs_catalogitem i "
        "WHERE i.catalog_id IN (SELECT v.id FROM catalogs_catalogversion v "
        "WHERE v.status = 'published' AND v.published_on <= %s {where} AND NOT EXISTS ("
        " SELECT 1 FROM catalogs_catalogversion w WHERE w.body_id = v.body_id AND w.kind = v.kind"
        " AND w.status = 'published' AND w.published_on <= %s"
        " AND (w.year > v.year OR (w.year = v.year AND w.sequence > v.sequence)))) "
    )
    county = unit.region_id
    end = dt.date(2025, 12, 31)
    keyword = "AND (i.name LIKE %s OR i.code LIKE %s OR i.basis LIKE %s) "
    order = "ORDER BY i.catalog_id, i.position, i.id LIMIT 51"
    in_county = "AND v.body_id IN (SELECT u.id FROM core_orgunit u WHERE u.region_id = %s)"
    pages = [
        (
            "portal keyword search, whole province",
            "/public/catalogs/",
            {"year": 2025, "q": "食品许可1"},
            in_force_sql.format(where="") + keyword + order,
            [end, end, like, like, like],
        ),
        (
            "portal keyword search, rare word",
            "/public/catalogs/",
            {"year": 2025, "q": "事项49"},
            in_force_sql.format(where="") + keyword + order,
            [end, end, "%事项49%", "%事项49%", "%事项49%"],
        ),
        (
            "portal keyword search, one county",
            "/public/catalogs/",
            {"year": 2025, "q": "食品许可1", "region": county},
            in_force_sql.format(where=in_county) + keyword + order,
            [end, county, end, like, like, like],
        ),
        (
            "portal one body",
            "/public/catalogs/",
            {"year": 2025, "body": unit.pk},
            in_force_sql.format(where="AND v.body_id = %s") + order,
            [end, unit.pk, end],
        ),
        (
            "API items (page 1)",
            "/api/public/catalogs",
            {"body": unit.name, "kind": "approval", "year": 2024},
            "SELECT i.* FROM catalogs_catalogitem i WHERE i.catalog_id = %s "
            "ORDER BY i.position, i.id LIMIT 100",
            [selectors.published_version(body=unit, kind="approval", year=2024).pk],
        ),
        (
            "API diff 2021→2025",
            "/api/public/catalogs/diff",
            {"body": unit.name, "kind": "approval", "from": 2021, "to": 2025},
            f"SELECT {fields} FROM catalogs_catalogitem WHERE catalog_id IN "
            "(SELECT id FROM catalogs_catalogversion WHERE body_id = %s AND year IN (2021, 2025))",
            [unit.pk],
        ),
    ]
    for label, url, params, sql, sql_params in pages:
        response, queries = count_queries(lambda u=url, p=params: client.get(u, p))
        assert response.status_code == 200, (url, response.status_code)
        runs = max(5, args.runs // 4) if "province" in label or "rare" in label else args.runs
        page_samples = sample(lambda u=url, p=params: client.get(u, p), runs)
        floor_samples = sample(lambda s=sql, p=sql_params: raw(s, p), runs)
        report(label, ms(page_samples), f"{queries} queries", f"floor {ms(floor_samples)}")


if __name__ == "__main__":
    main()
