"""Kernel figures: audit chain append + verify, deadline computations, the directory page.

.venv/bin/python benchmarks/core_kernel.py --database sqlite
.venv/bin/python benchmarks/core_kernel.py --database postgresql
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from bisect import bisect_right

from _setup import count_queries, database_url, print_table, setup_django, summary_ms


def bench_audit(events: int) -> list[tuple]:
    from django.db import transaction

    from fazhi.core import audit
    from fazhi.core.models import User

    actor = User.objects.create(username="bench", full_name="基准测试")
    start = time.perf_counter()
    for i in range(events):
        with transaction.atomic():
            audit.record(
                actor=actor,
                action="bench.write",
                object_type="bench.row",
                object_id=str(i),
                after={"n": i, "名称": "县司法局"},
            )
    append = time.perf_counter() - start
    start = time.perf_counter()
    broken = audit.verify_chain()
    verify = time.perf_counter() - start
    assert broken is None
    return [
        (
            "audit append (one transaction each)",
            f"{events} events",
            f"{append:.2f} s",
            f"{events / append:,.0f} events/s",
        ),
        ("audit verify", f"{events} events", f"{verify:.2f} s", f"{events / verify:,.0f} events/s"),
    ]


def bench_deadlines(count: int) -> list[tuple]:
    from fazhi.core.calendar import add_calendar_days, add_working_days
    from fazhi.core.holidays import holiday_table, seed_holidays_from_package

    seed_holidays_from_package()
    table = holiday_table()
    rng = random.Random(42)
    starts = [dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2500)) for _ in range(1000)]
    periods = [rng.choice((3, 5, 7, 10, 15, 20)) for _ in range(1000)]
    start = time.perf_counter()
    for i in range(count):
        add_working_days(starts[i % 1000], periods[i % 1000], table)
    working = time.perf_counter() - start
    # The floor: a bare bisect over the precomputed working days, no provisional check.
    ordinals = table.working_ordinals
    fromordinal = dt.date.fromordinal
    start = time.perf_counter()
    for i in range(count):
        fromordinal(
            ordinals[bisect_right(ordinals, starts[i % 1000].toordinal()) + periods[i % 1000] - 1]
        )
    floor = time.perf_counter() - start
    start = time.perf_counter()
    for i in range(count):
        add_calendar_days(starts[i % 1000], periods[i % 1000] * 4, table)
    calendar = time.perf_counter() - start
    return [
        (
            "working-day deadlines (3–20 WD)",
            f"{count:,}",
            f"{working:.2f} s",
            f"{working / count * 1e6:.2f} µs each; floor (bare bisect) {floor:.2f} s",
        ),
        (
            "calendar-day deadlines (12–80 days)",
            f"{count:,}",
            f"{calendar:.2f} s",
            f"{calendar / count * 1e6:.2f} µs each",
        ),
    ]


def bench_directory(units: int, requests: int) -> list[tuple]:
    from django.test import Client

    from fazhi.core.choices import Role, UnitKind
    from fazhi.core.models import OrgUnit, Region, UnitAlias, UnitGroup, User

    region, _ = Region.objects.get_or_create(code="140222", defaults={"name": "天镇县"})
    OrgUnit.objects.bulk_create(
        [
            OrgUnit(
                name=f"天镇县基准单位{i:05d}", kind=UnitKind.GOVERNMENT_DEPARTMENT, region=region
            )
            for i in range(units)
        ],
        batch_size=1000,
    )
    created = list(OrgUnit.objects.filter(name__startswith="天镇县基准单位"))
    UnitAlias.objects.bulk_create(
        [UnitAlias(unit=u, name=f"县基准{u.pk}", kind="short_name") for u in created],
        batch_size=1000,
    )
    group = UnitGroup.objects.create(name="基准群组")
    group.members.set(created)
    user = User.objects.create(username="bench-leader", roles=[Role.LEADER])
    client = Client()
    client.force_login(user)
    rows = []
    for label, url in (
        ("directory page 1", "/core/units/"),
        ("directory page 20", "/core/units/?page=20"),
        ("directory search", "/core/units/?q=基准单位0123"),
    ):
        samples = []
        _, queries = count_queries(lambda url=url: client.get(url))
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - start)
            assert response.status_code == 200
        rows.append((f"{label} ({units:,} units)", f"{queries} queries", summary_ms(samples)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--deadlines", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    setup_django(database_url(args.database, "bench_core"))
    rows = (
        bench_audit(args.events)
        + bench_deadlines(args.deadlines)
        + bench_directory(args.units, args.requests)
    )
    print_table(f"core kernel on {args.database}", rows)


if __name__ == "__main__":
    main()
