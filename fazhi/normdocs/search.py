"""The full-text index of published documents, on the kernel's search backend (core.search).

`DocumentSearchEntry.title_tokens` / `body_tokens` hold words cut by core.search.word_tokens;
the index weighs the title ten times the body. `like_sql` is the plain scan the index is
measured against, and what databases without the index run.
"""

# ruff: noqa: S608 - table names are constants; user input reaches SQL only as bound parameters.
from __future__ import annotations

import math
import threading
from enum import StrEnum
from typing import NamedTuple

from django.db import connection

from fazhi.core import search
from fazhi.core.search import count, run

__all__ = [
    "DOCUMENTS",
    "HINTS",
    "Frequency",
    "Hints",
    "Plan",
    "count",
    "frequency",
    "like_sql",
    "match_sql",
    "one_pass",
    "one_pass_available",
    "one_pass_sql",
    "plan",
    "run",
]

TABLE = "normdocs_documentsearchentry"
DOC = "normdocs_normativedocument"
FTS = "normdocs_fts"
# (id, published_on): a hit's date read from the index alone (models.NormativeDocument.Meta).
ID_DATE_INDEX = "normdocs_doc_id_published"

DOCUMENTS = search.FullTextIndex(
    table=TABLE,
    key="document_id",
    columns=("title_tokens", "body_tokens"),
    weights=(10.0, 1.0),
    fts=FTS,
    gin="normdocs_search_vector_gin",
    inline=True,
)
install = DOCUMENTS.install
uninstall = DOCUMENTS.uninstall


class Plan(StrEnum):
    """How a page of documents in date order is found (the words' frequency chooses, `plan`)."""

    HITS_FIRST = "hits-first"  # every hit from the index, each document looked up, then sorted
    MEMBER = "member"  # the hits kept as a set; the date index walked until enough are in it
    PROBE = "probe"  # the newest (oldest) documents of a window, each looked up in the index


# Relative cost of one row, measured at 100,000 documents (docs/performance.md): a hit fetched
# first costs a document lookup and a place in the sort; putting a hit in the set costs about a
# fifteenth of that, and so does walking past one row of the date index. Looking a walked
# document up in the index costs from 60 to 1,000 times a set entry (more for several words),
# so it is chosen only when the walk is short.
HIT_FETCHED, HIT_IN_SET, ROW_WALKED = 6.0, 0.4, 0.4
PROBE_WALK = 100
# A probe looks at no more than PROBE_MARGIN times the documents its walk is expected to pass
# (at least PROBE_WINDOW): a common word found mostly in old documents does not fill the page
# from them, and the caller asks again with MEMBER.
PROBE_WINDOW, PROBE_MARGIN = 4 * PROBE_WALK, 4
PAGE = 20
PROBE_WALK_SHARE = PAGE / PROBE_WALK


def plan(
    hits: int, rows: int, wanted: int, *, stopped: bool = False, dates_indexed: bool = False
) -> Plan:
    """The cheapest plan for the first `wanted` of `hits` documents among `rows` in date order.

    `stopped`: counting stopped at `hits`, so the word is common (at least PROBE_WALK_SHARE of
    the documents on SQLite); the probe's walk is bounded and the caller asks again with hits
    first when it comes back short. `rows` is 0 when unknown, which rules out walking.
    `dates_indexed`: a hit's date is read from the (id, published_on) index alone (SQLite), so
    hits first costs a known amount, about what a walk costs per row passed; a walk's length is
    only a guess from the count (a word's documents may all lie years back, as "2003" does), so
    it is not chosen.
    """
    if stopped:
        return Plan.PROBE
    if hits <= 0 or rows <= 0:
        return Plan.HITS_FIRST
    walked = wanted * max(rows, hits) / hits
    if walked <= PROBE_WALK:
        return Plan.PROBE
    if dates_indexed or hits * HIT_FETCHED <= hits * HIT_IN_SET + walked * ROW_WALKED:
        return Plan.HITS_FIRST
    return Plan.MEMBER


def dates_indexed() -> bool:
    """Whether hits first reads the dates from the index alone (see `plan`)."""
    return search.available() and DOCUMENTS.match([""]).source == FTS


def probe_window(hits: int, rows: int, wanted: int) -> int:
    """How many documents a probe for the first `wanted` of at least `hits` may look at."""
    return max(PROBE_WINDOW, math.ceil(PROBE_MARGIN * wanted * rows / max(hits, 1)))


class Frequency(NamedTuple):
    hits: int  # documents holding every word, counted up to a limit
    rows: int  # documents indexed (0: unknown)
    stopped: bool  # counting stopped at the limit


def frequency(
    tokens: list[str], *, filter_sql: str | None, filter_params: tuple = (), cap: int
) -> Frequency:
    """How common the words are, in one query.

    SQLite counts on past `cap` to the share of documents that makes a first page's walk short
    (reading its index costs little per hit). PostgreSQL stops at `cap`: counting reads each
    hit's vector, so a count to 20% of 100,000 documents would cost more than any plan saves.
    Databases without the index scan, and report 0 documents indexed.
    """
    sql, params = _count_sql(tokens, filter_sql, filter_params)
    if not search.available():
        hits = count(sql, params, cap=cap)
        return Frequency(hits, 0, hits >= cap)
    share = PROBE_WALK_SHARE if DOCUMENTS.match(tokens).source == FTS else 0.0
    hits, rows = DOCUMENTS.frequency(sql, params, cap=cap, share=share)
    return Frequency(hits, rows, hits >= max(cap, int(rows * share)))


def _count_sql(tokens, filter_sql, filter_params) -> tuple[str, list]:
    if not search.available():
        return like_sql(tokens, candidates_sql=filter_sql, candidates_params=filter_params)
    m = DOCUMENTS.match(tokens)
    where, params = _where(m, filter_sql, filter_params)
    return f"SELECT 1 FROM {m.source} WHERE {where}", params


def _where(m: search.Match, filter_sql: str | None, filter_params: tuple) -> tuple[str, list]:
    # The unary `+` keeps SQLite from pushing the IN list into the FTS5 table as one MATCH per id.
    where, params = m.where, list(m.params)
    if filter_sql:
        plus = "+" if m.source == FTS else ""
        where += f" AND {plus}{m.key} IN ({filter_sql})"
        params += list(filter_params)
    return where, params


def match_sql(
    tokens: list[str],
    *,
    filter_sql: str | None,
    filter_params: tuple = (),
    order: str = "rank",
    plan: Plan = Plan.HITS_FIRST,
    window: int = PROBE_WINDOW,
) -> tuple[str, list, str, list]:
    """(page SQL, params, count SQL, params) for documents containing every token.

    Only published documents are indexed, so without filters no join is needed. `filter_sql`
    is a `SELECT id …` of the documents the user's filters allow. `order` is "rank",
    "published_on" or "-published_on"; `plan` says how a date order is found (all plans give
    the same rows in the same order, but a PROBE looks only at `window` documents).
    """
    count_sql, count_params = _count_sql(tokens, filter_sql, filter_params)
    if not search.available():
        return count_sql, count_params, count_sql, count_params
    m = DOCUMENTS.match(tokens)
    where, params = _where(m, filter_sql, filter_params)
    if order == "rank":
        # Ordered by the output column: the score is computed once per hit (PostgreSQL reads
        # each hit's vector again for a second `ts_rank` in the ORDER BY, twice the cost).
        page = (
            f"SELECT {m.key}, -({m.score}) AS score FROM {m.source} WHERE {where}"
            f" ORDER BY score DESC, {m.key} DESC"
        )
        return page, [*m.score_params, *params], count_sql, count_params
    direction = "DESC" if order == "-published_on" else "ASC"
    sqlite = m.source == FTS
    hits = f"SELECT {m.key} AS id FROM {m.source} WHERE {where}"
    if plan == Plan.PROBE:
        # The walk stops at the date of the window's last document; a bound rather than a
        # sub-select of the window, so the date index still gives the order and the walk ends
        # with the page. SQLite keeps the left side of a CROSS JOIN outside.
        edge, compare = ("MIN", ">=") if direction == "DESC" else ("MAX", "<=")
        bound = (
            f"(SELECT {edge}(published_on) FROM (SELECT published_on FROM {DOC}"
            f" WHERE published_on IS NOT NULL ORDER BY published_on {direction}"
            f" LIMIT {int(window)}) AS newest)"
        )
        if sqlite:
            page = (
                f"SELECT d.id, 0 FROM {DOC} d CROSS JOIN {m.source} WHERE {m.key} = d.id"
                f" AND d.published_on {compare} {bound} AND {where}"
            )
        else:
            # Each walked document looked up in a LATERAL sub-select (OFFSET 0 keeps it one):
            # as a plain join, PostgreSQL estimates several words' hits as independent (维修资金:
            # 773 of 5,082) and hashes every hit instead of walking, reading the vectors the
            # count has just read (15-130 ms against 3-6 ms for the walk).
            page = (
                f"SELECT d.id, 0 FROM {DOC} d CROSS JOIN LATERAL (SELECT 1 FROM {m.source}"
                f" WHERE {m.key} = d.id AND {where} OFFSET 0) AS hit"
                f" WHERE d.published_on {compare} {bound}"
            )
    elif plan == Plan.MEMBER:
        # Neither database may turn the IN into a join (then it would choose the order): SQLite
        # looks nothing up by a `+d.id`, PostgreSQL does not pull a sub-select out of `IS TRUE`
        # and keeps it as one hashed set.
        member = f"+d.id IN ({hits})" if sqlite else f"(d.id IN ({hits})) IS TRUE"
        page = f"SELECT d.id, 0 FROM {DOC} d WHERE {member}"
    elif sqlite:
        # The date of each hit from the (id, published_on) index: no look-up of the wide row.
        page = (
            f"SELECT d.id, 0 FROM {m.source} CROSS JOIN {DOC} d INDEXED BY {ID_DATE_INDEX}"
            f" ON d.id = {m.key} WHERE {where}"
        )
    else:
        page = (
            f"WITH hits AS MATERIALIZED ({hits}) SELECT d.id, 0 FROM hits JOIN {DOC} d USING (id)"
        )
    page += f" ORDER BY d.published_on {direction}, d.id {direction}"
    return page, params, count_sql, count_params


def one_pass_available() -> bool:
    """Whether `one_pass_sql` applies: PostgreSQL, whose count reads each hit's row."""
    return search.available() and connection.vendor == "postgresql"


def one_pass_sql(
    tokens: list[str],
    *,
    filter_sql: str | None,
    filter_params: tuple = (),
    order: str = "rank",
    cap: int,
    limit: int = PAGE,
) -> tuple[str, list]:
    """One query for the count (at most `cap`) and the first `limit` hits in `order` (PostgreSQL).

    Rows are (id, score, hits counted, rows indexed). Counting and ranking the same bounded set
    reads each hit's row once, where `frequency` then `match_sql` read it twice. When the count
    reaches `cap` the rows are of no use (the page is then in date order, found by a probe) and
    the ranking was wasted: `ts_rank` over `cap` vectors, 10-35 ms at 100,000 documents, so it
    is asked only when the words are expected to have fewer hits (`Hints`). With fewer than
    `cap` hits the LIMIT cuts nothing, so the page is the one `match_sql` gives: the same
    expressions, the same order, ties broken by id.
    """
    m = DOCUMENTS.match(tokens)
    where, params = _where(m, filter_sql, filter_params)
    size = f"(SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = '{TABLE}'::regclass)"
    if order == "rank":
        inner = f"SELECT {m.key} AS id, -({m.score}) AS score FROM {m.source} WHERE {where}"
        sql = (
            f"SELECT id, score, n, {size} FROM (SELECT id, score, COUNT(*) OVER () AS n"
            f" FROM ({inner} LIMIT {int(cap)}) AS bounded) AS hits"
            f" ORDER BY score DESC, id DESC LIMIT {int(limit)}"
        )
        return sql, [*m.score_params, *params]
    direction = "DESC" if order == "-published_on" else "ASC"
    inner = f"SELECT {m.key} AS id FROM {m.source} WHERE {where}"
    sql = (
        f"SELECT d.id, 0, hits.n, {size} FROM (SELECT id, COUNT(*) OVER () AS n"
        f" FROM ({inner} LIMIT {int(cap)}) AS bounded) AS hits JOIN {DOC} d ON d.id = hits.id"
        f" ORDER BY d.published_on {direction}, d.id {direction} LIMIT {int(limit)}"
    )
    return sql, params


def one_pass(
    tokens: list[str],
    *,
    filter_sql: str | None,
    filter_params: tuple = (),
    order: str = "rank",
    cap: int,
    limit: int = PAGE,
) -> tuple[Frequency, list[tuple[int, float]] | None]:
    """`one_pass_sql` run: how common the words are, and the first `limit` (id, score) hits,
    or None when the count reached `cap` (the rows are then of no use)."""
    sql, params = one_pass_sql(
        tokens,
        filter_sql=filter_sql,
        filter_params=filter_params,
        order=order,
        cap=cap,
        limit=limit,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    hits, indexed = (rows[0][2], int(rows[0][3] or 0)) if rows else (0, 0)
    first = [(row[0], float(row[1] or 0)) for row in rows] if hits < cap else None
    return Frequency(hits, indexed, hits >= cap), first


class Hints:
    """How many hits (counted up to the cap) recent searches in this process had.

    Only a hint for choosing the query: `one_pass_sql` pays off for words with fewer hits than
    the cap and wastes a ranking for more, and which is the case is known only after counting.
    A stale hint costs time once (the count it returns corrects it), never a different page.
    Bounded (the oldest entries go first) and shared by the threads of a worker.
    """

    def __init__(self, size: int = 4096):
        self.size = size
        self._seen: dict[tuple, int] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key(tokens: list[str], filter_sql: str | None, filter_params: tuple) -> tuple | None:
        key = (connection.alias, connection.settings_dict.get("NAME"), tuple(tokens))
        key += (filter_sql, tuple(filter_params))
        try:
            hash(key)
        except TypeError:
            return None
        return key

    def get(self, key: tuple | None) -> int | None:
        return None if key is None else self._seen.get(key)

    def put(self, key: tuple | None, hits: int) -> None:
        if key is None:
            return
        with self._lock:
            self._seen.pop(key, None)
            self._seen[key] = hits
            while len(self._seen) > self.size:
                del self._seen[next(iter(self._seen))]

    def clear(self) -> None:
        with self._lock:
            self._seen.clear()


HINTS = Hints()


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
