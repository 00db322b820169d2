"""The verifiable draw at scale, and a chi-square test that no target is favoured.

.venv/bin/python benchmarks/enforcement_draw.py --scale 1000000 --database postgresql
"""

from __future__ import annotations

import argparse
import hashlib
import math
import subprocess
import sys
import time

from _setup import database_url, print_table, setup_django
from enforcement_common import make_bodies, target_rows


def chi_square(targets: int, draws: int, ratio_bp: int) -> tuple:
    """Many draws with independent seeds; χ² of the per-target selection counts against uniform."""
    from fazhi.enforcement import draw
    from fazhi.enforcement.demo import generated_uscc

    ids = sorted(generated_uscc(20000000 + i) for i in range(targets))
    counts = dict.fromkeys(ids, 0)
    k = draw.sample_size(targets, ratio_bp)
    start = time.perf_counter()
    for i in range(draws):
        for s in draw.run(ids, hashlib.sha256(f"bench-seed-{i}".encode()).hexdigest(), ratio_bp):
            counts[s.target_id] += 1
    elapsed = time.perf_counter() - start
    expected = draws * k / targets
    # each draw is without replacement, so the count variance is expected*(1-p); scale χ² accordingly
    p = k / targets
    chi2 = sum((c - expected) ** 2 for c in counts.values()) / (expected * (1 - p))
    df = targets - 1
    z = 2.326  # one-sided α = 0.01
    critical = df * (1 - 2 / (9 * df) + z * math.sqrt(2 / (9 * df))) ** 3  # Wilson–Hilferty
    z_stat = (chi2 - df) / math.sqrt(2 * df)
    return chi2, df, critical, z_stat, elapsed, min(counts.values()), max(counts.values()), expected


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1_000_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--officers", type=int, default=20, help="officers per body (3 bodies)")
    parser.add_argument("--chi-targets", type=int, default=2000)
    parser.add_argument("--chi-draws", type=int, default=2000)
    args = parser.parse_args()
    setup_django(database_url(args.database, "bench_enforcement_draw"))
    from fazhi.enforcement import services
    from fazhi.enforcement.models import InspectionTarget

    bodies, actors = make_bodies(args.officers)
    start = time.perf_counter()
    batch = []
    for uscc, name, category, address in target_rows(args.scale):
        batch.append(InspectionTarget(uscc=uscc, name=name, category=category, address=address))
        if len(batch) == 20000:
            InspectionTarget.objects.bulk_create(batch)
            batch.clear()
    InspectionTarget.objects.bulk_create(batch)
    load = time.perf_counter() - start
    plan = services.plan_create(
        actor=actors[0],
        body=bodies[0],
        title="基准抽查",
        year=2026,
        scope="全部",
        ratio_bp=500,
        joint_bodies=bodies[1:],
    )
    start = time.perf_counter()
    row = services.draw_commit(actor=actors[0], plan=plan)
    commit = time.perf_counter() - start
    start = time.perf_counter()
    row = services.draw_reveal(actor=actors[0], draw_row=row)
    reveal = time.perf_counter() - start
    visits = row.visits.count()
    loads = sorted(
        row.visits.model.officers.through.objects.filter(inspectionvisit__draw=row).values_list(
            "officer_id", flat=True
        )
    )
    per_officer: dict[int, int] = {}
    for officer_id in loads:
        per_officer[officer_id] = per_officer.get(officer_id, 0) + 1
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from fazhi.cli import main; main()",
            "inspection",
            "verify-draw",
            "--draw",
            str(row.pk),
        ],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert hashlib.sha256(result.stdout).hexdigest() == row.selection_sha256
    verify = time.perf_counter() - start
    chi2, df, critical, z_stat, chi_time, lo, hi, expected = chi_square(
        args.chi_targets, args.chi_draws, 500
    )
    print_table(
        f"Verifiable draw ({args.database}), 5% of {args.scale:,} targets, lead + 2 joint bodies × {args.officers} officers",
        [
            ("load targets (bulk_create 20k batches)", f"{args.scale:,}", f"{load:.1f} s"),
            (
                "commit: freeze canonical list, SM3+SHA-256, seed commitment",
                f"{row.target_count:,} targets",
                f"{commit:.1f} s",
                f"list {row.target_list.size / 1e6:.1f} MB",
            ),
            (
                "reveal: HMAC ranking + assignment + insert visits",
                f"{visits:,} visits",
                f"{reveal:.1f} s",
                f"{len(loads):,} officer slots",
            ),
            (
                "officer workload (visits per officer; lead body 2 per visit, joint 1)",
                *(
                    f"{body.case_prefix}: {min(v)}–{max(v)}"
                    for body in bodies
                    for v in [
                        [per_officer.get(o, 0) for o in body.officers.values_list("id", flat=True)]
                    ]
                ),
            ),
            (
                "fazhi inspection verify-draw --draw (new process, recompute + byte compare)",
                f"{visits:,} lines",
                f"{verify:.1f} s",
            ),
            (
                f"χ² uniformity: {args.chi_draws} draws of 5% from {args.chi_targets}",
                f"χ²={chi2:.1f}, df={df}",
                f"critical(α=0.01)={critical:.1f}",
                "PASS" if chi2 < critical else "FAIL",
                f"z={z_stat:+.2f}",
                f"counts {lo}–{hi} (expected {expected:.0f})",
                f"{chi_time:.1f} s",
            ),
        ],
    )


if __name__ == "__main__":
    main()
