"""Normalisation that remembers where each character came from.

`text` is folded for matching (half-width colons, parentheses and digits, "-" for every dash,
simplified characters for a text written in traditional ones);
`display` is the same length and keeps the document's own punctuation; `origin[i]` is the
index in the source of character i of both. Only substitutions and deletions happen, so every
span found in `text` maps back to the source.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from itertools import compress

from .chinese import simplify
from .patterns import INLINE_UNITS, UNIT_LINE, starts_structure

Span = tuple[int, int]

_LINE_BREAKS = {c: "\n" for c in "\r\x0b\x0c\x85\u2028\u2029"}
_SPACES = {
    c: " "
    for c in "\t\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
}
DISPLAY = str.maketrans({**_LINE_BREAKS, **_SPACES})
FOLD = str.maketrans(
    {
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
        **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"},
        "\ufe59": "(",
        "\ufe5a": ")",
        "\ufe55": ":",
        "\u3002": "。",
        **_LINE_BREAKS,
        **_SPACES,
    }
)

_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff]")
_HSPACE = re.compile(r" +")
_LETTER_O = re.compile(r"(?<=\d)[Oo]+(?=[\d%‰年月日个万])")
_CJK = re.compile(
    r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\u2018-\u201f\ufe30-\ufe4f\uff00-\uffef]"
)
_PUNCT = set(":,;()!?、。《》“”%")
_TERMINAL = set("。!?;:…")
_CONTINUES = set("、,(《“-")
_NOT_IN_NAMES = re.compile(r"[。:;!?《》“”\"]")
_NAME_SEPARATORS = re.compile(r"[、,]")
_DATE_LINE = re.compile(
    r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$"
)


@dataclass(frozen=True)
class Normalized:
    source: str
    text: str
    display: str
    origin: array  # of int, one per character of text

    def span(self, start: int, end: int) -> Span:
        """Source span of text[start:end]."""
        if end <= start:
            pos = self.origin[start] if start < len(self.origin) else len(self.source)
            return (pos, pos)
        return (self.origin[start], self.origin[end - 1] + 1)


def fold(value: str) -> str:
    """The matching form of a short string (a name, a phrase): folded, without whitespace."""
    return re.sub(r"\s+", "", _LETTER_O.sub(lambda m: "0" * len(m.group()), value.translate(FOLD)))


def normalize(source: str) -> Normalized:
    text = simplify(source.translate(FOLD))
    display = source.translate(DISPLAY)
    origin = array("q", range(len(source)))
    text, display = _fix_letter_o(text, display)
    text, display, origin = _delete(text, display, origin, _space_deletions(text))
    text, display, origin = _delete(text, display, origin, _break_deletions(text))
    return Normalized(source, text, display, origin)


def _fix_letter_o(text: str, display: str) -> tuple[str, str]:
    hits = [m.span() for m in _LETTER_O.finditer(text)]
    if not hits:
        return text, display
    t, d = list(text), list(display)
    for a, b in hits:
        t[a:b] = d[a:b] = "0" * (b - a)
    return "".join(t), "".join(d)


def _delete(
    text: str, display: str, origin: list[int], drop: list[bool]
) -> tuple[str, str, list[int]]:
    if not any(drop):
        return text, display, origin
    keep = [not d for d in drop]
    return (
        "".join(compress(text, keep)),
        "".join(compress(display, keep)),
        array("q", compress(origin, keep)),
    )


def _space_deletions(text: str) -> list[bool]:
    """Invisible characters, and spaces that only a typesetter put there: at line ends, beside
    Chinese characters or punctuation ("2022 年底前", "压缩 30%以上")."""
    drop = [False] * len(text)
    for m in _INVISIBLE.finditer(text):
        drop[m.start()] = True
    n = len(text)
    for m in _HSPACE.finditer(text):
        a, b = m.span()
        before = text[a - 1] if a else "\n"
        after = text[b] if b < n else "\n"
        if _removable_space(before, after):
            for i in range(a, b):
                drop[i] = True
    return drop


def _removable_space(before: str, after: str) -> bool:
    if "\n" in (before, after) or before in _PUNCT or after in _PUNCT:
        return True
    if _CJK.match(before) and _CJK.match(after):
        return False  # may separate two names: "县司法局 县财政局"
    return bool(_CJK.match(before) or _CJK.match(after))


def _break_deletions(text: str) -> list[bool]:
    """Line breaks inside a sentence or a unit name go; blank lines collapse to one break."""
    drop = [False] * len(text)
    lines: list[tuple[int, int]] = []
    pos = 0
    for part in text.split("\n"):
        if part.strip():
            lines.append((pos, pos + len(part)))
        pos += len(part) + 1
    if not lines:
        return [True] * len(text)
    for i in range(lines[0][0]):
        drop[i] = True
    for i in range(lines[-1][1], len(text)):
        drop[i] = True
    for index, ((a0, a1), (b0, b1)) in enumerate(zip(lines, lines[1:], strict=False)):
        after = lines[index + 2] if index + 2 < len(lines) else None
        # an organisation's name over a date is a signature, not more names of a unit line
        signature = after is not None and _DATE_LINE.match(text[after[0] : after[1]].strip())
        join = not signature and _joins(text[a0:a1], text[b0:b1])
        # keep the first break between paragraphs, drop blank lines (and whitespace in them)
        for i in range(a1 + (0 if join else 1), b0):
            drop[i] = True
    return drop


def _joins(prev: str, nxt: str) -> bool:
    if starts_structure(nxt):
        return False
    last = prev[-1]
    if UNIT_LINE.match(prev):
        return _continues_names(last, nxt)
    if last in _TERMINAL or INLINE_UNITS.search(prev):
        return False
    if last in _CONTINUES or "。" in prev:
        return True
    return prev.count("《") > prev.count("》") or prev.count("(") > prev.count(")")


def _continues_names(last: str, nxt: str) -> bool:
    """Is `nxt` the rest of a unit list: "县卫健局、" + "县市场监督管理局、…", "县市场监" + "督管理局"."""
    pieces = _NAME_SEPARATORS.split(nxt)
    if _NOT_IN_NAMES.search(nxt) or any(len(p) > 25 for p in pieces):
        return False
    return last in _CONTINUES or len(pieces[0]) <= 12
