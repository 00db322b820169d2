"""Plan parsing and import: the seed plan and a generated 200-page plan, .txt and .docx,
parse time (median) and peak memory (tracemalloc); then the seed imported repeatedly.

.venv/bin/python benchmarks/plans_parse.py --database sqlite
.venv/bin/python benchmarks/plans_parse.py --database postgresql
.venv/bin/python benchmarks/plans_parse.py --parse-only
"""

from __future__ import annotations

import argparse
import io
import time
import tracemalloc

from _setup import count_queries, database_url, print_table, setup_django, summary_ms

PAGE_CHARS = 700  # a GB/T 9704 page: 22 lines of 28 characters, with headings and spacing


def big_plan(pages: int = 200) -> str:
    """A plan of about `pages` pages built from the seed's own sentences: chapters, measures
    with unit lines and deadlines, and a task table in text form every tenth measure."""
    from fazhi.plans.parsing import DEMO_PLAN_TXT

    seed = DEMO_PLAN_TXT.read_text(encoding="utf-8")
    sentences = [s + "。" for s in seed.split("。") if 20 < len(s) < 200 and "\n" not in s]
    units = ["县司法局", "县财政局", "县发改委", "县政府办公室", "各乡(镇)人民政府"]
    lines = ["天镇县人民政府", "天政发〔2024〕99号", "", "天镇县法治政府建设大型实施方案", ""]
    chapter = measure = 0
    while sum(len(x) for x in lines) < pages * PAGE_CHARS:
        if measure % 12 == 0:
            chapter += 1
            lines.append(f"{cn(chapter)}、第{chapter}部分的任务")
        measure += 1
        body = "".join(sentences[(measure * 3 + k) % len(sentences)] for k in range(3))
        lines.append(f"({cn(measure)}){body}2025年{measure % 12 + 1}月底前完成。")
        lines.append("牵头单位:" + units[measure % len(units)])
        lines.append("参加单位:" + "、".join(units[(measure + 1) % 5 :][:2] or units[:2]))
    lines += ["", "天镇县人民政府", "2024年3月1日"]
    return "\n".join(lines)


def cn(number: int) -> str:
    import cn2an

    return cn2an.an2cn(number)


def as_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def parse_rows(runs: int) -> list[tuple]:
    """Parse time and peak memory, with the bundled directory (no database needed)."""
    from fazhi.plans.parsing import (
        DEMO_DIRECTORY,
        DEMO_PLAN_DOCX,
        DEMO_PLAN_TXT,
        UnitDirectory,
        parse,
    )

    directory = UnitDirectory.from_json(DEMO_DIRECTORY)
    big = big_plan()
    inputs = [
        ("seed .txt", DEMO_PLAN_TXT.read_bytes(), "seed.txt", runs),
        ("seed .docx", DEMO_PLAN_DOCX.read_bytes(), "seed.docx", runs),
        (f"200 pages .txt ({len(big)} chars)", big.encode("utf-8"), "big.txt", max(3, runs // 5)),
        ("200 pages .docx", as_docx(big), "big.docx", max(3, runs // 5)),
    ]
    rows = []
    for label, data, name, count in inputs:
        parse(data, filename=name, directory=directory)  # warm: imports, OpenCC, regexes
        samples = []
        for _ in range(count):
            start = time.perf_counter()
            draft = parse(data, filename=name, directory=directory)
            samples.append(time.perf_counter() - start)
        tracemalloc.start()
        parse(data, filename=name, directory=directory)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        tasks = sum(len(m.tasks) for m in draft.measures)
        rows.append(
            (
                f"parse {label}, {len(data) // 1024} KB",
                f"{len(draft.measures)} measures, {tasks} tasks, {count} runs",
                summary_ms(samples),
                f"peak {peak / 1024 / 1024:.1f} MB",
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--parse-only", action="store_true", help="no database: parsing only")
    args = parser.parse_args()
    rows = parse_rows(args.runs)
    if args.parse_only:
        print_table("plans: parse", rows)
        return
    setup_django(database_url(args.database, "bench_plans_parse"))

    from fazhi.core.actors import SYSTEM
    from fazhi.core.demo import load as load_core
    from fazhi.plans import services
    from fazhi.plans.models import Plan
    from fazhi.plans.parsing import DEMO_PLAN_TXT

    load_core(io.StringIO())
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
