"""Case list and statistics pages over N penalty cases: median, p95, queries per page.

.venv/bin/python benchmarks/enforcement_pages.py --scale 1000000 --database postgresql
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import time
from decimal import Decimal

from _setup import count_queries, database_url, print_table, setup_django, summary_ms
from enforcement_common import make_bodies

STAGES = [
    "filed",
    "investigating",
    "notified",
    "legal_review",
    "decided",
    "served",
    "executed",
    "closed",
    "closed",
    "closed",
]


def build_cases(n: int, bodies, actors) -> float:
    from fazhi.enforcement import case_index
    from fazhi.enforcement.models import PenaltyCase

    rng = random.Random(42)
    today = dt.date.today()
    start = time.perf_counter()
    serials: dict[tuple[int, int], int] = {}
    batch = []
    for i in range(n):
        body = bodies[i % len(bodies)]
        filed = today - dt.timedelta(days=rng.randint(0, 700))
        key = (body.pk, filed.year)
        serials[key] = serials.get(key, 0) + 1
        stage = rng.choice(STAGES)
        decided = stage in ("decided", "served", "executed", "closed")
        decided_on = filed + dt.timedelta(days=rng.randint(10, 85)) if decided else None
        decided_on = min(decided_on, today) if decided_on else None
        penalty = decided and rng.random() < 0.85
        batch.append(
            PenaltyCase(
                body=body,
                year=filed.year,
                serial=serials[key],
                number=f"{body.case_prefix}〔{filed.year}〕{serials[key]}号",
                title="未取得食品经营许可从事食品经营",
                party_kind="organisation",
                party_name=f"企业{i}",
                party_uscc="",
                stage=stage,
                filed_on=filed,
                filed_by=actors[i % len(actors)],
                is_major=rng.random() < 0.1,
                review_passed=rng.random() < 0.1,
                decision_due=filed + dt.timedelta(days=90),
                decision_kind=("penalty" if penalty else "no_penalty") if decided else "",
                fine=Decimal(rng.randint(1, 100) * 1000) if penalty else None,
                exemption_applied="" if penalty or not decided else "first_offence",
                decided_on=decided_on,
                service_due=decided_on + dt.timedelta(days=9) if decided_on else None,
                served_on=decided_on if stage in ("served", "executed", "closed") else None,
                publicity_due=decided_on + dt.timedelta(days=9) if decided_on else None,
                published_on=decided_on if penalty and rng.random() < 0.9 else None,
            )
        )
        if len(batch) == 10000:
            # bulk_create skips save(): the bigram search index is filled from the created rows.
            case_index.fill(PenaltyCase.objects.bulk_create(batch))
            batch.clear()
    case_index.fill(PenaltyCase.objects.bulk_create(batch))
    return time.perf_counter() - start


def measure(client, url: str, repeats: int) -> tuple[str, int]:
    client.get(url)  # warm-up: template and plan caches
    samples = []
    queries = 0
    for _ in range(repeats):
        start = time.perf_counter()
        response, queries = count_queries(lambda: client.get(url))
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return summary_ms(samples), queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1_000_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure again on the cases a previous PostgreSQL run left",
    )
    args = parser.parse_args()
    if args.reuse:
        base = os.environ.get("FAZHI_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
        setup_django(base.rsplit("/", 1)[0] + "/bench_enforcement_pages")
    else:
        setup_django(database_url(args.database, "bench_enforcement_pages"))
    from django.db import connection
    from django.test import Client

    from fazhi.core.choices import Role
    from fazhi.core.models import User
    from fazhi.enforcement.models import EnforcementBody, PenaltyCase

    if args.reuse:
        bodies = list(EnforcementBody.objects.order_by("pk"))
        actors = list(
            User.objects.filter(username__startswith="bench")
            .exclude(username="bench.supervisor")
            .order_by("username")
        )
        load, args.scale = 0.0, PenaltyCase.objects.count()
    else:
        bodies, actors = make_bodies(4)
        load = build_cases(args.scale, bodies, actors)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    supervisor, _ = User.objects.get_or_create(
        username="bench.supervisor", defaults={"roles": [Role.SUPERVISOR.value]}
    )
    year = dt.date.today().year
    rows = [
        (
            "insert cases (bulk_create 10k batches)",
            f"{args.scale:,} rows",
            f"{load:.1f} s" if load else "reused",
        )
    ]
    for who, user in (("supervisor (all bodies)", supervisor), ("officer (own body)", actors[0])):
        client = Client()
        client.force_login(user)
        for label, url in (
            ("case list, first page", "/enforcement/cases/"),
            ("case list, page 200 sorted by number", "/enforcement/cases/?sort=number&page=200"),
            (
                "case list, filtered: stage + overdue",
                "/enforcement/cases/?stage=legal_review&due=overdue",
            ),
            ("case list, search by party", "/enforcement/cases/?q=企业12345"),
            (f"statistics {year}", f"/enforcement/supervision/?year={year}"),
        ):
            timing, queries = measure(client, url, args.repeats)
            rows.append((f"{who}: {label}", timing, f"{queries} queries"))
    print_table(
        f"Enforcement pages ({args.database}), {args.scale:,} cases, {args.repeats} requests each",
        rows,
    )


if __name__ == "__main__":
    main()
