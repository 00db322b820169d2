"""Split Chinese text into sentences with their character spans. Pure: no Django import."""

from __future__ import annotations

from dataclasses import dataclass

_ENDERS = frozenset("。！？；!?;\n")
_CLOSERS = frozenset("”’」』）)】〕")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int  # text == source[start:end]


def split_sentences(text: str) -> list[Sentence]:
    """Sentences end at 。！？； or a line break; closing quotes stay with their sentence.

    Leading and trailing whitespace is outside every span; empty sentences are dropped.
    """
    result: list[Sentence] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        if text[i] in _ENDERS:
            end = i + 1
            while end < n and text[end] in _CLOSERS:
                end += 1
            _append(result, text, start, end)
            start = i = end
            continue
        i += 1
    _append(result, text, start, n)
    return result


def _append(result: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        result.append(Sentence(text[start:end], start, end))
