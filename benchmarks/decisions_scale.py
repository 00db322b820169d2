"""Decision figures at province scale: catalogue and consultation pages, the public API, archives.

    .venv/bin/python benchmarks/decisions_scale.py --database sqlite --counties 2 --decisions 20 --comments 100
    .venv/bin/python benchmarks/decisions_scale.py --database postgresql --counties 100 --decisions 100 \
        --comments 1000 --attachment-mb 2048 --keep
    .venv/bin/python benchmarks/decisions_scale.py --database postgresql --reuse   # measure again

Loads `counties` × `decisions` decisions, each open for comment with `comments` approved comments
(the issue's province scale is 100 × 100 × 1,000 = 10 M comments; on PostgreSQL the comments go
in by COPY), then times with the Django test client (p95 over `--runs` requests after one warm-up,
queries per request): the portal's consultation list, one consultation with its comments, the
portal catalogue, both public API endpoints, and the office's catalogue list and consultation
page for a province supervisor. Floors, measured in the same run: `/healthz` through the same
client (the request floor) and each page's own SQL replayed bare on the same connection (the
database floor).

The archive export runs `fazhi decision export-archive` as a child process on a decision whose
attachments total `--attachment-mb` (written as `--attachment-files` files of repeated random
bytes, deleted afterwards), timing it and reading the child's peak RSS from `wait4`; floors: the
same files read and SM3-hashed once, copied once, and the peak RSS of `fazhi check` (Django
loaded, nothing done). Its own database: `bench_decisions_scale`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _setup import ROOT, database_url, percentile, replay_sql, setup_django

DB_NAME = "bench_decisions_scale"
BATCH = 5000
MEDIA = Path(os.environ.setdefault("FAZHI_MEDIA_ROOT", "/tmp/fazhi-bench-decisions-media"))
# PostgreSQL means production settings, which want a key; a throwaway one per run.
os.environ.setdefault("FAZHI_SECRET_KEY", os.urandom(32).hex())


def _county_code(c: int) -> str:
    # 14CCNN: 5 cities of 20 counties each, inside Shanxi (140000).
    return f"14{(c // 20) + 1:02d}{(c % 20) + 21:02d}"


def populate(counties: int, decisions: int, comments: int) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from fazhi.core.choices import UnitKind
    from fazhi.core.models import OrgUnit, Region
    from fazhi.decisions.models import Catalog, CatalogEntry, Comment, Consultation, Decision

    Region.objects.get_or_create(code="140000", defaults={"name": "山西省"})
    for city in range((counties - 1) // 20 + 1):
        Region.objects.get_or_create(code=f"14{city + 1:02d}00", defaults={"name": f"市{city}"})
    ct = ContentType.objects.get_for_model(Decision)
    for c in range(counties):
        region, _ = Region.objects.get_or_create(code=_county_code(c), defaults={"name": f"县{c}"})
        gov = OrgUnit.objects.create(
            name=f"县{c}人民政府", kind=UnitKind.COUNTY_GOVERNMENT, region=region
        )
        catalog = Catalog.objects.create(
            body=gov,
            year=2026,
            status="published",
            party_approved_on=dt.date(2026, 3, 1),
            party_approval_ref="县委常委会会议",
            published_on=dt.date(2026, 4, 1),
        )
        entries = CatalogEntry.objects.bulk_create(
            CatalogEntry(
                catalog=catalog,
                sequence=i + 1,
                matter=f"事项{i}",
                scope_text="范围",
                lead_unit=gov,
                goal="目标",
                due_on=dt.date(2026, 12, 31),
                procedures=["public_participation", "legality_review", "collective_discussion"],
            )
            for i in range(decisions)
        )
        made = Decision.objects.bulk_create(
            Decision(
                number=f"{region.code}-2026-{i:04d}",
                title=f"决策{c}-{i}",
                body=gov,
                drafting_unit=gov,
                entry=e,
                options="方案",
                justification="说明",
                stage="participation",
                procedures=e.procedures,
            )
            for i, e in enumerate(entries)
        )
        cons = Consultation.objects.bulk_create(
            Consultation(
                unit=gov,
                target_type=ct,
                target_id=d.pk,
                title=d.title,
                draft_text="草案" * 200,
                opens_on=dt.date(2026, 11, 1),
                closes_on=dt.date(2026, 12, 31),
            )
            for d in made
        )
        if connection.vendor == "postgresql":
            _copy_comments(connection, [x.pk for x in cons], comments)
        else:
            rows = (
                Comment(
                    consultation=x,
                    text=f"意见{k}:建议增加停车位和绿化。",
                    client_digest="0" * 64,
                    status="approved",
                )
                for x in cons
                for k in range(comments)
            )
            Comment.objects.bulk_create(rows, batch_size=BATCH)
        if c % 10 == 9:
            print(f"  … {c + 1} counties", flush=True)


def _copy_comments(connection, consultation_ids: list[int], comments: int) -> None:
    """COPY one county's comments as a text stream (tab-separated)."""
    now = dt.datetime(2026, 11, 15, 9, tzinfo=dt.UTC).isoformat()
    digest = "0" * 64
    with connection.cursor() as cursor:
        raw = cursor.cursor
        sql = (
            "COPY decisions_comment (consultation_id, text, author_name, client_digest,"
            " submitted_at, status, version) FROM STDIN"
        )
        with raw.copy(sql) as copy:
            buffer = io.StringIO()
            for cid in consultation_ids:
                for k in range(comments):
                    buffer.write(
                        f"{cid}\t意见{k}:建议增加停车位和绿化。\t\t{digest}\t{now}\tapproved\t1\n"
                    )
                copy.write(buffer.getvalue())
                buffer.seek(0)
                buffer.truncate()


def measure(client, url: str, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200, url
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    sqls = [q["sql"] for q in ctx.captured_queries]
    db = sorted(replay_sql(sqls) for _ in range(max(5, runs // 3)))
    return {
        "p50": percentile(samples, 50) * 1000,
        "p95": percentile(samples, 95) * 1000,
        "queries": len(sqls),
        "db_p95": percentile(db, 95) * 1000,
    }


def _child(argv: list[str]) -> tuple[float, float, int]:
    """Run a `fazhi` command; its wall time, its peak RSS in MB, its exit status."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fazhi.settings"}
    start = time.perf_counter()
    proc = subprocess.Popen([str(ROOT / ".venv/bin/fazhi"), *argv], env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return took, usage.ru_maxrss / 1024, proc.returncode


def archive(megabytes: int, files: int) -> None:
    from django.core.files.storage import default_storage

    from fazhi.decisions.models import Attachment, Decision

    decision = Decision.objects.order_by("pk").first()
    tmp = Path(tempfile.mkdtemp(prefix="fazhi-bench-decisions-"))
    chunk = os.urandom(1 << 20)
    each = megabytes // files
    stored = []
    try:
        for n in range(files):
            name = f"decisions/bench/attachment-{n}.bin"
            path = Path(default_storage.path(name))
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as fh:
                for _ in range(each):
                    fh.write(chunk)
            stored.append(path)
            Attachment.objects.create(
                decision=decision, title=f"附件{n}", file=name, size=each << 20, sm3="-"
            )
        total = sum(p.stat().st_size for p in stored)
        start = time.perf_counter()
        for p in stored:
            digest = hashlib.new("sm3")
            with p.open("rb") as fh:
                while block := fh.read(1 << 20):
                    digest.update(block)
        hash_floor = time.perf_counter() - start
        start = time.perf_counter()
        for p in stored:
            with p.open("rb") as src, (tmp / p.name).open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        copy_floor = time.perf_counter() - start
        for p in stored:
            (tmp / p.name).unlink()
        _t, rss_floor, _ = _child(["check"])
        out = tmp / "archive.zip"
        took, rss, status = _child(
            ["decision", "export-archive", decision.number, "--out", str(out)]
        )
        assert status == 0, status
        v_took, v_rss, v_status = _child(["decision", "verify-archive", str(out)])
        assert v_status == 0, v_status
        print(
            f"\n## archive of {decision.number}: {files} attachments, {total / (1 << 30):.2f} GiB"
            f" (zip {out.stat().st_size / (1 << 30):.2f} GiB)"
        )
        print(
            f"  export-archive  {took:7.1f} s  peak RSS {rss:6.0f} MB"
            f"   | floor: read+SM3 {hash_floor:.1f} s, plain copy {copy_floor:.1f} s,"
            f" `fazhi check` RSS {rss_floor:.0f} MB"
        )
        print(f"  verify-archive  {v_took:7.1f} s  peak RSS {v_rss:6.0f} MB")
    finally:
        Attachment.objects.filter(decision=decision, file__startswith="decisions/bench/").delete()
        for p in stored:
            p.unlink(missing_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--counties", type=int, default=2)
    parser.add_argument("--decisions", type=int, default=20)
    parser.add_argument("--comments", type=int, default=100)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--attachment-mb", type=int, default=200)
    parser.add_argument("--attachment-files", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the database for --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure the kept database again")
    args = parser.parse_args()
    if args.reuse:
        base = os.environ.get("FAZHI_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
        url = base.rsplit("/", 1)[0] + f"/{DB_NAME}"
    else:
        url = database_url(args.database, DB_NAME)
    setup_django(url)
    os.environ["FAZHI_DATABASE_URL"] = url  # the archive's child processes use it too
    from django.contrib.auth import get_user_model
    from django.test import Client

    from fazhi.core.choices import Role, UnitKind
    from fazhi.core.models import OrgUnit, Region
    from fazhi.decisions.models import Comment, Consultation

    if not args.reuse:
        start = time.perf_counter()
        populate(args.counties, args.decisions, args.comments)
        took = time.perf_counter() - start
        total = args.counties * args.decisions * args.comments
        print(f"loaded {total:,} comments in {took:.0f} s ({args.database})", flush=True)
        if args.database == "postgresql":
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    print(
        f"rows: {Consultation.objects.count():,} consultations,"
        f" {Comment.objects.count():,} comments",
        flush=True,
    )
    province, _ = OrgUnit.objects.get_or_create(
        name="山西省司法厅",
        defaults={
            "kind": UnitKind.GOVERNMENT_DEPARTMENT,
            "region": Region.objects.get(pk="140000"),
        },
    )
    user, _ = get_user_model().objects.get_or_create(
        username="bench-province", defaults={"unit": province, "roles": [Role.SUPERVISOR]}
    )
    middle = Consultation.objects.order_by("pk")[Consultation.objects.count() // 2]
    public, office = Client(), Client()
    office.force_login(user)
    floor = measure(public, "/healthz", args.runs)
    print(f"\n## pages ({args.runs} requests each, after one warm-up)")
    print(
        f"  {'request floor: /healthz':58s} p50 {floor['p50']:7.1f} ms  p95 {floor['p95']:7.1f} ms"
    )
    pages = [
        (public, "portal consultations", "/public/decisions/consultations/"),
        (
            public,
            "portal consultation (its comments, page 1)",
            f"/public/decisions/consultations/{middle.pk}/",
        ),
        (public, "portal catalogue 2026", "/public/decisions/catalogs/?year=2026"),
        (public, "API catalogs?year=2026", "/api/public/decisions/catalogs?year=2026"),
        (
            public,
            "API catalogs?year=2026&page=50",
            "/api/public/decisions/catalogs?year=2026&page=50",
        ),
        (public, "API consultations", "/api/public/decisions/consultations"),
        (office, "office catalogue list (province)", "/decisions/catalogs/"),
        (office, "office consultation page (moderation)", f"/decisions/consultations/{middle.pk}/"),
        (office, "office decision list (province)", "/decisions/"),
    ]
    for client, label, url in pages:
        m = measure(client, url, args.runs)
        print(
            f"  {label:58s} p50 {m['p50']:7.1f} ms  p95 {m['p95']:7.1f} ms  {m['queries']:2d} queries"
            f"  | db floor p95 {m['db_p95']:6.1f} ms"
        )
    if args.attachment_mb:
        archive(args.attachment_mb, args.attachment_files)
    if not args.keep and args.database == "postgresql":
        from django.db import connections

        connections.close_all()
        import psycopg

        base = os.environ.get("FAZHI_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}"')


if __name__ == "__main__":
    sys.exit(main())
