"""Search-result snippets: escape HTML first, then mark the hits. Pure: no Django import."""

from __future__ import annotations

import html
import re


def snippet(text: str, terms: list[str], *, width: int = 120) -> str:
    """A safe HTML excerpt around the first hit, each hit wrapped in <mark>.

    Matching runs on the raw text; every piece is escaped on its own before the marks are
    added, so neither the text nor the terms can inject markup.
    """
    text = " ".join((text or "").split())
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return html.escape(text[:width]) + ("…" if len(text) > width else "")
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - width // 3)
    end = min(len(text), start + width)
    window = text[start:end]
    pieces: list[str] = ["…" if start else ""]
    pos = 0
    for match in pattern.finditer(window):
        pieces.append(html.escape(window[pos : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group())}</mark>")
        pos = match.end()
    pieces.append(html.escape(window[pos:]))
    pieces.append("…" if end < len(text) else "")
    return "".join(pieces)
