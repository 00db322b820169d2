"""Decision figures: portal consultation pages and public API over many comments; archive export.

    .venv/bin/python benchmarks/decisions_scale.py --database sqlite --counties 2 --decisions 50 --comments 1000
    .venv/bin/python benchmarks/decisions_scale.py --database postgresql --counties 100 --decisions 100 --comments 1000

Loads `counties` × `decisions` consultations with `comments` approved comments each (the
issue's province scale is 100 × 100 × 1,000 = 10 M comments) by bulk_create, then times the
portal's consultation list and detail pages, the public catalogue page and both public API
endpoints with the Django test client (p95 over 30 requests, queries per request), and
exports one decision whose attachment is `--attachment-mb` megabytes (time, peak RSS growth).
Its own database: `bench_decisions`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import time

from _setup import count_queries, database_url, percentile, setup_django

BATCH = 5000


def populate(counties: int, decisions: int, comments: int) -> list[int]:
    from django.contrib.contenttypes.models import ContentType

    from fazhi.core.choices import UnitKind
    from fazhi.core.models import OrgUnit, Region
    from fazhi.decisions.models import Catalog, CatalogEntry, Comment, Consultation, Decision

    Region.objects.get_or_create(code="140000", defaults={"name": "山西省"})
    ct = ContentType.objects.get_for_model(Decision)
    consultation_ids = []
    for c in range(counties):
        region, _ = Region.objects.get_or_create(
            code=f"14{(c // 20) + 1:02d}{(c % 20) + 21:02d}", defaults={"name": f"县{c}"}
        )
        gov = OrgUnit.objects.create(
            name=f"县{c}人民政府", kind=UnitKind.COUNTY_GOVERNMENT, region=region
        )
        catalog = Catalog.objects.create(
            body=gov,
            year=2026,
            status="published",
            party_approved_on=dt.date(2026, 3, 1),
            party_approval_ref="县委",
            published_on=dt.date(2026, 4, 1),
        )
        entries = CatalogEntry.objects.bulk_create(
            [
                CatalogEntry(
                    catalog=catalog,
                    sequence=i + 1,
                    matter=f"事项{i}",
                    scope_text="范围",
                    lead_unit=gov,
                    goal="目标",
                    due_on=dt.date(2026, 12, 31),
                    procedures=["legality_review"],
                )
                for i in range(decisions)
            ]
        )
        made = Decision.objects.bulk_create(
            [
                Decision(
                    number=f"{region.code}-2026-{i:04d}",
                    title=f"决策{c}-{i}",
                    body=gov,
                    drafting_unit=gov,
                    entry=e,
                    options="方案",
                    justification="说明",
                    stage="participation",
                    procedures=["public_participation"],
                )
                for i, e in enumerate(entries)
            ]
        )
        cons = Consultation.objects.bulk_create(
            [
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
            ]
        )
        consultation_ids += [x.pk for x in cons]
        buffer = []
        for x in cons:
            buffer += [
                Comment(
                    consultation=x,
                    text=f"意见{k}:建议增加停车位和绿化。",
                    client_digest="0" * 64,
                    status="approved",
                )
                for k in range(comments)
            ]
            if len(buffer) >= BATCH:
                Comment.objects.bulk_create(buffer, batch_size=BATCH)
                buffer = []
        Comment.objects.bulk_create(buffer, batch_size=BATCH)
    return consultation_ids


def measure(client, url: str, runs: int = 30) -> tuple[float, float, int]:
    client.get(url)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    _, queries = count_queries(lambda: client.get(url))
    return statistics.median(samples) * 1000, percentile(samples, 95) * 1000, queries


def export(megabytes: int) -> tuple[float, float, int]:
    import tempfile
    from pathlib import Path

    from django.core.files import File

    from fazhi.core.actors import SYSTEM
    from fazhi.decisions.models import Attachment, Decision
    from fazhi.decisions.services.archive import decision_export_archive, verify_archive

    decision = Decision.objects.order_by("pk").first()
    tmp = Path(tempfile.mkdtemp(prefix="fazhi-archive-"))
    big = tmp / "big.bin"
    chunk = os.urandom(1024 * 1024)
    with big.open("wb") as fh:
        for _ in range(megabytes):
            fh.write(chunk)
    with big.open("rb") as fh:
        Attachment.objects.create(
            decision=decision,
            title="大附件",
            file=File(fh, name="big.bin"),
            size=megabytes << 20,
            sm3="-",
        )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    decision_export_archive(actor=SYSTEM, decision_id=decision.pk, out=str(tmp / "a.zip"))
    took = time.perf_counter() - start
    grew_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert verify_archive(str(tmp / "a.zip")).ok
    return took, grew_mb, (tmp / "a.zip").stat().st_size >> 20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--counties", type=int, default=2)
    parser.add_argument("--decisions", type=int, default=50)
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--attachment-mb", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("FAZHI_MEDIA_ROOT", "/tmp/fazhi-bench-media")
    setup_django(database_url(args.database, "bench_decisions"))
    from django.test import Client

    start = time.perf_counter()
    ids = populate(args.counties, args.decisions, args.comments)
    total = args.counties * args.decisions * args.comments
    print(f"loaded {total:,} comments in {time.perf_counter() - start:.0f} s ({args.database})")
    client = Client()
    for label, url in [
        ("portal consultations", "/public/decisions/consultations/"),
        (
            "portal consultation (1,000 comments, page 1)",
            f"/public/decisions/consultations/{ids[len(ids) // 2]}/",
        ),
        ("portal catalogue 2026", "/public/decisions/catalogs/?year=2026"),
        ("API catalogs?year=2026", "/api/public/decisions/catalogs?year=2026"),
        ("API consultations", "/api/public/decisions/consultations"),
    ]:
        median, p95, queries = measure(client, url)
        print(f"  {label:48s} median {median:7.1f} ms  p95 {p95:7.1f} ms  {queries} queries")
    took, grew, size = export(args.attachment_mb)
    print(
        f"  archive export, {args.attachment_mb} MB attachment: {took:.1f} s, peak RSS +{grew:.0f} MB, zip {size} MB"
    )


if __name__ == "__main__":
    main()
