"""A .docx plan → plain text, paragraphs and tables in document order.

The archive is checked before anything is decompressed: a .docx is a zip, and a zip can
declare gigabytes of content in a few kilobytes (a zip bomb). Python's zipfile never
inflates more than an entry's declared size, so checking the declared sizes is enough.
Task tables are rendered as plan-style lines (see tables.py) so the text parser reads them like
any other plan.
"""

from __future__ import annotations

import io
import zipfile

from .errors import PlanParseError, gettext_noop
from .tables import Cell, Grid, table_lines

MAX_DOCX_BYTES = 30 * 1024 * 1024
MAX_DOCUMENT_XML = 20 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_ENTRIES = 5000


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


def _grid(table) -> Grid:
    """The table as layout columns: python-docx's `row.cells` repeats a vertically merged cell
    into every row it covers, so the merge marks are read from the XML instead."""
    from docx.table import _Cell

    grid: Grid = []
    for tr in table._tbl.tr_lst:
        row: list[Cell] = [Cell("", first=True)] * tr.grid_before
        for tc in tr.tc_lst:
            continued = tc.vMerge == "continue"
            text = "" if continued else _Cell(tc, table).text
            row.append(Cell(text, first=True, continued=continued))
            row.extend(
                Cell(text, first=False, continued=continued) for _ in range(tc.grid_span - 1)
            )
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    return [r + [Cell("")] * (width - len(r)) for r in grid]


def _table_lines(table) -> list[str]:
    grid = _grid(table)
    lines = table_lines(grid)
    if lines is not None:
        return lines
    return [
        " ".join(dict.fromkeys(c.text.strip() for c in row if c.first and c.text.strip()))
        for row in grid
    ]
