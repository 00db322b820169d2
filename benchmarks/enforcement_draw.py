"""The verifiable draw at scale, each figure beside its floor from the same run; χ² uniformity.

.venv/bin/python benchmarks/enforcement_draw.py --scale 1000000 --database postgresql
.venv/bin/python benchmarks/enforcement_draw.py --part chi         # the χ² test alone, no database

Part `draw` loads N targets, commits and reveals one 5% draw with assignment (lead + 2 joint
bodies) through the services, then times the pieces of the reveal alone on the same data, each
beside its floor:
- commit: the service against the bare work it must do: the codes in index order joined by the
  database (`string_agg`, one value; fetched and joined on SQLite), SM3 + SHA-256; the floor of the earlier runs (fetch
  the rows, join them in Python, hash) is printed too;
- ids: `target_lines` (canonical checks on the bytes) against a bare split of the file;
- rank: `draw.run_lines` against one HMAC-SHA256 per target, nothing else;
- assign: `assignment.assign` against one HMAC per officer slot (the least any keyed pairing needs);
- write: the visit and officer rows as the service writes them (lookups included) against a bare
  COPY (PostgreSQL) / executemany (SQLite) of the same tuples into unindexed temporary tables.
`--reuse` keeps the loaded targets of an earlier `--keep` run (database `bench_enforcement_draw`).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import subprocess
import sys
import time

from _setup import database_url, print_table, setup_django
from enforcement_common import load_average, load_targets, make_bodies, median_time

NAME = "bench_enforcement_draw"


def kept_database() -> str:
    """The database of an earlier run when it exists, else a fresh one."""
    import psycopg

    url = f"postgresql://postgres@127.0.0.1:5432/{NAME}"
    try:
        psycopg.connect(url).close()
    except psycopg.OperationalError:
        return database_url("postgresql", NAME)
    return url


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


def bare_hmacs(seed_hex: str, messages) -> list[bytes]:
    from fazhi.enforcement import draw

    inner, outer = draw.hmac_sha256_states(bytes.fromhex(seed_hex))
    out = []
    for m in messages:
        i = inner.copy()
        i.update(m)
        o = outer.copy()
        o.update(i.digest())
        out.append(o.digest())
    return out


def floor_commit(plan) -> tuple[float, float]:
    """(bare COPY of the codes + hashes, fetch + join + hashes) in seconds."""
    from django.db import connection

    from fazhi.enforcement import draw

    select = "SELECT uscc FROM enforcement_inspectiontarget WHERE is_active ORDER BY uscc"

    def fetched():
        with connection.cursor() as cursor:
            cursor.execute(select)
            data = ("\n".join(r[0] for r in cursor.fetchall()) + "\n").encode()
        return draw.list_hashes(data)

    def copied():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT convert_to(string_agg(uscc, E'\\n') || E'\\n', 'UTF8') FROM ({select}) t"
            )
            data = bytes(cursor.fetchone()[0])
        return draw.list_hashes(data)

    old = median_time(fetched)[0]
    return (median_time(copied)[0] if connection.vendor == "postgresql" else old), old


def floor_write(visit_rows: list[tuple], slot_rows: list[tuple]) -> float:
    """Bare insert of the same tuples into unindexed temporary tables, rolled back."""
    from django.db import connection, transaction

    def work():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE floor_visit (draw_id int, rank int, target_id bigint,"
                " score varchar(64), outcome varchar(16), result_note text)"
            )
            cursor.execute("CREATE TEMPORARY TABLE floor_slot (visit_id bigint, officer_id bigint)")
            if connection.vendor == "postgresql":
                for table, rows in (("floor_visit", visit_rows), ("floor_slot", slot_rows)):
                    with cursor.cursor.copy(f"COPY {table} FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
            else:
                cursor.executemany("INSERT INTO floor_visit VALUES (%s,%s,%s,%s,%s,%s)", visit_rows)
                cursor.executemany("INSERT INTO floor_slot VALUES (%s,%s)", slot_rows)
            cursor.execute("DROP TABLE floor_visit")
            cursor.execute("DROP TABLE floor_slot")

    return median_time(work)[0]


def run_draw(args) -> list[tuple]:
    from fazhi.core.models import User
    from fazhi.enforcement import assignment, draw, services
    from fazhi.enforcement.models import EnforcementBody, InspectionTarget, InspectionVisit
    from fazhi.enforcement.services import inspections

    rows = []
    if args.reuse and InspectionTarget.objects.exists():
        bodies = list(EnforcementBody.objects.order_by("id"))
        actor = User.objects.get(username="bench0")
        scale = InspectionTarget.objects.count()
    else:
        bodies, actors = make_bodies(args.officers)
        actor = actors[0]
        start = time.perf_counter()
        load_targets(args.scale)
        scale = args.scale
        rows.append(
            ("load targets (core.bulk)", f"{scale:,}", f"{time.perf_counter() - start:.1f} s")
        )
    plan = services.plan_create(
        actor=actor,
        body=bodies[0],
        title="基准抽查",
        year=2026,
        scope="全部",
        ratio_bp=500,
        joint_bodies=bodies[1:],
    )
    start = time.perf_counter()
    row = services.draw_commit(actor=actor, plan=plan)
    commit = time.perf_counter() - start
    start = time.perf_counter()
    row = services.draw_reveal(actor=actor, draw_row=row)
    reveal = time.perf_counter() - start

    # the pieces of the reveal, on the same list, seed and officers
    with row.target_list.open("rb") as fh:
        data = fh.read()
    t_ids, ids = median_time(lambda: draw.target_lines(data))
    f_ids = median_time(lambda: data.split(b"\n"))[0]
    t_rank, selection = median_time(lambda: draw.run_lines(ids, row.seed, row.ratio_bp))
    f_rank = median_time(lambda: bare_hmacs(row.seed, ids))[0]
    pool = inspections.active_inspectors(bodies, row.committed_at.date())
    wanted = [s.target_id for s in selection]
    t_assign, visits = median_time(
        lambda: assignment.assign(
            wanted,
            pool,
            lead_body=bodies[0].pk,
            joint_bodies=[b.pk for b in bodies[1:]],
            seed_hex=row.seed,
            algorithm=row.algorithm,
        )
    )
    slots = sum(len(v.officer_ids) for v in visits)
    f_assign = median_time(
        lambda: bare_hmacs(
            row.seed, (f"{v.target_id}:{o}".encode() for v in visits for o in v.officer_ids)
        )
    )[0]
    stored = list(
        InspectionVisit.objects.filter(draw=row).order_by("rank").values_list("id", "target_id")
    )
    visit_rows = [
        (row.pk, s.rank, t, s.score, "pending", "")
        for s, (_, t) in zip(selection, stored, strict=True)
    ]
    slot_rows = [
        (v, o) for (v, _), visit in zip(stored, visits, strict=True) for o in visit.officer_ids
    ]
    write = reveal_write(row, selection, visits)
    f_write = floor_write(visit_rows, slot_rows)
    f_commit, f_commit_fetch = floor_commit(plan)

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
    verify = time.perf_counter() - start
    assert result.returncode == 0, result.stderr.decode()
    assert hashlib.sha256(result.stdout).hexdigest() == row.selection_sha256
    assert draw.render(selection) == result.stdout  # the pieces timed are the draw published

    per_officer: dict[int, int] = {}
    for officer_id in InspectionVisit.officers.through.objects.filter(
        inspectionvisit__draw=row
    ).values_list("officer_id", flat=True):
        per_officer[officer_id] = per_officer.get(officer_id, 0) + 1
    reveal_floor = f_ids + f_rank + f_assign + f_write
    rows += [
        (
            "commit: freeze list, SM3 + SHA-256, seed commitment",
            f"{row.target_count:,} targets",
            f"{commit:.2f} s",
            f"floor {f_commit:.2f} s (string_agg + hashes)",
            "goal ≤ 0.5 s",
            f"earlier floor {f_commit_fetch:.2f} s (fetch + join + hashes)",
        ),
        (
            "reveal: 5% draw + assignment + writes",
            f"{len(selection):,} visits, {slots:,} slots",
            f"{reveal:.2f} s",
            f"floor {reveal_floor:.2f} s (sum below)",
            "goal ≤ 2 s",
        ),
        ("  ids: target_lines", "", f"{t_ids:.2f} s", f"floor {f_ids:.2f} s (split)"),
        (
            "  rank: draw.run_lines",
            "",
            f"{t_rank:.2f} s",
            f"floor {f_rank:.2f} s (one HMAC per target)",
        ),
        (
            "  assign: assignment.assign",
            "",
            f"{t_assign:.2f} s",
            f"floor {f_assign:.2f} s (one HMAC per slot)",
        ),
        (
            "  write: visits + officer slots",
            "",
            f"{write:.2f} s",
            f"floor {f_write:.2f} s (bare COPY/executemany)",
        ),
        (
            "officer workload (visits per officer; lead 2 per visit, joint 1)",
            *(
                f"{body.case_prefix}: {min(v)}–{max(v)}"
                for body in bodies
                for v in [
                    [per_officer.get(o, 0) for o in body.officers.values_list("id", flat=True)]
                ]
            ),
        ),
        (
            "fazhi inspection verify-draw --draw (new process)",
            f"{len(selection):,} lines",
            f"{verify:.1f} s",
            "byte-identical",
        ),
    ]
    return rows


def reveal_write(row, selection, visits) -> float:
    """The service's writes again (same code path, rolled back) for the write figure alone."""
    from django.db import transaction

    from fazhi.enforcement.models import InspectionVisit
    from fazhi.enforcement.services.inspections import write_visits

    with transaction.atomic():
        InspectionVisit.objects.filter(draw=row).delete()
        start = time.perf_counter()
        write_visits(row, selection, visits)
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1_000_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--part", choices=["all", "draw", "chi"], default="all")
    parser.add_argument("--officers", type=int, default=20, help="officers per body (3 bodies)")
    parser.add_argument("--reuse", action="store_true", help="PostgreSQL: keep the loaded targets")
    parser.add_argument("--chi-targets", type=int, default=2000)
    parser.add_argument("--chi-draws", type=int, default=2000)
    args = parser.parse_args()
    rows = [("load average", load_average())]
    if args.part in ("all", "draw"):
        reuse = args.reuse and args.database == "postgresql"
        setup_django(kept_database() if reuse else database_url(args.database, NAME))
        rows += run_draw(args)
    else:
        setup_django(database_url("sqlite", "bench_enforcement_chi"))
    if args.part in ("all", "chi"):
        chi2, df, critical, z_stat, chi_time, lo, hi, expected = chi_square(
            args.chi_targets, args.chi_draws, 500
        )
        rows.append(
            (
                f"χ² uniformity: {args.chi_draws} draws of 5% from {args.chi_targets}",
                f"χ²={chi2:.1f}, df={df}",
                f"critical(α=0.01)={critical:.1f}",
                "PASS" if chi2 < critical else "FAIL",
                f"z={z_stat:+.2f}",
                f"counts {lo}–{hi} (expected {expected:.0f})",
                f"{chi_time:.1f} s",
            )
        )
    rows.append(("load average after", load_average()))
    print_table(
        f"Verifiable draw ({args.database}), 5% with assignment, lead + 2 joint bodies × {args.officers}",
        rows,
    )


if __name__ == "__main__":
    main()
