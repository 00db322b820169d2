"""The plan's outline: chapters, measures, and within each measure the task blocks.

A task is a run of text followed by its own unit lines (牵头单位:… 参加单位:…). Text after the
last unit lines of a measure that gets no unit lines of its own is not a task: it is the
measure's preamble (the principles of (一)–(三)) or the closing words of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cn2an

from .lines import Line, split_lines
from .normalize import Normalized
from .patterns import (
    CHAPTER_STYLES,
    DEADLINE_LINE,
    INLINE_UNITS,
    MEASURE_STYLES,
    UNIT_LABEL,
    UNIT_LABELS,
    UNIT_LINE,
)

_CLOSING = re.compile(r"^(?:附件|附:|抄送|政策解读)|印发$|^\d{4}年\d{1,2}月\d{1,2}日$")
_TITLE_END = re.compile(r"[。;!?]")
_MAX_TITLE = 80


@dataclass(frozen=True)
class Segment:
    """A run of unit names (role "lead" | "participating" | "responsible") or a deadline phrase
    (role "deadline"), as offsets into the normalised text."""

    role: str
    start: int
    end: int


@dataclass
class TaskBlock:
    text_start: int
    text_end: int
    segments: list[Segment]

    @property
    def end(self) -> int:
        return max([self.text_end, *(s.end for s in self.segments)])


@dataclass
class MeasureBlock:
    number: int
    chapter: int | None
    title: tuple[int, int]
    start: int
    end: int
    tasks: list[TaskBlock] = field(default_factory=list)


@dataclass
class ChapterBlock:
    number: int
    title: tuple[int, int]
    start: int
    end: int


@dataclass
class Outline:
    lines: list[Line]
    body_start: int  # index into lines
    chapters: list[ChapterBlock]
    measures: list[MeasureBlock]


def _number(token: str) -> int | None:
    try:
        value = int(token) if token.isdigit() else int(cn2an.cn2an(token, "smart"))
    except (ValueError, TypeError):
        return None
    return value if 0 < value < 1000 else None


def _heading(patterns, line: Line) -> tuple[int, int] | None:
    """(number, offset of the heading's content) if the line is a heading."""
    for pattern in patterns:
        m = pattern.match(line.text)
        if m:
            number = _number(m.group(1))
            if number is not None:
                return number, line.start + m.start(2)
    return None


def _styles_in(lines: list[Line]) -> tuple[tuple, tuple] | None:
    """The measure heading style these lines use (the first of MEASURE_STYLES' precedence that
    heads a line) and the styles below it (its items); None if no line is such a heading."""
    styles = list(MEASURE_STYLES.values())
    for index, pattern in enumerate(styles):
        if any(_heading((pattern,), line) for line in lines):
            return (pattern,), tuple(styles[index + 1 :])
    return None


def _chapter_styles(lines: list[Line], document: tuple[tuple, tuple]) -> dict[int, tuple]:
    """Each chapter heading's line index → the measure style of that chapter. A plan may number
    its measures "1." in one part and "(一)" in another (the tasks of 一、 to 八、, the
    safeguards of 九、 as (一)–(四)): each part is read in its own style. A part without
    headings keeps the document's."""
    starts = [i for i, line in enumerate(lines) if _heading(CHAPTER_STYLES, line)]
    return {
        start: _styles_in(lines[start + 1 : end]) or document
        for start, end in zip(starts, [*starts[1:], len(lines)], strict=False)
    }


def outline(norm: Normalized) -> Outline:
    lines = split_lines(norm.text)
    document = _styles_in(lines)
    # Chapter headings stand in for measures when there is no lower level ("一、…" followed
    # directly by 牵头单位 lines).
    chapters_are_measures = document is None
    if chapters_are_measures:
        document = (CHAPTER_STYLES, tuple(MEASURE_STYLES.values()))
        by_chapter: dict[int, tuple] = {}
    else:
        by_chapter = _chapter_styles(lines, document)
    chapter_patterns = () if chapters_are_measures else CHAPTER_STYLES
    measure_patterns, item_styles = document
    chapters: list[ChapterBlock] = []
    measures: list[MeasureBlock] = []
    body_start = len(lines)
    current: tuple[int, int, list[Line]] | None = None  # measure number, content start, lines
    measure_lines: list[tuple[list[Line], tuple]] = []

    def close() -> None:
        if current is not None:
            measures.append(_measure(norm, *current, chapters[-1].number if chapters else None))
            measure_lines.append((current[2], item_styles))

    for index, line in enumerate(lines):
        chapter = _heading(chapter_patterns, line)
        if chapter:
            close()
            current = None
            measure_patterns, item_styles = by_chapter[index]
            chapters.append(ChapterBlock(chapter[0], (chapter[1], line.end), line.start, line.end))
            body_start = min(body_start, index)
            continue
        measure = _heading(measure_patterns, line)
        if measure:
            close()
            current = (measure[0], measure[1], [line])
            body_start = min(body_start, index)
        elif current is not None:
            current[2].append(line)
    close()
    if not any(m.tasks for m in measures):
        for measure, (own_lines, items) in zip(measures, measure_lines, strict=True):
            measure.tasks = _item_tasks(measure, own_lines, items)
            if measure.tasks:
                measure.end = measure.tasks[-1].end
    _close_chapters(chapters, measures)
    return Outline(lines, body_start, chapters, measures)


def _item_tasks(measure: MeasureBlock, lines: list[Line], item_styles: tuple) -> list[TaskBlock]:
    """A plan without any unit line (a summary, a list of key points): each item of the level
    below the measure is a task ("1." under "(一)"), or the measure's whole text when it has no
    items. Closing matter (附件, 印发 …) belongs to no task."""
    body: list[Line] = []
    for line in lines:
        if _CLOSING.search(line.text):
            break
        body.append(line)
    style = next((p for p in item_styles if any(p.match(line.text) for line in body[1:])), None)
    if style is None:
        start = measure.title[0]
        return [TaskBlock(start, body[-1].end, [])] if body and body[-1].end > start else []
    tasks: list[TaskBlock] = []
    for line in body[1:]:
        if style.match(line.text):
            tasks.append(TaskBlock(line.start, line.end, []))
        elif tasks:
            tasks[-1].text_end = line.end
    return tasks


def _close_chapters(chapters: list[ChapterBlock], measures: list[MeasureBlock]) -> None:
    for chapter, following in zip(chapters, [*chapters[1:], None], strict=False):
        inside = [
            m
            for m in measures
            if m.start > chapter.start and (following is None or m.start < following.start)
        ]
        if inside:
            chapter.end = max(chapter.end, inside[-1].end)


def _measure(
    norm: Normalized, number: int, content_start: int, lines: list[Line], chapter: int | None
) -> MeasureBlock:
    heading = lines[0]
    block = MeasureBlock(
        number, chapter, _title(norm, content_start, lines), heading.start, heading.end
    )
    items = [("text", content_start, heading.end, heading)] + [
        _classify(line) for line in lines[1:]
    ]
    text: list[tuple[int, int]] = []
    segments: list[Segment] = []
    in_units = False
    for kind, start, end, line in items:
        if kind == "text":
            if in_units:
                block.tasks.append(_task(text, segments))
                text, segments, in_units = [], [], False
            inline = INLINE_UNITS.search(line.text, start - line.start)
            if inline:
                end = line.start + inline.start()
                segments.extend(
                    _unit_segments(line, line.start + inline.start(1), line.start + inline.end(1))
                )
                in_units = True
            if end > start:
                text.append((start, end))
        else:
            segments.extend(
                _unit_segments(line, start, end)
                if kind == "units"
                else [Segment("deadline", start, end)]
            )
            in_units = True
    if in_units:
        block.tasks.append(_task(text, segments))
    if block.tasks:
        block.end = block.tasks[-1].end
    else:
        for line in lines:
            if _CLOSING.search(line.text):
                break
            block.end = line.end
    return block


def _classify(line: Line) -> tuple[str, int, int, Line]:
    if UNIT_LINE.match(line.text):
        return "units", line.start, line.end, line
    m = DEADLINE_LINE.match(line.text)
    if m:
        return "deadline", line.start + m.end(), line.end, line
    return "text", line.start, line.end, line


def _unit_segments(line: Line, start: int, end: int) -> list[Segment]:
    """A line may carry several labels: "牵头单位:县司法局 责任单位:各乡(镇)人民政府"."""
    local = line.text[start - line.start : end - line.start]
    labels = list(UNIT_LABEL.finditer(local))
    segments = []
    for m, following in zip(labels, [*labels[1:], None], strict=False):
        stop = following.start() if following else len(local)
        segments.append(Segment(UNIT_LABELS[m.group(1)], start + m.end(), start + stop))
    return segments


def _task(text: list[tuple[int, int]], segments: list[Segment]) -> TaskBlock:
    if text:
        return TaskBlock(text[0][0], text[-1][1], segments)
    first = segments[0].start if segments else 0
    return TaskBlock(first, first, segments)


def _title(norm: Normalized, content_start: int, lines: list[Line]) -> tuple[int, int]:
    """Text up to the first 。 of the heading (or of the next line when the heading is bare)."""
    start, end = content_start, lines[0].end
    if start >= end and len(lines) > 1:
        start, end = lines[1].start, lines[1].end
    m = _TITLE_END.search(norm.text, start, end)
    stop = m.start() if m else end
    return start, min(stop, start + _MAX_TITLE)
