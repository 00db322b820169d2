"""Importing inspection targets: a CSV of N market entities through the same service as the CLI.

.venv/bin/python benchmarks/enforcement_import.py --scale 1000000 --database postgresql
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from _setup import database_url, print_table, setup_django
from enforcement_common import make_bodies, target_rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1_000_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--batch-size", type=int, default=5000)
    args = parser.parse_args()
    setup_django(database_url(args.database, "bench_enforcement_import"))
    from fazhi.enforcement import importing, services
    from fazhi.enforcement.models import InspectionTarget

    _, actors = make_bodies(2)
    path = Path(tempfile.mkdtemp()) / "targets.csv"
    start = time.perf_counter()
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(importing.TARGET_HEADERS)
        writer.writerows(target_rows(args.scale))
    generate = time.perf_counter() - start

    def run():
        with path.open(encoding="utf-8") as fh:
            reader = csv.reader(fh)
            next(reader)
            start = time.perf_counter()
            count = services.target_import(actor=actors[0], rows=reader, batch_size=args.batch_size)
            return count, time.perf_counter() - start

    count, first = run()
    assert InspectionTarget.objects.count() == args.scale
    again, second = run()
    with path.open("a", encoding="utf-8") as fh:
        fh.write("911402220000000000,坏代码企业,食品销售,天镇县\n")
    start = time.perf_counter()
    try:
        run()
    except Exception as exc:  # the refusal is the point of this row
        refused = time.perf_counter() - start
        message = getattr(exc, "message", str(exc))
    assert InspectionTarget.objects.count() == args.scale
    print_table(
        f"Inspection target import ({args.database}, batch {args.batch_size})",
        [
            (
                "generate CSV",
                f"{args.scale:,} rows",
                f"{generate:.1f} s",
                f"{path.stat().st_size / 1e6:.0f} MB",
            ),
            (
                "first import (validate USCC + bulk insert)",
                f"{count:,} rows",
                f"{first:.1f} s",
                f"{count / first:,.0f} rows/s",
            ),
            (
                "re-import (same file: updates, no new rows)",
                f"{again:,} rows",
                f"{second:.1f} s",
                f"{again / second:,.0f} rows/s",
            ),
            (
                "import with one bad last row (all rolled back)",
                f"{args.scale + 1:,} rows",
                f"{refused:.1f} s",
                message,
            ),
        ],
    )


if __name__ == "__main__":
    main()
