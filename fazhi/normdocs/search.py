"""Full-text search: the only module with vendor-specific SQL (SQLite FTS5, PostgreSQL tsvector).

Both index the same thing: `DocumentSearchEntry.title_tokens` / `body_tokens`, words cut by
rjieba and joined by spaces. SQLite keeps an external-content FTS5 table in step with triggers;
PostgreSQL keeps a generated `tsvector` column ('simple' config: no stemming, no stop words)
with a GIN index. Query words are bound as parameters and quoted, so FTS syntax in user input
(`"`, NEAR, `*`, `-`, `AND`) is searched for as text, never executed.
"""

# ruff: noqa: S608 - table names are constants; user input reaches SQL only as bound parameters.
from __future__ import annotations

from django.db import connection

TABLE = "normdocs_documentsearchentry"
FTS = "normdocs_fts"

_SQLITE_INSTALL = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(
        title_tokens, body_tokens, content='{TABLE}', content_rowid='document_id',
        tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(rowid, title_tokens, body_tokens)
        VALUES (new.document_id, new.title_tokens, new.body_tokens); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.document_id, old.title_tokens, old.body_tokens); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.document_id, old.title_tokens, old.body_tokens);
        INSERT INTO {FTS}(rowid, title_tokens, body_tokens)
        VALUES (new.document_id, new.title_tokens, new.body_tokens); END""",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
_SQLITE_UNINSTALL = [
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}",
]
_PG_INSTALL = [
    f"""ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title_tokens, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(body_tokens, '')), 'B')) STORED""",
    f"CREATE INDEX IF NOT EXISTS normdocs_search_vector_gin ON {TABLE} USING GIN (search_vector)",
]
_PG_UNINSTALL = [
    "DROP INDEX IF EXISTS normdocs_search_vector_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
]


def install(schema_editor) -> None:
    """Migration step: create the index structures for this database."""
    for sql in _statements(schema_editor.connection.vendor, install=True):
        schema_editor.execute(sql)


def uninstall(schema_editor) -> None:
    for sql in _statements(schema_editor.connection.vendor, install=False):
        schema_editor.execute(sql)


def _statements(vendor: str, *, install: bool) -> list[str]:
    if vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_UNINSTALL
    if vendor == "postgresql":
        return _PG_INSTALL if install else _PG_UNINSTALL
    return []  # other databases fall back to the LIKE scan in `like_sql`


def _fts5_query(tokens: list[str]) -> str:
    # Every token becomes a quoted FTS5 string ("" escapes a quote): operators are inert.
    return " ".join('"' + t.replace('"', '""') + '"' for t in tokens)


def match_sql(
    tokens: list[str], *, filter_sql: str | None, filter_params: tuple = (), order: str = "rank"
) -> tuple[str, list, str, list]:
    """(page SQL, params, count SQL, params) for documents containing every token.

    Only published documents are indexed, so without filters no join is needed. `filter_sql`
    is a `SELECT id …` of the documents the user's filters allow. The unary `+` keeps SQLite
    from pushing that IN list into the FTS5 table as one MATCH per id. `order` is "rank",
    "published_on" or "-published_on".
    """
    vendor = connection.vendor
    doc = "normdocs_normativedocument"
    dates = {
        "published_on": "d.published_on ASC, d.id ASC",
        "-published_on": "d.published_on DESC, d.id DESC",
    }
    if vendor == "sqlite":
        match, match_params = f"{FTS} MATCH %s", [_fts5_query(tokens)]
        key = f"{FTS}.rowid"
        score = f"bm25({FTS}, 10.0, 1.0)"  # lower is better in FTS5
        source = FTS
    elif vendor == "postgresql":
        match, match_params = "e.search_vector @@ plainto_tsquery('simple', %s)", [" ".join(tokens)]
        key = "e.document_id"
        score = "-ts_rank(e.search_vector, plainto_tsquery('simple', %s))"
        source = f"{TABLE} e"
    else:
        sql, params = like_sql(tokens, candidates_sql=filter_sql, candidates_params=filter_params)
        return sql, params, sql, params
    where, params = match, list(match_params)
    if filter_sql:
        where += (
            f" AND +{key} IN ({filter_sql})"
            if vendor == "sqlite"
            else f" AND {key} IN ({filter_sql})"
        )
        params += list(filter_params)
    count = f"SELECT 1 FROM {source} WHERE {where}"
    if order in dates:
        page = f"SELECT d.id, 0 FROM {source} JOIN {doc} d ON d.id = {key} WHERE {where} ORDER BY {dates[order]}"
        return page, params, count, params
    score_params = list(match_params) if vendor == "postgresql" else []
    page = f"SELECT {key}, -({score}) AS score FROM {source} WHERE {where} ORDER BY {score} ASC, {key} DESC"
    return page, [*score_params, *params, *score_params], count, params


def like_sql(
    tokens: list[str], *, candidates_sql: str | None, candidates_params: tuple = ()
) -> tuple[str, list]:
    """The plain scan the index is measured against: every token as a substring of the text."""
    doc = "normdocs_normativedocument"
    conditions = (
        " AND ".join(["(d.title LIKE %s ESCAPE '\\' OR d.body LIKE %s ESCAPE '\\')"] * len(tokens))
        or "1=1"
    )
    params: list = []
    for token in tokens:
        pattern = "%" + token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params.extend([pattern, pattern])
    restrict = f" AND d.id IN ({candidates_sql})" if candidates_sql else ""
    sql = f"SELECT d.id, 0 AS score FROM {doc} d WHERE {conditions}{restrict} ORDER BY d.id DESC"
    return sql, [*params, *candidates_params]


def run(
    sql: str, params: list, *, limit: int | None = None, offset: int = 0
) -> list[tuple[int, float]]:
    if limit is not None:
        sql = f"{sql} LIMIT {int(limit)} OFFSET {int(offset)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], float(row[1] or 0)) for row in cursor.fetchall()]


def count(sql: str, params: list, *, cap: int | None = None) -> int:
    """Rows of a SELECT, counting at most `cap` (a count of a very common word stops early)."""
    limit = f" LIMIT {int(cap)}" if cap else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}{limit}) AS hits", params)
        return cursor.fetchone()[0]
