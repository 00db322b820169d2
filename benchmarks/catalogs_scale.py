"""Catalog figures: Excel import rate, the diff of two 5,000-item versions, portal search, API.

    .venv/bin/python benchmarks/catalogs_scale.py --database postgresql --counties 4
    .venv/bin/python benchmarks/catalogs_scale.py --database sqlite --counties 1

Loads `counties` × `bodies` × `items` × `versions` published item rows with bulk_create
(the issue's province scale is 100 × 60 × 300 × 5 = 9 M rows), then imports a 5,000-row
workbook through the real path (upload guard, row checks, `version_import`), times
`selectors.compare` on two 5,000-item versions, and the portal search and public API with the
Django test client. Its own database: `bench_catalogs`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import statistics
import time

from _setup import count_queries, database_url, percentile, setup_django

BATCH = 5000
WORDS = ["食品", "药品", "建设", "规划", "运输", "卫生", "环境", "农业", "水利", "教育"]


def populate(counties: int, bodies: int, items: int, versions: int) -> dict:
    from fazhi.catalogs.models import CatalogItem, CatalogVersion
    from fazhi.core.choices import UnitKind
    from fazhi.core.models import OrgUnit, Region

    Region.objects.get_or_create(code="140000", defaults={"name": "山西省"})
    rng = random.Random(14)
    units = []
    for c in range(counties):
        region, _ = Region.objects.get_or_create(
            code=f"14{(c // 20) + 1:02d}{(c % 20) + 21:02d}", defaults={"name": f"县{c}"}
        )
        units += OrgUnit.objects.bulk_create(
            [
                OrgUnit(name=f"县{c}基准局{b}", kind=UnitKind.GOVERNMENT_DEPARTMENT, region=region)
                for b in range(bodies)
            ]
        )
    rows = 0
    start = time.perf_counter()
    for unit in units:
        made = CatalogVersion.objects.bulk_create(
            [
                CatalogVersion(
                    body=unit,
                    kind="approval",
                    year=2021 + v,
                    status="published",
                    item_count=items,
                    published_on=dt.date(2021 + v, 3, 1),
                )
                for v in range(versions)
            ]
        )
        batch = []
        for v, version in enumerate(made):
            for i in range(items - v * items // 20):
                batch.append(
                    CatalogItem(
                        catalog=version,
                        position=i,
                        code=f"{unit.pk:05d}-{i:04d}",
                        name=f"{rng.choice(WORDS)}许可{i}",
                        basis="《中华人民共和国行政许可法》第十二条",
                        statutory_days=20,
                        promised_days=max(1, 10 - v * 2),
                        promise=rng.random() < 0.3,
                    )
                )
        CatalogItem.objects.bulk_create(batch, batch_size=BATCH)
        rows += len(batch)
    return {"rows": rows, "seconds": time.perf_counter() - start, "unit": units[0]}


def workbook(n: int, offset: int = 0, change_every: int = 10) -> bytes:
    from openpyxl import Workbook

    from fazhi.catalogs.kinds import COLUMNS, KINDS

    book = Workbook(write_only=True)
    ws = book.create_sheet("行政审批事项")
    ws.append([COLUMNS[f] for f in KINDS["approval"].fields])
    for i in range(offset, offset + n):
        days = 5 if i % change_every else 3
        ws.append(
            [
                f"BIG-{i:05d}",
                f"事项{i}",
                "《中华人民共和国行政许可法》第十二条",
                "县审批局",
                20,
                days,
                "不收费",
                "否",
                "调整",
            ]
        )
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def report(row: tuple) -> None:
    print("  " + "  ".join(str(c) for c in row), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="postgresql")
    parser.add_argument("--counties", type=int, default=4)
    parser.add_argument("--bodies", type=int, default=60)
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--versions", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup_django(database_url(args.database, "bench_catalogs"))

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.test import Client

    from fazhi.catalogs import importing, selectors, services
    from fazhi.core.actors import SYSTEM

    loaded = populate(args.counties, args.bodies, args.items, args.versions)
    unit = loaded["unit"]
    report(
        (
            "bulk load",
            f"{loaded['rows']:,} item rows",
            f"{loaded['seconds']:.1f} s",
            f"{loaded['rows'] / loaded['seconds']:,.0f} rows/s",
        )
    )

    first, second = workbook(5000), workbook(5000, offset=250, change_every=7)
    start = time.perf_counter()
    rows = importing.read(SimpleUploadedFile("a.xlsx", first), kind="approval")
    parsed = time.perf_counter() - start
    with transaction.atomic():
        a = services.version_import(actor=SYSTEM, body=unit, kind="approval", year=2030, items=rows)
    total = time.perf_counter() - start
    report(
        (
            "import 5,000 rows",
            f"read {parsed:.2f} s",
            f"total {total:.2f} s",
            f"{5000 / total:,.0f} rows/s",
        )
    )
    rows = importing.read(SimpleUploadedFile("b.xlsx", second), kind="approval")
    with transaction.atomic():
        b = services.version_import(actor=SYSTEM, body=unit, kind="approval", year=2031, items=rows)

    samples = []
    for _ in range(args.runs):
        t = time.perf_counter()
        delta, queries = count_queries(lambda: selectors.compare(a, b))
        samples.append(time.perf_counter() - t)
    report(
        (
            "diff 5,000 × 5,000",
            f"median {statistics.median(samples) * 1000:.0f} ms",
            f"p95 {percentile(samples, 95) * 1000:.0f} ms",
            f"{queries} queries",
            f"+{len(delta.added)} −{len(delta.removed)} ~{len(delta.changed)}",
        )
    )

    client = Client()
    pages = [
        ("portal browse, keyword", "/public/catalogs/", {"year": 2025, "q": "食品许可1"}),
        ("portal browse, one body", "/public/catalogs/", {"year": 2025, "body": unit.pk}),
        (
            "API items (page 1)",
            "/api/public/catalogs",
            {"body": unit.name, "kind": "approval", "year": 2024},
        ),
        (
            "API diff",
            "/api/public/catalogs/diff",
            {"body": unit.name, "kind": "approval", "from": 2021, "to": 2025},
        ),
    ]
    for label, url, params in pages:
        samples = []
        for _ in range(args.runs):
            t = time.perf_counter()
            response, queries = count_queries(lambda u=url, p=params: client.get(u, p))
            samples.append(time.perf_counter() - t)
            assert response.status_code == 200, (url, response.status_code)
        report(
            (
                label,
                f"median {statistics.median(samples) * 1000:.0f} ms",
                f"p95 {percentile(samples, 95) * 1000:.0f} ms",
                f"{queries} queries",
            )
        )


if __name__ == "__main__":
    main()
