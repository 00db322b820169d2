"""Character bigrams for substring search of party names and case subjects (pure, no database).

Chinese has no spaces, so a word index cannot answer "宁康" inside "宁康食品销售有限公司". Every
overlapping pair of characters is indexed instead; a query of two or more characters matches a
row only if all of its pairs occur there. That gives a superset of the rows containing the query
(pairs may occur apart); the caller then applies the exact `contains` filter on those candidates.

Normalisation is NFKC and lower-casing **per character**, so normalising a text is the
concatenation of its normalised characters: a substring of the text normalises to a substring of
the normalised text, whatever combining marks, Hangul jamo or final sigmas it holds. ASCII words
and digits are bigrammed like everything else (no whole-word tokens), so "BC" finds "ABCD".

Each bigram is stored as an 8-letter token (each character's code point written in base 26 with
a–z, four letters). Tokens hold no digits, spaces or punctuation, so SQLite's FTS5 tokenizer and
PostgreSQL's 'simple' parser keep each one whole, and nothing typed by a user (`"`, `*`, NEAR,
OR) reaches the index syntax. Code points above 26⁴ (unassigned or private planes) share tokens
with lower ones: that only adds candidates, which the exact filter removes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

MIN_QUERY = 2
_BASE = 26
_WIDTH = 4
_SPAN = _BASE**_WIDTH


def normalize(text: str) -> str:
    """NFKC + lower-case, one character at a time (see module docstring for why)."""
    return "".join(unicodedata.normalize("NFKC", ch).lower() for ch in text)


def bigrams(text: str) -> set[str]:
    """The overlapping two-character pairs of the normalised text."""
    norm = normalize(text)
    return {norm[i : i + 2] for i in range(len(norm) - 1)}


def query_bigrams(query: str) -> set[str] | None:
    """Pairs that must all occur in a matching row; None for queries too short for the index."""
    if len(query) < MIN_QUERY:
        return None
    return bigrams(query)


def _letters(ch: str) -> str:
    n = ord(ch) % _SPAN
    out = []
    for _ in range(_WIDTH):
        n, digit = divmod(n, _BASE)
        out.append(chr(ord("a") + digit))
    return "".join(reversed(out))


def token(pair: str) -> str:
    """The index token of one bigram: 8 letters a–z."""
    return "".join(_letters(ch) for ch in pair)


def tokens(pairs: Iterable[str]) -> list[str]:
    return sorted({token(p) for p in pairs})


def document(*texts: str) -> str:
    """The indexed text of a case: the tokens of every bigram of the given fields, space-joined.

    Fields are bigrammed separately, so no pair spans two fields.
    """
    pairs: set[str] = set()
    for text in texts:
        pairs |= bigrams(text or "")
    return " ".join(tokens(pairs))


def query_tokens(query: str) -> list[str] | None:
    """Tokens that must all be in a row's document; None when the index cannot answer."""
    pairs = query_bigrams(query)
    if pairs is None:
        return None
    return tokens(pairs)
