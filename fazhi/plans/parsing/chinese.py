"""Traditional characters → simplified, for matching only (牽頭單位 reads as 牵头单位).

OpenCC converts phrase by phrase; the parser needs one character out for each character in, so
every offset still points into the source. A line whose conversion changes its length is
converted character by character instead.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

# A simplified text may hold a stray traditional character (the seed writes 況 twice); only a
# text where a noticeable share of the characters are traditional is converted.
_MIN_CHANGED = 2
_MIN_SHARE = 0.005
_CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _convert_line(line: str) -> str:
    out = _converter().convert(line)
    if len(out) == len(line):
        return out
    return "".join(c if len(s := _converter().convert(c)) != 1 else s for c in line)


def to_simplified(text: str) -> str:
    """`text` in simplified characters, the same length, character for character."""
    whole = _converter().convert(text)
    if len(whole) == len(text) and whole.count("\n") == text.count("\n"):
        # one call is much faster; checked line by line only where a line changed length
        lines, converted = text.split("\n"), whole.split("\n")
        if all(len(a) == len(b) for a, b in zip(lines, converted, strict=True)):
            return whole
    return "\n".join(_convert_line(line) for line in text.split("\n"))


def simplify(text: str) -> str:
    """Simplified when the text is written in traditional characters; otherwise unchanged."""
    converted = to_simplified(text)
    if converted == text:
        return text
    changed = sum(map(str.__ne__, text, converted))
    cjk = len(_CJK.findall(text)) or 1
    if changed >= _MIN_CHANGED and changed / cjk >= _MIN_SHARE:
        return converted
    return text
