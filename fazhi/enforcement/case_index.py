"""Bigram index of party names and case subjects: the only enforcement module with vendor SQL.

`CaseSearchEntry.grams` holds the tokens of `search_terms.document(party_name, title)`.
SQLite keeps an external-content FTS5 table in step with triggers on that table; PostgreSQL keeps
a generated `tsvector` column ('simple' configuration) with a GIN index, as normdocs does. Other
databases have no index: `candidates_sql` returns None and the selector scans with LIKE.

The same migration adds the indexes that make the prefix arms of the case search indexed too
(case number and credit code `LIKE 'q%'`): NOCASE indexes on SQLite (its LIKE ignores ASCII case),
`varchar_pattern_ops` for the credit code on PostgreSQL (Django already adds one for the unique
case number).
"""

# ruff: noqa: S608 - table names are constants; user input reaches SQL only as bound parameters.
from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from . import search_terms

TABLE = "enforcement_casesearchentry"
CASES = "enforcement_penaltycase"
FTS = "enforcement_case_fts"

_SQLITE_INSTALL = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(
        grams, content='{TABLE}', content_rowid='case_id', tokenize='ascii', detail='none')""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(rowid, grams) VALUES (new.case_id, new.grams); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, grams) VALUES ('delete', old.case_id, old.grams); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, grams) VALUES ('delete', old.case_id, old.grams);
        INSERT INTO {FTS}(rowid, grams) VALUES (new.case_id, new.grams); END""",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
    f"CREATE INDEX IF NOT EXISTS enf_case_number_nocase ON {CASES} (number COLLATE NOCASE)",
    f"CREATE INDEX IF NOT EXISTS enf_case_uscc_nocase ON {CASES} (party_uscc COLLATE NOCASE)",
]
_SQLITE_UNINSTALL = [
    "DROP INDEX IF EXISTS enf_case_uscc_nocase",
    "DROP INDEX IF EXISTS enf_case_number_nocase",
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}",
]
_PG_INSTALL = [
    f"""ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', grams)) STORED""",
    f"CREATE INDEX IF NOT EXISTS enf_case_search_gin ON {TABLE} USING GIN (search_vector)",
    f"CREATE INDEX IF NOT EXISTS enf_case_uscc_like ON {CASES} (party_uscc varchar_pattern_ops)",
]
_PG_UNINSTALL = [
    "DROP INDEX IF EXISTS enf_case_uscc_like",
    "DROP INDEX IF EXISTS enf_case_search_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
]


def _statements(vendor: str, *, install: bool) -> list[str]:
    if vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_UNINSTALL
    if vendor == "postgresql":
        return _PG_INSTALL if install else _PG_UNINSTALL
    return []


def install(schema_editor) -> None:
    """Migration step: create the index structures for this database."""
    for sql in _statements(schema_editor.connection.vendor, install=True):
        schema_editor.execute(sql)


def uninstall(schema_editor) -> None:
    for sql in _statements(schema_editor.connection.vendor, install=False):
        schema_editor.execute(sql)


def available() -> bool:
    return connection.vendor in ("sqlite", "postgresql")


def candidates_sql(query: str) -> tuple[str, list] | None:
    """`SELECT id …` of the candidate cases for a search; None: no index applies (scan instead).

    Candidates are the cases whose number or credit code starts with the query (the same LIKE
    as the exact filter, on an index) and the cases holding every bigram of the query. Bigram
    tokens are letters only and quoted, so no FTS syntax in the query can take effect.
    """
    query = query.strip()
    wanted = search_terms.query_tokens(query)
    if not wanted or not available():
        return None
    if connection.vendor == "sqlite":
        index_sql = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s"
        index_params = [" ".join(f'"{t}"' for t in wanted)]
    else:
        index_sql = (
            f"SELECT case_id FROM {TABLE} WHERE search_vector @@ plainto_tsquery('simple', %s)"
        )
        index_params = [" ".join(wanted)]
    prefix = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
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
        CaseSearchEntry(case_id=c.pk, grams=search_terms.document(c.party_name, c.title))
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
                entry_model(case_id=pk, grams=search_terms.document(name, title))
                for pk, name, title in batch
            ]
        )
        done += len(batch)
        last = batch[-1][0]
