"""parse(): source file → PlanDraft."""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePosixPath

from . import deadlines as deadline_finder
from . import header
from . import targets as target_finder
from .docx import docx_to_text
from .errors import PlanParseError
from .model import Chapter, Deadline, Measure, PlanDraft, Target, Task, UnitRef, Unresolved
from .normalize import Normalized, normalize
from .source import check_text, decode, signature_message
from .structure import MeasureBlock, Outline, TaskBlock, outline
from .tables import render_tab_tables
from .units import UnitDirectory, split_names

_UNSUPPORTED = {
    ".doc": "暂不支持旧版 Word(.doc)文件,请另存为 .docx 或 .txt 后再上传",
    ".wps": "暂不支持 WPS 文字(.wps)文件,请另存为 .docx 或 .txt 后再上传",
    ".pdf": "暂不支持 PDF 文件,请上传 .docx 或 .txt 格式的实施方案",
    ".xls": "实施方案应为 .docx 或 .txt 文件,不支持 Excel 表格",
    ".xlsx": "实施方案应为 .docx 或 .txt 文件,不支持 Excel 表格",
}
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})年(?!\d)")
_CLAUSE_BREAKS = set(",;:。!?\n")
_SENTENCE_BREAKS = set("。!?;\n")


def parse(
    source: bytes | str, *, filename: str = "plan.txt", directory: UnitDirectory | None = None
) -> PlanDraft:
    """Parse a plan (.txt or .docx). Raises PlanParseError, with a Chinese message, on bad input.

    Without a directory no unit name is resolved, and every one is listed in `unresolved`.
    """
    text = _load(source, filename)
    norm = normalize(text)
    plan = outline(norm)
    if not plan.measures:
        raise PlanParseError(
            "未识别出实施方案的结构:没有找到任何措施(如“(一)……”“1.……”“第一条……”),"
            "请确认上传的是实施方案全文"
        )
    _unique_numbers(plan)
    chapters = [
        Chapter(c.number, _display(norm, *c.title), norm.span(c.start, c.end))
        for c in plan.chapters
    ]
    document = header.read(norm, plan.lines, plan.body_start)
    reference = _reference_date(document)
    unresolved: list[Unresolved] = []
    measures = [_measure(norm, m, directory, unresolved, reference) for m in plan.measures]
    return PlanDraft(
        text=text,
        normalized_text=norm.text,
        document=document,
        chapters=chapters,
        measures=measures,
        unresolved=unresolved,
    )


def _unique_numbers(plan: Outline) -> None:
    """Numbers that repeat (two tables each numbered from 1, a list restarting under every
    heading) are replaced by positions, so each chapter and measure has its own number."""
    chapters, measures = plan.chapters, plan.measures
    if len({c.number for c in chapters}) < len(chapters):
        for position, chapter in enumerate(chapters, start=1):
            chapter.number = position
        for measure in measures:
            if measure.chapter is not None:
                inside = [c for c in chapters if c.start <= measure.start]
                measure.chapter = inside[-1].number if inside else None
    if len({m.number for m in measures}) < len(measures):
        for position, measure in enumerate(measures, start=1):
            measure.number = position


def _reference_date(document) -> date | None:
    """What a deadline without a year counts from: the date of issue, else the title's year."""
    if document.issued_on:
        return document.issued_on
    m = _TITLE_YEAR.search(document.title or "")
    return date(int(m[1]), 1, 1) if m else None


def _load(source: bytes | str, filename: str) -> str:
    if isinstance(source, str):
        check_text(source)
        return render_tab_tables(source)
    data = bytes(source)
    if not data.strip():
        raise PlanParseError("文件为空,没有任何内容")
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    message = signature_message(data)
    if message:
        raise PlanParseError(message)
    if suffix == ".docx" or data.startswith(b"PK\x03\x04"):
        text = docx_to_text(data)
        if not text.strip():
            raise PlanParseError("Word 文档中没有文字内容")
        check_text(text)
        return text
    if suffix in _UNSUPPORTED:
        raise PlanParseError(_UNSUPPORTED[suffix])
    return render_tab_tables(decode(data))


def _display(norm: Normalized, start: int, end: int) -> str:
    return norm.display[start:end].strip()


def _measure(
    norm: Normalized,
    block: MeasureBlock,
    directory: UnitDirectory | None,
    unresolved: list[Unresolved],
    reference: date | None,
) -> Measure:
    return Measure(
        number=block.number,
        chapter=block.chapter,
        title=_display(norm, *block.title),
        span=norm.span(block.start, block.end),
        tasks=[_task(norm, t, block.number, directory, unresolved, reference) for t in block.tasks],
    )


def _task(
    norm: Normalized,
    block: TaskBlock,
    measure: int,
    directory: UnitDirectory | None,
    unresolved: list[Unresolved],
    reference: date | None,
) -> Task:
    task = Task(
        text=norm.display[block.text_start : block.text_end],
        span=norm.span(block.text_start, block.text_end),
    )
    roles = {
        "lead": task.lead_units,
        "participating": task.participating_units,
        "responsible": task.responsible_units,
    }
    found = deadline_finder.find(norm.text[block.text_start : block.text_end], reference)
    in_text = [_deadline(norm, block.text_start, f) for f in found]
    labelled: list[Deadline] = []
    for segment in block.segments:
        if segment.role == "deadline":
            labelled += [
                _deadline(norm, segment.start, f)
                for f in deadline_finder.find(norm.text[segment.start : segment.end], reference)
            ]
            continue
        for piece in split_names(norm.text[segment.start : segment.end]):
            start, end = segment.start + piece.start, segment.start + piece.end
            ref = _unit(
                norm.display[start:end],
                norm.text[start:end],
                norm.span(start, end),
                directory,
                measure,
                unresolved,
            )
            roles[segment.role].append(ref)
    task.deadlines = in_text + labelled
    task.targets = _targets(norm, block, found, labelled)
    return task


def _unit(
    raw: str,
    folded: str,
    span: tuple[int, int],
    directory: UnitDirectory | None,
    measure: int,
    unresolved: list[Unresolved],
) -> UnitRef:
    """`raw` as written; `folded` (simplified, half-width) is what is looked up."""
    resolution = directory.resolve(folded) if directory else None
    if resolution and resolution.canonical:
        return UnitRef(raw, resolution.canonical, resolution.is_group, span)
    suggestions = resolution.suggestions if resolution else []
    unresolved.append(Unresolved(raw, span, measure, suggestions))
    return UnitRef(raw, None, False, span)


def _deadline(norm: Normalized, offset: int, found: deadline_finder.Found) -> Deadline:
    start, end = offset + found.start, offset + found.end
    return Deadline(norm.display[start:end], found.date, found.recurrence, norm.span(start, end))


def _targets(
    norm: Normalized, block: TaskBlock, found: list[deadline_finder.Found], labelled: list[Deadline]
) -> list[Target]:
    text = norm.text[block.text_start : block.text_end]
    fallback = next((d for d in labelled if d.date or d.recurrence), None)
    targets = []
    for t in target_finder.find(text):
        sentence = _left_break(text, t.start, _SENTENCE_BREAKS)
        before = [f for f in found if f.start >= sentence and f.end <= t.start]
        when = before[-1] if before else fallback
        start = block.text_start + _left_break(text, t.start, _CLAUSE_BREAKS)
        end = block.text_start + _right_break(text, t.end, _CLAUSE_BREAKS)
        targets.append(
            Target(
                text=_display(norm, start, end),
                value=t.value,
                unit=t.unit,
                comparator=t.comparator,
                due=when.date if when else None,
                recurrence=when.recurrence if when else None,
                span=norm.span(start, end),
            )
        )
    return targets


def _left_break(text: str, pos: int, breaks: set[str]) -> int:
    while pos > 0 and text[pos - 1] not in breaks:
        pos -= 1
    return pos


def _right_break(text: str, pos: int, breaks: set[str]) -> int:
    while pos < len(text) and text[pos] not in breaks:
        pos += 1
    return pos
