"""Shared set-up for benchmark scripts: a throwaway database, Django configured against it."""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def database_url(kind: str, name: str) -> str:
    """`sqlite` → a temp file; `postgresql` → a fresh database `name` on the local server."""
    if kind == "sqlite":
        return f"sqlite:///{tempfile.mkdtemp(prefix='fazhi-bench-')}/{name}.sqlite3"
    import psycopg

    base = os.environ.get("FAZHI_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.rsplit("/", 1)[0] + f"/{name}"


def setup_django(url: str) -> None:
    os.environ["FAZHI_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    os.environ.setdefault("FAZHI_ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django
    from django.core.management import call_command

    django.setup()
    # The page cache writes to the cache when migrate commits: the database cache needs its table.
    call_command("createcachetable", verbosity=0)
    call_command("migrate", verbosity=0)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary_ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:.1f} ms, p95 {percentile(samples, 95) * 1000:.1f} ms"


@contextmanager
def timed(label: str, results: list):
    start = time.perf_counter()
    yield
    results.append((label, time.perf_counter() - start))


def count_queries(fn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return result, len(ctx.captured_queries)


# A server-side cursor (.iterator() on PostgreSQL) is captured as its DECLARE.
_DECLARE = re.compile(r'^DECLARE "[^"]+" (NO )?(SCROLL )?CURSOR (WITH HOLD )?FOR ')


def replay_sql(sqls: list[str]) -> float:
    """The database floor of a page: its own captured reads, replayed bare on the same connection
    (writes, e.g. a database cache's, are left out: they would collide with the first run's)."""
    from django.db import connection

    start = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in sqls:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH", "DECLARE")):
                continue
            cursor.execute(_DECLARE.sub("", sql))
            if cursor.description:
                cursor.fetchall()
    return time.perf_counter() - start


def print_table(title: str, rows: list[tuple]) -> None:
    print(f"\n## {title}")
    width = max(len(str(r[0])) for r in rows)
    for row in rows:
        print(f"  {str(row[0]).ljust(width)}  {'  '.join(str(c) for c in row[1:])}")
