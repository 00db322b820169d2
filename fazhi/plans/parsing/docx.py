"""A .docx plan → plain text, paragraphs and tables in document order.

The archive is checked before anything is decompressed: a .docx is a zip, and a zip can
declare gigabytes of content in a few kilobytes (a zip bomb). Python's zipfile never
inflates more than an entry's declared size, so checking the declared sizes is enough.
Task tables (序号 | 任务 | 牵头单位 | 责任单位 | 完成时限) are rendered as plan-style lines
("1.任务…" then "牵头单位:…") so the text parser reads them like any other plan.
"""

from __future__ import annotations

import io
import re
import zipfile

from .errors import PlanParseError, gettext_noop
from .patterns import CN_DIGITS

MAX_DOCX_BYTES = 30 * 1024 * 1024
MAX_DOCUMENT_XML = 20 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_ENTRIES = 5000

_COLUMNS = (
    ("number", ("序号", "编号")),
    ("lead", ("牵头单位", "牵头部门", "牵头")),
    ("participating", ("参加单位", "配合单位", "协办单位", "配合部门", "参与单位")),
    ("responsible", ("责任单位", "责任部门", "责任主体")),
    ("deadline", ("完成时限", "完成时间", "时间节点", "时限", "时间要求")),
    ("task", ("任务", "措施", "工作内容", "举措", "内容")),
)
_NEWLINES = re.compile(r"\s*\n\s*")
_LABELS = {"lead": "牵头单位", "participating": "参加单位", "responsible": "责任单位"}


def docx_to_text(data: bytes) -> str:
    _check_archive(data)
    import docx  # python-docx; imported here so plain-text parsing does not pay for it

    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for item in document.iter_inner_content():
            if isinstance(item, docx.table.Table):
                blocks.extend(_table_lines(item))
            else:
                blocks.append(item.text)
    except PlanParseError:
        raise
    except Exception as exc:  # python-docx raises many kinds of errors on a damaged file
        raise PlanParseError(
            gettext_noop("无法读取 .docx 文件,文件可能已损坏(%(kind)s)"), kind=type(exc).__name__
        ) from exc
    return "\n".join(blocks)


def _check_archive(data: bytes) -> None:
    if len(data) > MAX_DOCX_BYTES:
        raise PlanParseError(
            gettext_noop("文件过大(%(size).1f MB),.docx 文件不能超过 30 MB"),
            size=len(data) / 1024 / 1024,
        )
    if not data.startswith(b"PK\x03\x04"):
        raise PlanParseError(
            gettext_noop("不是有效的 .docx 文件(不是 Word 2007 及以上版本的文档格式)")
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise PlanParseError(gettext_noop("不是有效的 .docx 文件(压缩包已损坏)")) from exc
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise PlanParseError(gettext_noop("不是有效的 .docx 文件(缺少正文 word/document.xml)"))
    if len(infos) > MAX_ENTRIES:
        raise PlanParseError(gettext_noop("不是有效的 .docx 文件(包含的文件数量异常)"))
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PlanParseError(gettext_noop("文件疑似“压缩炸弹”(解压后体积异常),已拒绝处理"))
        if info.filename == "word/document.xml" and info.file_size > MAX_DOCUMENT_XML:
            raise PlanParseError(gettext_noop("文件正文过大(解压后超过 20 MB),已拒绝处理"))
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise PlanParseError(gettext_noop("文件疑似“压缩炸弹”(解压后总体积超过 100 MB),已拒绝处理"))


def _cell_texts(row) -> list[str]:
    """Cell texts of a row, a horizontally merged cell counted once."""
    texts, seen = [], None
    for cell in row.cells:
        if cell._tc is seen:
            continue
        seen = cell._tc
        texts.append(cell.text.strip())
    return texts


def _columns(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, text in enumerate(cells):
        key = re.sub(r"\s+", "", text)
        for role, words in _COLUMNS:
            if role not in found and len(key) <= 12 and any(w in key for w in words):
                found[role] = index
                break
    return found


def _table_lines(table) -> list[str]:
    lines: list[str] = []
    columns: dict[str, int] | None = None
    counter = 0
    for row in table.rows:
        cells = _cell_texts(row)
        if columns is None:
            found = _columns(cells)
            if "task" in found and found.keys() & _LABELS.keys():
                columns = found
                continue
        if columns is None or len(set(cells)) <= 1 or len(cells) <= max(columns.values()):
            lines.append(" ".join(dict.fromkeys(c for c in cells if c)))
            continue
        task = cells[columns["task"]]
        if not task:
            continue
        counter += 1
        lines.append(
            _row_heading(cells[columns["number"]] if "number" in columns else "", counter) + task
        )
        for role, label in _LABELS.items():
            if role in columns and cells[columns[role]]:
                lines.append(label + ":" + _NEWLINES.sub("、", cells[columns[role]]))
        if "deadline" in columns and cells[columns["deadline"]]:
            lines.append("完成时限:" + _NEWLINES.sub(";", cells[columns["deadline"]]))
    return lines


def _row_heading(number: str, counter: int) -> str:
    """The row's own number as a heading: "3" → "3.", "三" → "(三)", "(三)" stays."""
    number = re.sub(r"\s+", "", number)
    if number.isascii() and number.isdigit():
        return f"{int(number)}."
    if number and all(c in CN_DIGITS for c in number):
        return f"({number})"
    return number or f"{counter}."
