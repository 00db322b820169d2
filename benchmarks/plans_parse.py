"""Plan parsing and import: the seed plan (.txt and .docx) parsed and imported repeatedly.

.venv/bin/python benchmarks/plans_parse.py --database sqlite
.venv/bin/python benchmarks/plans_parse.py --database postgresql
"""

from __future__ import annotations

import argparse
import io
import time

from _setup import count_queries, database_url, print_table, setup_django, summary_ms


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup_django(database_url(args.database, "bench_plans_parse"))

    from fazhi.core.actors import SYSTEM
    from fazhi.core.demo import load as load_core
    from fazhi.plans import services
    from fazhi.plans.directory import unit_directory
    from fazhi.plans.models import Plan
    from fazhi.plans.parsing import DEMO_PLAN_DOCX, DEMO_PLAN_TXT, parse

    load_core(io.StringIO())
    directory = unit_directory()
    rows = []
    for path in (DEMO_PLAN_TXT, DEMO_PLAN_DOCX):
        data = path.read_bytes()
        samples = []
        for _ in range(args.runs):
            start = time.perf_counter()
            parse(data, filename=path.name, directory=directory)
            samples.append(time.perf_counter() - start)
        rows.append(
            (
                f"parse {path.suffix} ({len(data) // 1024} KB)",
                f"{args.runs} runs",
                summary_ms(samples),
            )
        )
    data = DEMO_PLAN_TXT.read_bytes()
    samples, queries = [], 0
    for _ in range(max(3, args.runs // 4)):
        Plan.objects.all().delete()
        start = time.perf_counter()
        prepared = services.plan_import_prepare(
            actor=SYSTEM, data=data, filename=DEMO_PLAN_TXT.name
        )
        _, queries = count_queries(
            lambda p=prepared: services.plan_import_apply(actor=SYSTEM, plan_import=p.plan_import)
        )
        samples.append(time.perf_counter() - start)
    rows.append(
        (
            "import seed (upload + save, 32 tasks)",
            f"{len(samples)} runs",
            summary_ms(samples),
            f"{queries} queries to save",
        )
    )
    start = time.perf_counter()
    _, reimport_queries = count_queries(
        lambda: services.plan_import_prepare(actor=SYSTEM, data=data, filename="again.txt")
    )
    rows.append(
        (
            "re-import unchanged (no-op)",
            "1 run",
            f"{(time.perf_counter() - start) * 1000:.1f} ms",
            f"{reimport_queries} queries",
        )
    )
    print_table(f"plans: parse and import ({args.database})", rows)


if __name__ == "__main__":
    main()
