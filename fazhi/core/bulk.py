"""Writing many rows where building model instances would be the cost: plain tuples in, one call.

    bulk.insert(InspectionVisit, ("draw_id", "rank", "target_id"), rows)
    bulk.insert(InspectionTarget, ("uscc", "name", "category", "address", "is_active",
                "created_at"), rows, unique=("uscc",), update=("name", "category", "address"))

PostgreSQL streams the rows with `COPY … FROM STDIN` (psycopg 3 `cursor.copy`); with `unique`
they go to a temporary table first and then `INSERT … SELECT … ON CONFLICT … DO UPDATE`, which
touches only the rows whose `update` columns differ. SQLite (and any other database) takes
`executemany` of the same tuples in batches, with the same upsert clause.

Rows carry database values in the order of `columns` (column names, `body_id` not `body`); a
constant that needs its field's conversion (an aware datetime on SQLite) goes through
`db_value` once. Nothing is validated here and no signals are sent: the caller has checked the
rows, as it would before `bulk_create`. Rows repeating a `unique` key are the caller's to
remove (PostgreSQL refuses to update one row twice in one statement).
"""

# ruff: noqa: S608 - table and column names come from the model's metadata, values are bound.
from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice

from django.db import connection, transaction

from . import pagecache

BATCH = 5000
_TEMP = "fazhi_bulk_rows"


def db_value(model, field: str, value):
    """`value` as the database stores `model.field` (one conversion, for constants in rows)."""
    return model._meta.get_field(field).get_db_prep_save(value, connection)


def _upsert_clause(table: str, unique: Sequence[str], update: Sequence[str], excluded: str) -> str:
    if not unique:
        return ""
    if not update:
        return f" ON CONFLICT ({', '.join(unique)}) DO NOTHING"
    sets = ", ".join(f"{c} = {excluded}.{c}" for c in update)
    if connection.vendor == "postgresql":
        changed = (
            f"({', '.join(f'{table}.{c}' for c in update)}) IS DISTINCT FROM"
            f" ({', '.join(f'{excluded}.{c}' for c in update)})"
        )
    else:
        changed = " OR ".join(f"{table}.{c} IS NOT {excluded}.{c}" for c in update)
    return f" ON CONFLICT ({', '.join(unique)}) DO UPDATE SET {sets} WHERE {changed}"


def insert(
    model,
    columns: Sequence[str],
    rows: Iterable[Sequence],
    *,
    unique: Sequence[str] = (),
    update: Sequence[str] = (),
    batch: int = BATCH,
) -> int:
    """Insert the rows (a row whose `unique` key exists updates the `update` columns instead,
    or is skipped when `update` is empty); returns the number of rows read."""
    table = model._meta.db_table
    cols = ", ".join(columns)
    # wrap_database_errors: COPY runs on psycopg's own cursor, whose errors Django would not map
    with transaction.atomic(), connection.cursor() as cursor, connection.wrap_database_errors:
        # COPY bypasses the statement hook the page cache watches: say so at the commit.
        transaction.on_commit(pagecache.bump)
        if connection.vendor == "postgresql":
            return _copy(cursor, table, cols, rows, unique, update)
        sql = (
            f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"
            + _upsert_clause(table, unique, update, "excluded")
        )
        count = 0
        it = iter(rows)
        while chunk := list(islice(it, batch)):
            cursor.executemany(sql, chunk)
            count += len(chunk)
        return count


def _copy(cursor, table: str, cols: str, rows: Iterable[Sequence], unique, update) -> int:
    target = _TEMP if unique else table
    if unique:
        cursor.execute(f"DROP TABLE IF EXISTS {_TEMP}")
        cursor.execute(f"CREATE TEMPORARY TABLE {_TEMP} AS SELECT {cols} FROM {table} WITH NO DATA")
    count = 0
    with cursor.cursor.copy(f"COPY {target} ({cols}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    if unique:
        cursor.execute(
            f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {_TEMP}"
            + _upsert_clause(table, unique, update, "EXCLUDED")
        )
        cursor.execute(f"DROP TABLE {_TEMP}")
    return count


def ids_by(model, field: str, values: Sequence) -> dict:
    """{value: primary key} of the rows whose `field` is one of `values`, in few queries:
    one `= ANY(array)` on PostgreSQL (a long `IN (…)` list is slow to bind there), `IN`
    batches elsewhere."""
    column = model._meta.get_field(field).column
    table, pk = model._meta.db_table, model._meta.pk.column
    found: dict = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT {column}, {pk} FROM {table} WHERE {column} = ANY(%s)", [list(values)]
            )
            found.update(cursor.fetchall())
            return found
        for start in range(0, len(values), BATCH):
            chunk = values[start : start + BATCH]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT {column}, {pk} FROM {table} WHERE {column} IN ({marks})", chunk)
            found.update(cursor.fetchall())
    return found
