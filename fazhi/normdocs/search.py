"""The full-text index of published documents, on the kernel's search backend (core.search).

`DocumentSearchEntry.title_tokens` / `body_tokens` hold words cut by core.search.word_tokens;
the index weighs the title ten times the body. `like_sql` is the plain scan the index is
measured against, and what databases without the index run.
"""

# ruff: noqa: S608 - table names are constants; user input reaches SQL only as bound parameters.
from __future__ import annotations

from fazhi.core import search
from fazhi.core.search import count, run

__all__ = ["DOCUMENTS", "count", "like_sql", "match_sql", "run"]

TABLE = "normdocs_documentsearchentry"
DOC = "normdocs_normativedocument"
FTS = "normdocs_fts"

DOCUMENTS = search.FullTextIndex(
    table=TABLE,
    key="document_id",
    columns=("title_tokens", "body_tokens"),
    weights=(10.0, 1.0),
    fts=FTS,
    gin="normdocs_search_vector_gin",
)
install = DOCUMENTS.install
uninstall = DOCUMENTS.uninstall


def match_sql(
    tokens: list[str], *, filter_sql: str | None, filter_params: tuple = (), order: str = "rank"
) -> tuple[str, list, str, list]:
    """(page SQL, params, count SQL, params) for documents containing every token.

    Only published documents are indexed, so without filters no join is needed. `filter_sql`
    is a `SELECT id …` of the documents the user's filters allow. The unary `+` keeps SQLite
    from pushing that IN list into the FTS5 table as one MATCH per id. `order` is "rank",
    "published_on" or "-published_on".
    """
    if not search.available():
        sql, params = like_sql(tokens, candidates_sql=filter_sql, candidates_params=filter_params)
        return sql, params, sql, params
    m = DOCUMENTS.match(tokens)
    where, params = m.where, list(m.params)
    if filter_sql:
        plus = "+" if m.source == FTS else ""
        where += f" AND {plus}{m.key} IN ({filter_sql})"
        params += list(filter_params)
    count_sql = f"SELECT 1 FROM {m.source} WHERE {where}"
    dates = {
        "published_on": "d.published_on ASC, d.id ASC",
        "-published_on": "d.published_on DESC, d.id DESC",
    }
    if order in dates:
        page = (
            f"SELECT d.id, 0 FROM {m.source} JOIN {DOC} d ON d.id = {m.key}"
            f" WHERE {where} ORDER BY {dates[order]}"
        )
        return page, params, count_sql, params
    page = (
        f"SELECT {m.key}, -({m.score}) AS score FROM {m.source} WHERE {where}"
        f" ORDER BY {m.score} ASC, {m.key} DESC"
    )
    return page, [*m.score_params, *params, *m.score_params], count_sql, params


def like_sql(
    tokens: list[str], *, candidates_sql: str | None, candidates_params: tuple = ()
) -> tuple[str, list]:
    """The plain scan the index is measured against: every token as a substring of the text."""
    conditions = (
        " AND ".join(["(d.title LIKE %s ESCAPE '\\' OR d.body LIKE %s ESCAPE '\\')"] * len(tokens))
        or "1=1"
    )
    params: list = []
    for token in tokens:
        pattern = search.like_pattern(token)
        params.extend([pattern, pattern])
    restrict = f" AND d.id IN ({candidates_sql})" if candidates_sql else ""
    sql = f"SELECT d.id, 0 AS score FROM {DOC} d WHERE {conditions}{restrict} ORDER BY d.id DESC"
    return sql, [*params, *candidates_params]
