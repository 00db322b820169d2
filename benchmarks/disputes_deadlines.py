"""Disputes figures: deadline lists and statistics over many reconsideration and litigation cases.

    .venv/bin/python benchmarks/disputes_deadlines.py --database postgresql --scale 200000
    .venv/bin/python benchmarks/disputes_deadlines.py --database sqlite --scale 20000

Creates `scale` reconsideration cases and `scale` litigation cases (each with one court
hearing) spread over ten years, the last two months' cases still open, in a throwaway
database; due dates come from the holiday table through the pure calendar functions, as the
services would compute them. Then times each page with the Django test client.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

from _setup import count_queries, database_url, percentile, print_table, setup_django

BATCH = 5000


def populate(scale: int, today: dt.date) -> dict:
    from fazhi.core.calendar import add_calendar_days, add_working_days
    from fazhi.core.choices import Role, UnitKind
    from fazhi.core.holidays import holiday_table, seed_holidays_from_package
    from fazhi.core.models import OrgUnit, Region, User
    from fazhi.disputes.choices import Appearance, Outcome
    from fazhi.disputes.models import (
        CourtHearing,
        LitigationCase,
        ReconsiderationCase,
        ReconsiderationOffice,
    )

    seed_holidays_from_package()
    table = holiday_table()
    region = Region.objects.create(code="140222", name="天镇县")
    units = OrgUnit.objects.bulk_create(
        [
            OrgUnit(name=f"天镇县基准局{i}", kind=UnitKind.GOVERNMENT_DEPARTMENT, region=region)
            for i in range(70)
        ]
    )
    bureau = OrgUnit.objects.create(
        name="天镇县司法局", kind=UnitKind.GOVERNMENT_DEPARTMENT, region=region
    )
    office = ReconsiderationOffice.objects.create(name="天镇县人民政府行政复议办公室", unit=bureau)
    supervisor = User.objects.create(
        username="bench.supervisor", roles=[Role.SUPERVISOR], unit=bureau
    )
    reporter = User.objects.create(username="bench.reporter", roles=[Role.REPORTER], unit=units[0])
    rng = random.Random(7)
    span = 3650
    first = today - dt.timedelta(days=span)
    wd_cache: dict = {}

    def wd(start, days):
        key = (start, days)
        if key not in wd_cache:
            wd_cache[key] = add_working_days(start, days, table).date
        return wd_cache[key]

    start = time.perf_counter()
    rows = []
    for i in range(scale):
        received = first + dt.timedelta(days=rng.randrange(span))
        age = (today - received).days
        kw = {}
        if age > 60:
            accepted = received + dt.timedelta(days=rng.randint(1, 5))
            decided = accepted + dt.timedelta(days=rng.randint(10, 70))
            kw = dict(
                status="published" if i % 3 else "decided",
                accepted_on=accepted,
                procedure="ordinary",
                decided_on=decided,
                decision_type=rng.choice(["uphold", "annul", "reject", "confirm_illegal", "vary"]),
                decision_doc_number=f"天政复〔{received.year}〕{i}号",
                decision_due=add_calendar_days(accepted, 60, table).date,
            )
        elif age > 6:
            accepted = received + dt.timedelta(days=rng.randint(1, 5))
            kw = dict(
                status="accepted",
                accepted_on=accepted,
                procedure="ordinary",
                decision_due=add_calendar_days(accepted, 60, table).date,
                respondent_reply_due=wd(accepted, 10),
            )
        rows.append(
            ReconsiderationCase(
                office=office,
                number=f"天政复〔{received.year}〕B{i}号",
                channel="counter",
                applicant_name=f"申请人{i}",
                respondent=units[i % 70],
                act_description="行政处罚决定",
                act_known_on=received - dt.timedelta(days=10),
                request="撤销",
                received_on=received,
                acceptance_due=wd(received, 5),
                **{"status": "received", **kw},
            )
        )
        if len(rows) == BATCH:
            ReconsiderationCase.objects.bulk_create(rows)
            rows = []
    ReconsiderationCase.objects.bulk_create(rows)
    recon_s = time.perf_counter() - start

    start = time.perf_counter()
    rows, hearings = [], []
    for i in range(scale):
        filed = first + dt.timedelta(days=rng.randrange(span))
        served = filed + dt.timedelta(days=3)
        closed = (today - filed).days > 90
        rows.append(
            LitigationCase(
                court_case_number=f"({filed.year})晋0222行初B{i}号",
                defendant=units[i % 70],
                plaintiff_name=f"原告{i}",
                cause="行政处罚",
                filed_on=filed,
                served_on=served,
                defence_due=add_calendar_days(served, 15, table).date,
                defence_submitted_on=served + dt.timedelta(days=10) if closed else None,
                status="closed" if closed else "pending",
                outcome=rng.choice([Outcome.WON, Outcome.LOST, Outcome.WITHDRAWN])
                if closed
                else "",
                closed_on=filed + dt.timedelta(days=80) if closed else None,
            )
        )
        if len(rows) == BATCH:
            created = LitigationCase.objects.bulk_create(rows)
            hearings.extend(
                _hearing(c, rng, supervisor, Appearance)
                for c in created
                if c.filed_on + dt.timedelta(days=40) <= today
            )
            CourtHearing.objects.bulk_create(hearings, batch_size=BATCH)
            rows, hearings = [], []
    created = LitigationCase.objects.bulk_create(rows)
    CourtHearing.objects.bulk_create(
        [
            _hearing(c, rng, supervisor, Appearance)
            for c in created
            if c.filed_on + dt.timedelta(days=40) <= today
        ],
        batch_size=BATCH,
    )
    lit_s = time.perf_counter() - start
    return {"supervisor": supervisor, "reporter": reporter, "recon_s": recon_s, "lit_s": lit_s}


def _hearing(case, rng, user, appearance):
    from fazhi.disputes.models import CourtHearing

    head = rng.random() < 0.8
    return CourtHearing(
        case=case,
        held_on=case.filed_on + dt.timedelta(days=40),
        appearance=appearance.DEPUTY if head else appearance.STAFF_ONLY,
        head_name="副局长" if head else "",
        absence_reason="" if head else "公务",
        recorded_by=user,
    )


def measure(client, url: str, runs: int) -> tuple[str, str, str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm-up: templates, holiday table, connection
    samples = []
    queries = 0
    for _ in range(runs):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        samples.append(time.perf_counter() - start)
        queries = len(ctx.captured_queries)
        assert response.status_code == 200, (url, response.status_code)
    return (
        url,
        f"median {statistics.median(samples) * 1000:.0f} ms",
        f"p95 {percentile(samples, 95) * 1000:.0f} ms",
        f"{queries} queries",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--scale", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    setup_django(args.database_url or database_url(args.database, "bench_disputes"))

    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from fazhi.disputes import selectors

    today = timezone.localdate()
    data = populate(args.scale, today)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print_table(
        f"Disputes at scale {args.scale:,} reconsideration + {args.scale:,} litigation cases ({connection.vendor})",
        [
            ("create reconsideration cases", f"{data['recon_s']:.1f} s"),
            ("create litigation cases + hearings", f"{data['lit_s']:.1f} s"),
        ],
    )
    client = Client()
    client.force_login(data["supervisor"])
    year = today.year - 1
    rows = [
        measure(client, url, args.runs)
        for url in (
            "/disputes/deadlines/?within=15",
            "/disputes/deadlines/?within=15&kind=recon_decision&page=3",
            "/disputes/reconsiderations/",
            "/disputes/reconsiderations/?status=accepted&sort=decision_due",
            "/disputes/reconsiderations/?page=200",
            "/disputes/litigation/",
            f"/disputes/litigation/?year={year}&outcome=lost",
            f"/disputes/statistics/?year={year}",
        )
    ]
    reporter = Client()
    reporter.force_login(data["reporter"])
    rows.append(
        (
            "(reporter) " + measure(reporter, "/disputes/deadlines/?within=15", args.runs)[0],
            *measure(reporter, "/disputes/deadlines/?within=15", args.runs)[1:],
        )
    )
    print_table("Pages (supervisor unless noted)", rows)
    sel = []
    for within in (15, 60):
        samples = []
        for _ in range(args.runs):
            start = time.perf_counter()
            (items, queries) = count_queries(
                lambda w=within: selectors.upcoming_deadlines(data["supervisor"], w, today=today)
            )
            samples.append(time.perf_counter() - start)
        sel.append(
            (
                f"upcoming_deadlines(within={within})",
                f"{len(items)} items",
                f"median {statistics.median(samples) * 1000:.0f} ms",
                f"p95 {percentile(samples, 95) * 1000:.0f} ms",
                f"{queries} queries",
            )
        )
    print_table("Selector for the plans dashboard", sel)
    if connection.vendor == "postgresql" and not args.database_url:
        _drop(connection)


def _drop(connection) -> None:
    """The throwaway database goes away with the run."""
    import os

    import psycopg

    name = connection.settings_dict["NAME"]
    connection.close()
    base = os.environ.get("FAZHI_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
