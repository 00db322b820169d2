"""Kernel figures: audit chain append + verify, deadline computations, the directory page.

.venv/bin/python benchmarks/core_kernel.py --database sqlite
.venv/bin/python benchmarks/core_kernel.py --database postgresql
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import random
import time
from bisect import bisect_right

from _setup import count_queries, database_url, print_table, setup_django, summary_ms


def _writer(url: str, events: int, how: str, barrier, results) -> None:
    """One writer process: `events` writes of kind `how`, timed from the common start.

    `how` is "append", "bare", "append+pagecache", or "interleaved": an append and a bare INSERT
    in turn, each timed on its own, so that the one-writer figure and its floor share the
    moments of a machine whose disk others use too.
    """
    os.environ["FAZHI_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    if how != "append+pagecache":
        # core.pagecache bumps a cache key after every commit that wrote (outside the chain
        # lock); measured on its own row, not in the kernel's append.
        from django.db.backends.signals import connection_created

        connection_created.disconnect(dispatch_uid="core.pagecache")
    bare = _bare_insert()
    for warm_up in (bare, _append) if "append" in how else (bare,):
        warm_up(0)  # connect outside the timing
    barrier.wait()
    if how == "interleaved":
        spent = {"append": 0.0, "bare": 0.0}
        for i in range(1, events + 1):
            for kind, write in (("append", _append), ("bare", bare)):
                start = time.perf_counter()
                write(i)
                spent[kind] += time.perf_counter() - start
        results.put(spent)
        return
    write = bare if how == "bare" else _append
    start = time.perf_counter()
    for i in range(1, events + 1):
        write(i)
    results.put((start, time.perf_counter()))


def _append(i: int) -> None:
    from django.db import transaction

    from fazhi.core import audit
    from fazhi.core.actors import SYSTEM

    with transaction.atomic():
        audit.record(
            actor=SYSTEM,
            action="bench.write",
            object_type="bench.row",
            object_id=str(i),
            after={"n": i, "名称": "县司法局"},
        )


def _bare_insert():
    """The floor: the event's INSERT alone through the driver, one transaction each."""
    from django.db import connection
    from django.utils import timezone

    from fazhi.core.models import AuditEvent

    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    mark = "?" if connection.vendor == "sqlite" else "%s"
    sql = (
        f"INSERT INTO {AuditEvent._meta.db_table} ({columns}) "  # noqa: S608 - model names
        f"VALUES ({', '.join([mark] * len(fields))})"
    )
    begin = "BEGIN IMMEDIATE" if connection.vendor == "sqlite" else "BEGIN"
    connection.ensure_connection()
    raw = connection.connection.cursor()
    base = 10**12 + os.getpid() * 10**6  # apart from the chain's seqs; deleted after the floor

    def write(i: int) -> None:
        row = AuditEvent(
            seq=base + i,
            occurred_at=timezone.now().replace(microsecond=0),
            actor_name="系统",
            action="bench.write",
            object_type="bench.row",
            object_id=str(i),
            after={"n": i, "名称": "县司法局"},
            prev_hash="0" * 64,
            hash="0" * 64,
        )
        params = [f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields]
        raw.execute(begin)
        raw.execute(sql, params)
        raw.execute("COMMIT")

    return write


def _rate(url: str, writers: int, events: int, how: str) -> float:
    """Events per second of `writers` concurrent processes writing `events` in all."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(writers), context.Queue()
    each = events // writers
    processes = [
        context.Process(target=_writer, args=(url, each, how, barrier, results))
        for _ in range(writers)
    ]
    for process in processes:
        process.start()
    spans = [results.get() for _ in processes]
    for process in processes:
        process.join()
    return each * writers / (max(end for _, end in spans) - min(start for start, _ in spans))


def bench_audit(url: str, events: int) -> list[tuple]:
    from django.conf import settings
    from django.db import connection

    from fazhi.core import audit
    from fazhi.core.models import AuditEvent

    connection.close()  # the writers are other processes
    # Scaling: two writers against one writer measured just before and just after them.
    scaling = {}
    for how in ("bare", "append"):
        before = _rate(url, 1, events // 2, how)
        two = _rate(url, 2, events, how)
        scaling[how] = (two, two / ((before + _rate(url, 1, events // 2, how)) / 2))
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(1), context.Queue()
    process = context.Process(target=_writer, args=(url, events, "interleaved", barrier, results))
    process.start()
    spent = results.get()
    process.join()
    one, one_floor = events / spent["append"], events / spent["bare"]
    watched = _rate(url, 1, events // 2, "append+pagecache")
    with connection.cursor() as cursor:  # the floor's rows are no events of the chain
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE seq >= 1000000000000")  # noqa: S608
    start = time.perf_counter()
    broken = audit.verify_chain()
    verify = time.perf_counter() - start
    assert broken is None, broken
    chained = AuditEvent.objects.count()
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return [
        (
            "audit append, one writer (one transaction each)",
            f"{events:,} events",
            f"{1000 / one:.2f} ms/event ({one:,.0f} events/s)",
            f"floor (bare INSERT through the driver, interleaved) {1000 / one_floor:.2f} ms/event",
        ),
        (
            "audit append, two writer processes",
            f"{events:,} events",
            f"{scaling['append'][0]:,.0f} events/s = {scaling['append'][1]:.2f}× one writer",
            f"floor (bare INSERTs) {scaling['bare'][0]:,.0f} events/s = {scaling['bare'][1]:.2f}×",
        ),
        (
            f"audit append with core.pagecache's bump ({cache})",
            f"{events // 2:,} events",
            f"{1000 / watched:.2f} ms/event",
            "",
        ),
        (
            "audit verify",
            f"{chained:,} events",
            f"{verify:.2f} s",
            f"{chained / verify:,.0f} events/s",
        ),
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


def _without_page_cache() -> None:
    """The directory rows time the rendered page, and set-up writes need no generation bump."""
    from django.conf import settings
    from django.db import connection
    from django.db.backends.signals import connection_created

    from fazhi.core import pagecache

    settings.FAZHI_PAGE_CACHE = False
    connection_created.disconnect(dispatch_uid="core.pagecache")
    if pagecache._watch in connection.execute_wrappers:
        connection.execute_wrappers.remove(pagecache._watch)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--deadlines", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    url = database_url(args.database, "bench_core")
    os.environ["FAZHI_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    os.environ.setdefault("FAZHI_ALLOWED_HOSTS", "testserver,127.0.0.1")
    os.environ.setdefault("FAZHI_SECRET_KEY", os.urandom(32).hex())  # PostgreSQL requires one
    import django
    from django.core.management import call_command

    django.setup()
    # Before migrate: core.pagecache writes to the embedded cache table after each commit.
    call_command("createcachetable", verbosity=0)
    setup_django(url)
    _without_page_cache()
    rows = (
        bench_audit(url, args.events)
        + bench_deadlines(args.deadlines)
        + bench_directory(args.units, args.requests)
    )
    print_table(f"core kernel on {args.database}", rows)


if __name__ == "__main__":
    main()
