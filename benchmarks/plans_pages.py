"""Dashboard, ledger and Excel export at county and province scale.

A county is 5 plans × 400 tasks = 2,000 tasks with 20,000 progress reports; `--scale N` makes
N counties' worth (100 = a province). Data is bulk-inserted straight into a throwaway database.

    .venv/bin/python benchmarks/plans_pages.py --database postgresql --scale 1
    .venv/bin/python benchmarks/plans_pages.py --database postgresql --scale 100 --reuse

Each page is printed beside its floor measured in the same run: the page's own SQL replayed
bare on the same connection; the goal is at most twice the floor plus 10 ms. The Excel export's
floor is openpyxl writing the same cells in write-only mode. `--reuse` keeps the generated rows
of an earlier run (the province takes minutes to generate). The page cache is measured only on
a shared cache, as in production: `FAZHI_REDIS_URL=redis://127.0.0.1:6379/9`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import time

from _setup import database_url, print_table, replay_sql, setup_django, summary_ms

PLANS_PER_COUNTY = 5
TASKS_PER_PLAN = 400
REPORTS_PER_TASK = 10


def generate(scale: int, rng: random.Random) -> dict:
    from fazhi.core.models import OrgUnit
    from fazhi.plans.choices import OwnerRole, ReportStatus
    from fazhi.plans.models import (
        Chapter,
        Measure,
        Obligation,
        Plan,
        ProgressReport,
        Target,
        Task,
        TaskAssignment,
        TaskOwner,
    )

    units = list(OrgUnit.objects.values_list("pk", flat=True))
    region = OrgUnit.objects.get(name="天镇县司法局").region_id
    today = dt.date.today()
    counts = dict.fromkeys(["plans", "tasks", "owners", "obligations", "reports"], 0)
    for county in range(scale):
        for p in range(PLANS_PER_COUNTY):
            number = f"测发〔2024〕{county * 10 + p}号"
            plan = Plan.objects.create(
                doc_number=number,
                identity=number,
                region_id=region,
                title=f"第{county}县实施方案{p}(2022—2027年)",
                start_year=2022,
                end_year=2027,
                issued_on=dt.date(2022, 9, 1),
                content_hash=f"{county:04d}{p}",
            )
            chapters = Chapter.objects.bulk_create(
                [Chapter(plan=plan, number=c, title=f"第{c}部分", position=c) for c in range(1, 10)]
            )
            measures = Measure.objects.bulk_create(
                [
                    Measure(
                        plan=plan, chapter=chapters[m % 9], number=m, title=f"措施{m}", position=m
                    )
                    for m in range(1, 34)
                ]
            )
            tasks = Task.objects.bulk_create(
                [
                    Task(
                        measure=measures[i % 33],
                        position=i // 33 + 1,
                        text=f"任务{i}:推进法治政府建设相关工作,按期报送进展。",
                        deadline_text="每年4月底前",
                        percent_done=rng.choice([0, 30, 60, 100]),
                        last_reported_on=today - dt.timedelta(days=rng.randint(1, 400)),
                        completed_on=today if rng.random() < 0.35 else None,
                    )
                    for i in range(TASKS_PER_PLAN)
                ],
                batch_size=1000,
            )
            assignments, owners, obligations, reports, targets = [], [], [], [], []
            for task in tasks:
                picked = rng.sample(units, 3)
                for n, (unit_id, role) in enumerate(
                    zip(
                        picked,
                        [OwnerRole.LEAD, OwnerRole.PARTICIPATING, OwnerRole.PARTICIPATING],
                        strict=True,
                    )
                ):
                    assignments.append(
                        TaskAssignment(
                            task=task, role=role, raw="单位", unit_id=unit_id, position=n
                        )
                    )
                    owners.append(TaskOwner(task=task, unit_id=unit_id, role=role))
                for year in (2025, 2026, 2027):
                    due = dt.date(year, 4, 30) + dt.timedelta(days=rng.randint(-200, 200))
                    obligations.append(
                        Obligation(
                            task=task,
                            due_on=due,
                            label=f"{year}年度",
                            done_on=due if rng.random() < 0.4 else None,
                        )
                    )
                for r in range(REPORTS_PER_TASK):
                    reports.append(
                        ProgressReport(
                            task=task,
                            unit_id=picked[0],
                            text=f"第{r}次进展",
                            percent_done=r * 10,
                            reported_on=today - dt.timedelta(days=30 * r),
                            status=rng.choice(ReportStatus.values),
                        )
                    )
                if task.pk % 10 == 0:
                    targets.append(
                        Target(
                            task=task,
                            text="合格率达到95%以上",
                            goal=95,
                            unit="%",
                            comparator=">=",
                            current=rng.randint(50, 100),
                        )
                    )
            for model, rows in (
                (TaskAssignment, assignments),
                (TaskOwner, owners),
                (Obligation, obligations),
                (ProgressReport, reports),
                (Target, targets),
            ):
                model.objects.bulk_create(rows, batch_size=5000)
            counts["plans"] += 1
            counts["tasks"] += len(tasks)
            counts["owners"] += len(owners)
            counts["obligations"] += len(obligations)
            counts["reports"] += len(reports)
    return counts


def measure_page(client, url: str, runs: int) -> tuple[str, int, str, float, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    sqls = [q["sql"] for q in ctx.captured_queries]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - start)
    floor = [replay_sql(sqls) for _ in range(runs)]
    return (
        summary_ms(samples),
        len(sqls),
        summary_ms(floor),
        statistics.median(samples) * 1000,
        statistics.median(floor) * 1000,
    )


def goal(page_ms: float, floor_ms: float) -> str:
    """The issue's goal for a page: at most twice its SQL plus 10 ms."""
    limit = 2 * floor_ms + 10
    return f"goal <= {limit:.1f} ms: {'met' if page_ms <= limit else 'NOT met'}"


def export_floor(rows: list[list], headers: list[str]) -> float:
    """The same cells written by openpyxl in write-only mode, nothing else."""
    from openpyxl import Workbook

    start = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(io.BytesIO())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument(
        "--scale", type=int, default=1, help="counties' worth of data (100 = province)"
    )
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the rows of an earlier run (PostgreSQL)"
    )
    args = parser.parse_args()
    name = f"bench_plans_{args.scale}"
    if args.reuse and args.database == "postgresql":
        base = os.environ.get("FAZHI_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
        setup_django(base.rsplit("/", 1)[0] + f"/{name}")
    else:
        setup_django(database_url(args.database, name))

    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from fazhi.core import pagecache
    from fazhi.core.choices import Role
    from fazhi.core.demo import load as load_core
    from fazhi.core.models import OrgUnit, User
    from fazhi.plans import selectors
    from fazhi.plans.excel import HEADERS, ledger_rows
    from fazhi.plans.models import Plan, Task

    rows = []
    if not (args.reuse and Plan.objects.exists()):
        load_core(io.StringIO())
        start = time.perf_counter()
        generate(args.scale, random.Random(7))
        rows.append(("data generated", f"{time.perf_counter() - start:.1f} s"))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    rows.append(
        (
            "data",
            f"{Plan.objects.count()} plans, {Task.objects.count()} tasks,"
            f" {selectors.ProgressReport.objects.count()} reports",
        )
    )
    supervisor = User.objects.get(username="zhang.supervisor")
    reporter, _ = User.objects.get_or_create(
        username="bench.reporter",
        defaults={"unit": OrgUnit.objects.get(name="天镇县司法局"), "roles": [Role.REPORTER]},
    )
    client = Client()
    client.force_login(supervisor)
    plan = Plan.objects.order_by("-issued_on", "-id").first()
    # The pages as rendered; the page cache's answer is measured apart, below.
    settings.FAZHI_PAGE_CACHE = False
    pages = [
        ("dashboard (督办总览)", "/plans/overview/", True),
        ("ledger page 1 (任务台账)", f"/plans/tasks/?plan={plan.pk}", True),
        (
            "ledger overdue, sorted by due",
            f"/plans/tasks/?plan={plan.pk}&status=overdue&sort=due",
            True,
        ),
        ("report review queue", "/plans/reports/", False),
        ("API /api/plans/tasks?limit=100", "/api/plans/tasks?limit=100", False),
    ]
    for label, url, with_goal in pages:
        timing, queries, floor, page_ms, floor_ms = measure_page(client, url, args.runs)
        rows.append(
            (label, timing, f"{queries} queries", f"| floor (its SQL) {floor}")
            + ((goal(page_ms, floor_ms),) if with_goal else ())
        )
    counts = []
    for _ in range(args.runs):
        start = time.perf_counter()
        selectors.status_counts(user=supervisor, plan=plan)
        counts.append(time.perf_counter() - start)
    rows.append(
        (
            "dashboard status counts (in all, by part, by unit)",
            summary_ms(counts),
            f"goal median <= 100 ms: {'met' if statistics.median(counts) <= 0.1 else 'NOT met'}",
        )
    )
    settings.FAZHI_PAGE_CACHE = True
    cached = (
        (
            ("dashboard, from the page cache", "/plans/overview/"),
            ("ledger page 1, from the page cache", f"/plans/tasks/?plan={plan.pk}"),
        )
        if pagecache.enabled()
        else ()
    )
    if not cached:
        rows.append(("page cache", "off: the cache is a database table (set FAZHI_REDIS_URL)"))
    for label, url in (*cached, ("floor: /healthz, same client", "/healthz")):
        client.get(url)  # stored: the measured requests (and their query count) are hits
        timing, queries, _f, _p, _m = measure_page(client, url, args.runs)
        rows.append((label, timing, f"{queries} queries"))
    settings.FAZHI_PAGE_CACHE = False
    client.force_login(reporter)
    timing, queries, floor, _p, _f = measure_page(client, "/plans/unit/", max(5, args.runs // 4))
    rows.append(
        ("unit page (本单位任务, a reporter)", timing, f"{queries} queries", f"| floor {floor}")
    )
    client.force_login(supervisor)
    county_plans = list(Plan.objects.order_by("id")[:PLANS_PER_COUNTY])
    exports = []
    for _ in range(max(3, args.runs // 5)):
        start = time.perf_counter()
        for p in county_plans:
            response = client.get(f"/plans/tasks/?plan={p.pk}&format=xlsx")
            assert response.status_code == 200, response.status_code
            b"".join(response.streaming_content) if response.streaming else response.content
        exports.append(time.perf_counter() - start)
    # The first export of a process also imports openpyxl's writers: shown apart.
    first, exported = exports[0], statistics.median(exports[1:])
    # The same cells the export writes, each sheet's rows in turn (not timed: the floor is
    # openpyxl's writing alone).
    cells = [
        row
        for p in county_plans
        for rows in ledger_rows(user=supervisor, plan=p).values()
        for row in rows
    ]
    floor = export_floor(cells, HEADERS)
    rows.append(
        (
            f"Excel ledger export, one county ({len(cells)} tasks, 5 plans)",
            f"median {exported:.2f} s (first of the process {first:.2f} s)",
            f"| floor (openpyxl write-only, same cells) {floor:.2f} s",
            f"goal <= 0.5 s: {'met' if exported <= 0.5 else 'NOT met'}",
        )
    )
    print_table(f"plans: pages at scale {args.scale} ({args.database})", rows)
    print(f"  load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
