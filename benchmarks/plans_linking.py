"""Suggesting links between a higher government's measures and a county's tasks (the linking
page): the seed plan against itself (33 measures, 32 tasks) and the generated 200-page plan
(663 × 663). The floor is cutting every text into words once, which any suggestion must do.

.venv/bin/python benchmarks/plans_linking.py --runs 10
"""

from __future__ import annotations

import argparse
import os
import time

from _setup import summary_ms
from plans_parse import big_plan


def texts(data: bytes, filename: str) -> tuple[dict[int, str], dict[int, str]]:
    from fazhi.plans.parsing import DEMO_DIRECTORY, UnitDirectory, parse

    draft = parse(data, filename=filename, directory=UnitDirectory.from_json(DEMO_DIRECTORY))
    measures = {i: m.title for i, m in enumerate(draft.measures, start=1)}
    tasks = {
        i: f"{m.title} {t.text}"
        for i, (m, t) in enumerate(((m, t) for m in draft.measures for t in m.tasks), start=1)
    }
    return measures, tasks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from fazhi.plans.linking import suggest_links, words
    from fazhi.plans.parsing import DEMO_PLAN_TXT

    inputs = [
        ("seed", *texts(DEMO_PLAN_TXT.read_bytes(), "seed.txt")),
        ("200 pages", *texts(big_plan().encode("utf-8"), "big.txt")),
    ]
    print("\n## plans: link suggestions (figure beside its floor, same run)")
    for label, measures, tasks in inputs:
        suggest_links(measures, tasks)  # warm: the dictionary loads once
        floor, full = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            for text in (*measures.values(), *tasks.values()):
                words(text)
            floor.append(time.perf_counter() - start)
            start = time.perf_counter()
            found = suggest_links(measures, tasks)
            full.append(time.perf_counter() - start)
        suggested = sum(len(v) for v in found.values())
        print(
            f"  {label}: {len(measures)} measures × {len(tasks)} tasks, {suggested} suggestions"
            f"  suggest {summary_ms(full)}  floor (words only) {summary_ms(floor)}"
        )


if __name__ == "__main__":
    main()
