"""Bigram index of party names and case subjects, on the kernel's search backend (core.search).

`CaseSearchEntry.grams` holds `core.search.bigram_document(party_name, title)`; the index
structures (FTS5 with triggers, or tsvector + GIN) are core's. On databases without the index
`candidates_sql` returns None and the selector scans with LIKE.

The same migration adds the indexes that make the prefix arms of the case search indexed too
(case number and credit code `LIKE 'q%'`): NOCASE indexes on SQLite (its LIKE ignores ASCII case),
`varchar_pattern_ops` for the credit code on PostgreSQL (Django already adds one for the unique
case number).
"""

# ruff: noqa: S608 - table names are constants; user input reaches SQL only as bound parameters.
from __future__ import annotations

import time
from collections.abc import Iterable

from django.db import connection

from fazhi.core import search

TABLE = "enforcement_casesearchentry"
CASES = "enforcement_penaltycase"
FTS = "enforcement_case_fts"

CASE_INDEX = search.FullTextIndex(
    table=TABLE,
    key="case_id",
    columns=("grams",),
    fts=FTS,
    gin="enf_case_search_gin",
    tokenize="ascii",
    detail="none",
    extra={
        "sqlite": (
            (
                f"CREATE INDEX IF NOT EXISTS enf_case_number_nocase ON {CASES} (number COLLATE NOCASE)",
                f"CREATE INDEX IF NOT EXISTS enf_case_uscc_nocase ON {CASES} (party_uscc COLLATE NOCASE)",
            ),
            (
                "DROP INDEX IF EXISTS enf_case_uscc_nocase",
                "DROP INDEX IF EXISTS enf_case_number_nocase",
            ),
        ),
        "postgresql": (
            (
                f"CREATE INDEX IF NOT EXISTS enf_case_uscc_like ON {CASES} (party_uscc varchar_pattern_ops)",
            ),
            ("DROP INDEX IF EXISTS enf_case_uscc_like",),
        ),
    },
)
install = CASE_INDEX.install
uninstall = CASE_INDEX.uninstall
available = search.available


# The index path costs per candidate (union, then the exact filter on each), the scan per case.
# In the 1,000,000-case figures of `benchmarks/enforcement_search.py` the index was the faster
# below about 1% of the cases holding the query's bigrams on PostgreSQL and 8% on SQLite; up to
# ALWAYS_INDEX candidates it answers in tens of milliseconds on either.
INDEX_SHARE = {"postgresql": 0.01, "sqlite": 0.08}
ALWAYS_INDEX = 1000


# PostgreSQL's statistics of the index column, read at most once per STATS_TTL seconds.
STATS_TTL = 300.0
_stats: dict[str, tuple[float, tuple[dict[str, float], float] | None]] = {}


def token_shares() -> tuple[dict[str, float], float] | None:
    """PostgreSQL: ({token: share of the indexed cases holding it}, cases indexed) for the
    tokens the planner found common (`pg_stats.most_common_elems` of the tsvector column, from
    ANALYZE's sample); any token not listed is rarer than every listed one. None before the
    table's first ANALYZE (and on SQLite). Cached per process and database for STATS_TTL."""
    if connection.vendor != "postgresql":
        return None
    name = connection.settings_dict["NAME"]
    now = time.monotonic()
    cached = _stats.get(name)
    if cached is not None and now - cached[0] < STATS_TTL:
        return cached[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs,"
            " GREATEST(c.reltuples, 0)::bigint FROM pg_class c LEFT JOIN pg_stats s"
            " ON s.schemaname = current_schema() AND s.tablename = c.relname"
            " AND s.attname = 'search_vector' WHERE c.oid = %s::regclass",
            [TABLE],
        )
        elems, freqs, rows = cursor.fetchone()
    shares = None
    if rows:  # analysed: a table without common tokens has no list, every token is rare
        shares = (dict(zip(elems or (), freqs or (), strict=False)), float(rows))
    _stats[name] = (now, shares)
    return shares


def _common(wanted: list[str], share: float) -> bool | None:
    """Whether the cases holding every token are certainly more than the index pays for:
    at most the rarest token's share hold them all. None: no statistics, count instead."""
    stats = token_shares()
    if stats is None:
        return None
    shares, rows = stats
    rarest = min(shares.get(token, 0.0) for token in wanted)
    return rarest >= share and rarest * rows >= ALWAYS_INDEX


def candidates_sql(query: str) -> tuple[str, list] | None:
    """`SELECT id …` of the candidate cases for a search; None: scan instead, because no
    index applies or because the query's bigrams are so common that the scan is cheaper.

    Candidates are the cases whose number or credit code starts with the query (the same LIKE
    as the exact filter, on an index) and the cases holding every bigram of the query. Bigram
    tokens are letters only and quoted, so no FTS syntax in the query can take effect. The plan
    comes from the planner's token statistics on PostgreSQL (no query once they are cached),
    else from one counting query (at most the share's worth of index rows).
    """
    query = query.strip()
    wanted = search.bigram_query(query)
    if not wanted or not available():
        return None
    index_sql, index_params = CASE_INDEX.match(wanted).ids()
    share = INDEX_SHARE[connection.vendor]
    common = _common(wanted, share)
    if common is None:
        hits, rows = CASE_INDEX.frequency(index_sql, index_params, cap=ALWAYS_INDEX, share=share)
        common = hits >= max(ALWAYS_INDEX, int(rows * share))
    if common:
        return None
    prefix = search.like_pattern(query, prefix=True)
    sql = (
        f"SELECT id FROM {CASES} WHERE number LIKE %s ESCAPE '\\'"
        f" UNION SELECT id FROM {CASES} WHERE party_uscc LIKE %s ESCAPE '\\'"
        f" UNION {index_sql}"
    )
    return sql, [prefix, prefix.upper(), *index_params]


def fill(cases: Iterable, *, batch_size: int = 5000) -> int:
    """Write (or rewrite) the entries of these cases; for filing and for bulk loaders.

    `bulk_create` does not call `save()`, so a loader passes the created cases here.
    """
    from .models import CaseSearchEntry

    rows = [
        CaseSearchEntry(case_id=c.pk, grams=search.bigram_document(c.party_name, c.title))
        for c in cases
    ]
    if not rows:
        return 0
    CaseSearchEntry.objects.bulk_create(
        rows,
        batch_size=batch_size,
        update_conflicts=True,
        unique_fields=["case"],
        update_fields=["grams"],
    )
    return len(rows)


def backfill(penalty_case_model, entry_model, *, batch_size: int = 5000) -> int:
    """Index every case without an entry, in primary-key batches (migration and `fazhi` loaders)."""
    done = 0
    last = 0
    while True:
        batch = list(
            penalty_case_model.objects.filter(pk__gt=last, search_entry__isnull=True)
            .order_by("pk")
            .values_list("pk", "party_name", "title")[:batch_size]
        )
        if not batch:
            return done
        entry_model.objects.bulk_create(
            [
                entry_model(case_id=pk, grams=search.bigram_document(name, title))
                for pk, name, title in batch
            ]
        )
        done += len(batch)
        last = batch[-1][0]
