"""Dashboard, ledger and Excel export at county and province scale.

A county is 5 plans × 400 tasks = 2,000 tasks with 20,000 progress reports; `--scale N` makes
N counties' worth (100 = a province). Data is bulk-inserted straight into a throwaway database.

    .venv/bin/python benchmarks/plans_pages.py --database postgresql --scale 1
    .venv/bin/python benchmarks/plans_pages.py --database postgresql --scale 100
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import time

from _setup import count_queries, database_url, print_table, setup_django, summary_ms

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
    today = dt.date.today()
    counts = dict.fromkeys(["plans", "tasks", "owners", "obligations", "reports"], 0)
    for county in range(scale):
        for p in range(PLANS_PER_COUNTY):
            plan = Plan.objects.create(
                doc_number=f"测发〔2024〕{county * 10 + p}号",
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


def measure_page(client, url: str, runs: int) -> tuple[str, int]:
    samples = []
    response, queries = count_queries(lambda: client.get(url))
    assert response.status_code == 200, (url, response.status_code)
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - start)
    return summary_ms(samples), queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument(
        "--scale", type=int, default=1, help="counties' worth of data (100 = province)"
    )
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup_django(database_url(args.database, f"bench_plans_{args.scale}"))

    from django.db import connection
    from django.test import Client

    from fazhi.core.choices import Role
    from fazhi.core.demo import load as load_core
    from fazhi.core.models import OrgUnit, User
    from fazhi.plans.excel import ledger_workbook
    from fazhi.plans.models import Plan

    load_core(io.StringIO())
    start = time.perf_counter()
    counts = generate(args.scale, random.Random(7))
    generated = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    supervisor = User.objects.get(username="zhang.supervisor")
    reporter = User.objects.create(
        username="bench.reporter",
        unit=OrgUnit.objects.get(name="天镇县司法局"),
        roles=[Role.REPORTER],
    )
    rows = [
        (
            "data",
            f"{counts['plans']} plans, {counts['tasks']} tasks, {counts['reports']} reports, {counts['obligations']} obligations, {counts['owners']} owner rows",
            f"generated in {generated:.1f} s",
        )
    ]
    client = Client()
    client.force_login(supervisor)
    plan = Plan.objects.order_by("-issued_on", "-id").first()
    for label, url in (
        ("dashboard (督办总览)", "/plans/overview/"),
        ("ledger page 1 (任务台账)", f"/plans/tasks/?plan={plan.pk}"),
        ("ledger overdue, sorted by due", f"/plans/tasks/?plan={plan.pk}&status=overdue&sort=due"),
        ("report review queue", "/plans/reports/"),
        ("API /api/plans/tasks?limit=100", "/api/plans/tasks?limit=100"),
    ):
        timing, queries = measure_page(client, url, args.runs)
        rows.append((label, timing, f"{queries} queries"))
    client.force_login(reporter)
    timing, queries = measure_page(client, "/plans/unit/", max(5, args.runs // 4))
    rows.append(("unit page (本单位任务, a reporter)", timing, f"{queries} queries"))
    county_plans = list(Plan.objects.order_by("id")[:PLANS_PER_COUNTY])
    start = time.perf_counter()
    exported = 0
    for p in county_plans:
        wb = ledger_workbook(user=supervisor, plan=p)
        buffer = io.BytesIO()
        wb.save(buffer)
        exported += sum(ws.max_row - 1 for ws in wb.worksheets[1:])
    rows.append(
        (
            "Excel export, one county (5 plans)",
            f"{exported} tasks",
            f"{time.perf_counter() - start:.2f} s",
        )
    )
    print_table(f"plans: pages at scale {args.scale} ({args.database})", rows)


if __name__ == "__main__":
    main()
