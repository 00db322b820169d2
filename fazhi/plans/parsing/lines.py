"""Lines of the normalised text, with their offsets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # folded


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for part in text.split("\n"):
        if part.strip():
            lines.append(Line(pos, pos + len(part), part))
        pos += len(part) + 1
    return lines
