"""Full-text search for every app: two tokenisers and the only module with vendor-specific SQL.

An app keeps the tokens of each searchable row in an entry table of its own (plain text
columns, tokens joined by spaces) and declares the index over it:

    DOCUMENTS = FullTextIndex(table="normdocs_documentsearchentry", key="document_id",
                              columns=("title_tokens", "body_tokens"), weights=(10.0, 1.0),
                              fts="normdocs_fts", gin="normdocs_search_vector_gin")
    DOCUMENTS.install(schema_editor)                  # in a migration (RunPython)
    match = DOCUMENTS.match(word_query("行政复议"))    # source, key, where, params, score
    DOCUMENTS.frequency(count_sql, params, cap=5001)  # (hits counted, rows indexed), one query

SQLite keeps an external-content FTS5 table in step with triggers on the entry table;
PostgreSQL keeps a generated `tsvector` column ('simple' configuration: no stemming, no stop
words) with a GIN index. Other databases have no index (`available()` is false) and the app
scans with LIKE. Query tokens are bound as parameters and quoted, so FTS syntax typed by a
user (`"`, NEAR, `*`, `-`, AND) is searched for as text, never executed.

Tokenisers (pure functions):
- words: Chinese words cut by rjieba (jieba when rjieba is missing; both give the same
  dictionary segmentation). Rows are indexed in search mode (a long word also yields its
  shorter dictionary words: 行政复议 → 行政, 复议, 行政复议), so a two-character query is found.
- bigrams: every overlapping pair of characters, for substring search of names ("宁康" in
  "宁康食品销售有限公司"). A query matches a row only if all its pairs occur there, a superset
  of the rows containing the query, which the caller narrows with its exact filter.
  Normalisation is NFKC and lower-casing **per character**, so a substring of a text
  normalises to a substring of the normalised text. Each pair is stored as an 8-letter token
  (each character's code point in base 26, four letters a–z): no digits, spaces or
  punctuation, so both databases' tokenisers keep it whole. Code points above 26⁴ share
  tokens with lower ones: that only adds candidates, which the exact filter removes.
"""

# ruff: noqa: S608 - table names are constants; user input reaches SQL only as bound parameters.
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection

try:
    import rjieba as _jieba

    SEGMENTER = "rjieba"
except ImportError:  # pragma: no cover - depends on the installation
    import jieba as _jieba

    SEGMENTER = "jieba"

MAX_QUERY_CHARS = 100
MAX_QUERY_TOKENS = 16
VENDORS = ("sqlite", "postgresql")

# ---------------------------------------------------------------- words


def _clean(token: str) -> str:
    # Underscores and other joiners would let FTS tokenisers split a token differently.
    return "".join(ch for ch in token.lower() if ch.isalnum())


def word_tokens(text: str) -> list[str]:
    """Tokens to index (search mode), punctuation dropped, lower-cased."""
    cleaned = (_clean(t) for t in _jieba.cut_for_search(text or ""))
    return [t for t in cleaned if t]


def word_document(text: str) -> str:
    return " ".join(word_tokens(text))


def word_query(query: str) -> list[str]:
    """Words a row must all contain; duplicates removed, order kept, at most 16."""
    seen: dict[str, None] = {}
    for part in (query or "").split():
        for token in _jieba.cut(part):
            clean = _clean(token)
            if clean:
                seen.setdefault(clean, None)
    return list(seen)[:MAX_QUERY_TOKENS]


# ---------------------------------------------------------------- bigrams

MIN_BIGRAM_QUERY = 2
_BASE = 26
_WIDTH = 4
_SPAN = _BASE**_WIDTH


def normalize(text: str) -> str:
    """NFKC + lower-case, one character at a time (see the module docstring for why)."""
    return "".join(unicodedata.normalize("NFKC", ch).lower() for ch in text)


def bigrams(text: str) -> set[str]:
    """The overlapping two-character pairs of the normalised text."""
    norm = normalize(text)
    return {norm[i : i + 2] for i in range(len(norm) - 1)}


def query_bigrams(query: str) -> set[str] | None:
    """Pairs that must all occur in a matching row; None for queries too short for the index."""
    if len(query) < MIN_BIGRAM_QUERY:
        return None
    return bigrams(query)


def _letters(ch: str) -> str:
    n = ord(ch) % _SPAN
    out = []
    for _ in range(_WIDTH):
        n, digit = divmod(n, _BASE)
        out.append(chr(ord("a") + digit))
    return "".join(reversed(out))


def bigram_token(pair: str) -> str:
    """The index token of one bigram: 8 letters a–z."""
    return "".join(_letters(ch) for ch in pair)


def bigram_tokens(pairs: Iterable[str]) -> list[str]:
    return sorted({bigram_token(p) for p in pairs})


def bigram_document(*texts: str) -> str:
    """The indexed text of a row: the tokens of every bigram of the fields, space-joined.

    Fields are bigrammed separately, so no pair spans two fields.
    """
    pairs: set[str] = set()
    for text in texts:
        pairs |= bigrams(text or "")
    return " ".join(bigram_tokens(pairs))


def bigram_query(query: str) -> list[str] | None:
    """Tokens that must all be in a row's document; None when the index cannot answer."""
    pairs = query_bigrams(query)
    return None if pairs is None else bigram_tokens(pairs)


# ---------------------------------------------------------------- the index


@dataclass(frozen=True)
class Match:
    """The pieces of SQL an app combines into its own queries (all tokens must occur).

    `source` is the FROM item, `key` the expression of the row's key, `where` the match
    condition with `params`; `score` orders best first when sorted ascending (with
    `score_params` bound where it appears).
    """

    source: str
    key: str
    where: str
    params: list
    score: str
    score_params: list

    def ids(self) -> tuple[str, list]:
        """`SELECT key …` of the matching rows, for an `IN (…)` or a `RawSQL`."""
        return f"SELECT {self.key} FROM {self.source} WHERE {self.where}", list(self.params)


@dataclass(frozen=True)
class FullTextIndex:
    """One app's index over its entry table (see the module docstring).

    `weights`: one per column; BM25 weights on SQLite, and on PostgreSQL the columns are
    weighted A, B, C, D in that order (None: one unweighted column set). `tokenize` and
    `detail` are FTS5 options. `extra` holds further (install, uninstall) statements per
    vendor that belong with the index (prefix indexes on the searched table). `inline`: on
    PostgreSQL the vectors stay in the table's own pages (storage MAIN) rather than in its
    TOAST table, for vectors of a few kilobytes that are ranked: `ts_rank` then reads each hit
    without a TOAST lookup (about 3× faster over 5,000 hits of 3 KB vectors).
    """

    table: str
    key: str
    columns: tuple[str, ...]
    fts: str
    gin: str
    weights: tuple[float, ...] | None = None
    tokenize: str = "unicode61 remove_diacritics 0"
    detail: str = ""
    extra: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    inline: bool = False

    def _sqlite(self) -> list[str]:
        cols = ", ".join(self.columns)
        new = ", ".join(f"new.{c}" for c in self.columns)
        old = ", ".join(f"old.{c}" for c in self.columns)
        detail = f", detail='{self.detail}'" if self.detail else ""
        fts, table, key = self.fts, self.table, self.key
        delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.{key}, {old});"
        insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.{key}, {new});"
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{table}',"
            f" content_rowid='{key}', tokenize='{self.tokenize}'{detail})",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {table} BEGIN"
            f" {delete} {insert} END",
            f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
        ]

    def _vector(self) -> str:
        if self.weights is None:
            return " || ".join(f"to_tsvector('simple', {c})" for c in self.columns)
        return " || ".join(
            f"setweight(to_tsvector('simple', coalesce({c}, '')), '{'ABCD'[i]}')"
            for i, c in enumerate(self.columns)
        )

    def statements(self, vendor: str, *, install: bool) -> list[str]:
        extra_install, extra_uninstall = self.extra.get(vendor, ((), ()))
        if vendor == "sqlite":
            if install:
                return [*self._sqlite(), *extra_install]
            drops = [f"DROP TRIGGER IF EXISTS {self.fts}_{t}" for t in ("ai", "ad", "au")]
            return [*extra_uninstall, *drops, f"DROP TABLE IF EXISTS {self.fts}"]
        if vendor == "postgresql":
            if install:
                return [
                    f"ALTER TABLE {self.table} ADD COLUMN IF NOT EXISTS search_vector tsvector"
                    f" GENERATED ALWAYS AS ({self._vector()}) STORED",
                    *self._storage(),
                    f"CREATE INDEX IF NOT EXISTS {self.gin} ON {self.table}"
                    " USING GIN (search_vector)",
                    *extra_install,
                ]
            return [
                *extra_uninstall,
                f"DROP INDEX IF EXISTS {self.gin}",
                f"ALTER TABLE {self.table} DROP COLUMN IF EXISTS search_vector",
            ]
        return []

    def _storage(self) -> list[str]:
        if not self.inline:
            return []
        return [f"ALTER TABLE {self.table} ALTER COLUMN search_vector SET STORAGE MAIN"]

    def store_inline(self, schema_editor) -> None:
        """Migration step for an index installed before `inline`: the storage, then every row
        written again (a storage applies to new rows only; rewriting a token column recomputes
        the vector)."""
        if schema_editor.connection.vendor != "postgresql" or not self.inline:
            return
        for sql in self._storage():
            schema_editor.execute(sql)
        first = self.columns[0]
        schema_editor.execute(f"UPDATE {self.table} SET {first} = {first}")

    def install(self, schema_editor) -> None:
        """Migration step: create the index structures for this database."""
        for sql in self.statements(schema_editor.connection.vendor, install=True):
            schema_editor.execute(sql)

    def uninstall(self, schema_editor) -> None:
        for sql in self.statements(schema_editor.connection.vendor, install=False):
            schema_editor.execute(sql)

    def frequency(self, sql: str, params: list, *, cap: int, share: float = 0.0) -> tuple[int, int]:
        """(rows `sql` selects, counting at most max(`cap`, `share` × rows indexed); rows indexed).

        One query, for an app that chooses its plan from how common the searched words are. The
        rows indexed are exact on SQLite and the planner's estimate on PostgreSQL (0 before the
        table's first ANALYZE).
        """
        vendor = connection.vendor
        if vendor == "sqlite":
            size, larger = f"(SELECT COUNT(*) FROM {self.fts}_docsize)", "max"
        elif vendor == "postgresql":
            size = (
                "(SELECT GREATEST(reltuples, 0)::bigint FROM pg_class"
                f" WHERE oid = '{self.table}'::regclass)"
            )
            larger = "GREATEST"
        else:
            raise NotImplementedError(f"no full-text index on {vendor}")
        limit = f"{larger}({int(cap)}, CAST({size} * {float(share)} AS INTEGER))"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT (SELECT COUNT(*) FROM ({sql} LIMIT {limit}) AS hits), {size}", params
            )
            hits, rows = cursor.fetchone()
        return hits, int(rows or 0)

    def match(self, tokens: list[str]) -> Match:
        """Rows holding every token; raises on a database without the index."""
        vendor = connection.vendor
        if vendor == "sqlite":
            weights = ", ".join(str(w) for w in self.weights or ())
            return Match(
                source=self.fts,
                key=f"{self.fts}.rowid",
                where=f"{self.fts} MATCH %s",
                params=[fts5_query(tokens)],
                score=f"bm25({self.fts}{', ' + weights if weights else ''})",  # lower is better
                score_params=[],
            )
        if vendor == "postgresql":
            words = " ".join(tokens)
            return Match(
                source=f"{self.table} e",
                key=f"e.{self.key}",
                where="e.search_vector @@ plainto_tsquery('simple', %s)",
                params=[words],
                score="-ts_rank(e.search_vector, plainto_tsquery('simple', %s))",
                score_params=[words],
            )
        raise NotImplementedError(f"no full-text index on {vendor}")


def available() -> bool:
    """Whether this database has the index structures (else apps scan with LIKE)."""
    return connection.vendor in VENDORS


def fts5_query(tokens: list[str]) -> str:
    """Every token as a quoted FTS5 string ("" escapes a quote): operators are inert."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in tokens)


def like_pattern(text: str, *, prefix: bool = False) -> str:
    """A LIKE pattern (ESCAPE '\\') matching `text` literally, anywhere or as a prefix."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%" if prefix else f"%{escaped}%"


def run(
    sql: str, params: list, *, limit: int | None = None, offset: int = 0
) -> list[tuple[int, float]]:
    """(key, score) rows of a ranked SELECT, one page of them when `limit` is given."""
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
