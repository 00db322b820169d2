"""Importing inspection targets: a CSV of N market entities through the same service as the CLI,
beside its floor from the same run: a bare COPY (PostgreSQL) / executemany (SQLite) of the same
rows into the same empty table, with no checks.

.venv/bin/python benchmarks/enforcement_import.py --scale 1000000 --database postgresql
.venv/bin/python benchmarks/enforcement_import.py --scale 1000000 --part first   # one row alone

Parts: `first` (new rows), `again` (the same file: nothing changes), `bad` (one bad last row:
refused, nothing saved); `all` runs the three. The goal is the first import within 2× the floor.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from _setup import database_url, print_table, setup_django
from enforcement_common import load_average, make_bodies, target_rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1_000_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--part", choices=["all", "first", "again", "bad"], default="all")
    parser.add_argument("--batch-size", type=int, default=5000)
    args = parser.parse_args()
    rows = [("load average", load_average())]
    setup_django(database_url(args.database, "bench_enforcement_import"))
    from django.db import transaction
    from django.utils import timezone

    from fazhi.core import bulk
    from fazhi.enforcement import importing, services
    from fazhi.enforcement.models import InspectionTarget
    from fazhi.enforcement.services.inspections import TARGET_COLUMNS

    _, actors = make_bodies(2)
    path = Path(tempfile.mkdtemp()) / "targets.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(importing.TARGET_HEADERS)
        writer.writerows(target_rows(args.scale))

    def floor() -> float:
        """Read the same file and write its rows unchecked, rolled back."""
        now = bulk.db_value(InspectionTarget, "created_at", timezone.now())
        with transaction.atomic():
            start = time.perf_counter()
            with path.open(encoding="utf-8") as fh:
                reader = csv.reader(fh)
                next(reader)
                bulk.insert(InspectionTarget, TARGET_COLUMNS, ((*r, True, now) for r in reader))
            elapsed = time.perf_counter() - start
            transaction.set_rollback(True)
        return elapsed

    def run():
        with path.open(encoding="utf-8") as fh:
            reader = csv.reader(fh)
            next(reader)
            start = time.perf_counter()
            count = services.target_import(actor=actors[0], rows=reader, batch_size=args.batch_size)
            return count, time.perf_counter() - start

    copy_floor = floor()
    count, first = run()
    assert InspectionTarget.objects.count() == args.scale
    rows.append(
        (
            "first import (validate USCC + write)",
            f"{count:,} rows",
            f"{first:.1f} s",
            f"floor (bare write of the same file) {copy_floor:.1f} s",
            f"{first / copy_floor:.1f}× the floor (goal ≤ 2×)",
        )
    )
    if args.part in ("all", "again"):
        again, second = run()
        rows.append(
            (
                "re-import (same file: nothing changes)",
                f"{again:,} rows",
                f"{second:.1f} s",
                f"{second / copy_floor:.1f}× the floor",
            )
        )
    if args.part in ("all", "bad"):
        with path.open("a", encoding="utf-8") as fh:
            fh.write("911402220000000000,坏代码企业,食品销售,天镇县\n")
        start = time.perf_counter()
        try:
            run()
        except Exception as exc:  # the refusal is the point of this row
            refused = time.perf_counter() - start
            message = getattr(exc, "message", str(exc))
        assert InspectionTarget.objects.count() == args.scale
        rows.append(
            (
                "one bad last row (nothing saved)",
                f"{args.scale + 1:,} rows",
                f"{refused:.1f} s",
                message,
            )
        )
    rows.append(("load average after", load_average()))
    print_table(f"Inspection target import ({args.database})", rows)


if __name__ == "__main__":
    main()
