"""Chinese word segmentation for the full-text index and for queries. Pure: no Django import.

rjieba (Rust) when installed, jieba otherwise; both give the same dictionary segmentation.
Documents are indexed with the search mode (a long word also yields its shorter dictionary
words: 行政复议 → 行政, 复议, 行政复议), so a two-character query such as 复议 is found.
"""

from __future__ import annotations

import re

try:
    import rjieba as _jieba

    BACKEND = "rjieba"
except ImportError:  # pragma: no cover - depends on the installation
    import jieba as _jieba

    BACKEND = "jieba"

_WORD = re.compile(r"\w", re.UNICODE)
MAX_QUERY_CHARS = 100
MAX_QUERY_TOKENS = 16


def _keep(token: str) -> bool:
    return bool(_WORD.search(token))


def _clean(token: str) -> str:
    # Underscores and other joiners would let FTS tokenisers split a token differently.
    return "".join(ch for ch in token.lower() if ch.isalnum())


def index_tokens(text: str) -> list[str]:
    """Tokens to index (search mode), punctuation dropped, lower-cased."""
    cleaned = (_clean(t) for t in _jieba.cut_for_search(text or ""))
    return [t for t in cleaned if t]


def index_text(text: str) -> str:
    return " ".join(index_tokens(text))


def query_tokens(query: str) -> list[str]:
    """Tokens a document must all contain; duplicates removed, order kept."""
    seen: dict[str, None] = {}
    for part in (query or "").split():
        for token in _jieba.cut(part):
            clean = _clean(token)
            if clean:
                seen.setdefault(clean, None)
    return list(seen)[:MAX_QUERY_TOKENS]
