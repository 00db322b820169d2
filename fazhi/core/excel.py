"""Excel in and out with openpyxl, in the plain layout county offices use."""

from __future__ import annotations

import atexit
import datetime as dt
import io
import itertools
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet import _writer
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_FONT = Font(bold=True)
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")


# openpyxl writes each sheet's XML to a temporary file, copies it into the zip and removes it.
# Its own `create_temporary_file` makes an empty file (NamedTemporaryFile) that the XML writer
# then opens by name and truncates; on ext4 (auto_da_alloc) and XFS, closing a file that was
# truncated starts its writeback at once, and removing it then waits for the disk: 0.2–2.5 ms
# a sheet on the benchmark machine, the most while other processes write (the county's ledger
# export has 50 sheets). A name in a private directory, not yet created, lets the writer create
# the file: no truncation, no early writeback, and removing it costs microseconds. openpyxl has
# no option for this, so its module function is replaced: openpyxl is pinned (pyproject.toml,
# 3.1.5), and tests/core/test_excel_workbook.py fails if WorksheetWriter stops taking its file
# name from this function or stops removing the file. (`_StyledCell` below is the other place
# that relies on openpyxl's internals; the same tests hold it.)
_TEMP = {"pid": None, "dir": ""}
_TEMP_NAMES = itertools.count()


def _temporary_file(suffix: str = "") -> str:
    """A fresh path for openpyxl's per-sheet XML, in a directory of this process (mode 0700)."""
    if _TEMP["pid"] != os.getpid() or not os.path.isdir(_TEMP["dir"]):
        # Per process (a forked worker must not share its parent's names), made again if a
        # clean-up of /tmp removed it.
        _TEMP["dir"] = tempfile.mkdtemp(prefix="fazhi-openpyxl.")
        _TEMP["pid"] = os.getpid()
        atexit.register(shutil.rmtree, _TEMP["dir"], ignore_errors=True)
    path = os.path.join(_TEMP["dir"], f"{next(_TEMP_NAMES)}{suffix}")
    _writer.ALL_TEMP_FILES.append(path)  # as openpyxl's own: removed at exit if left behind
    return path


_writer.create_temporary_file = _temporary_file


def _style(ws, **styles):
    """The style array of a cell given `styles` on this sheet's workbook: cells made from it
    (`Cell(..., style_array=…)`) get the same style without openpyxl hashing the font, fill and
    alignment again for each (`cell._style` is what openpyxl's own worksheet copier copies)."""
    cell = WriteOnlyCell(ws)
    for name, value in styles.items():
        setattr(cell, name, value)
    return cell._style


class _StyledCell(Cell):
    """A cell for a write-only sheet's rows that looks its style id up once, not per row.

    openpyxl looks a styled cell's style id up each time it writes the cell (a hash of its
    style array and a dict lookup), and formats the cell into the message of a ValueError it
    raises and catches when the cell comes in a row (`_values_to_row` tries it as a value
    first). This cell keeps the id it was first written with and has a short repr, so its style
    must not change once written: a date or time value would (openpyxl gives the cell a date
    format), and `_RowCells` writes those in new cells.
    """

    __slots__ = ("_style_id",)
    has_style = True  # made from a style that is not the default (checked in __init__)

    def __init__(self, ws, style, value=None):
        super().__init__(ws, row=1, column=1, value=value, style_array=style)
        if self._style is None or not any(self._style):
            raise ValueError("a _StyledCell needs a style")
        # Looked up when first written, as openpyxl does: the workbook's styles keep their order.
        self._style_id = None

    @property
    def style_id(self) -> int:
        if self._style_id is None:
            self._style_id = super().style_id
        return self._style_id

    def __repr__(self) -> str:
        return "<Cell>"


# What openpyxl writes as a date (it gives the cell a date format).
_TIME_TYPES = (dt.date, dt.time, dt.timedelta)


def _styled(ws, style, value=None) -> Cell:
    if isinstance(ws, WriteOnlyWorksheet):
        return _StyledCell(ws, style, value)
    return Cell(ws, row=1, column=1, value=value, style_array=style)


def _header_cells(ws, headers: Sequence[str]) -> list:
    style = _style(ws, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGNMENT)
    return [_styled(ws, style, text) for text in headers]


def _formula_like(value) -> bool:
    # openpyxl stores any text of two or more characters that starts with "=" as a formula,
    # which the spreadsheet runs when the file is opened (formula injection, CWE-1236).
    return isinstance(value, str) and len(value) > 1 and value[0] == "="


def _text_cell(ws, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value)
    cell.data_type = "s"
    return cell


class _RowCells:
    """A row's values as openpyxl takes them: the first `wrap` columns as cells that wrap at
    the top, formula-like text as text cells, anything else as it is.

    On a write-only sheet each row is written out before `append` returns, so the wrapping
    cells are made once per sheet and refilled; an ordinary sheet keeps its cells, so it gets
    new ones. `wrap=0` for a line that is not a row of the table (a title above the header).
    """

    def __init__(self, ws, wrap: int):
        self.ws, self.wrap = ws, wrap
        self.style = _style(ws, alignment=WRAPPED) if wrap else None
        self.reuse = isinstance(ws, WriteOnlyWorksheet)
        self.wrapping = [self._wrapping() for _ in range(wrap)] if self.reuse else []

    def _wrapping(self, value=None) -> Cell:
        """A new wrapping cell: to be refilled on a write-only sheet, for `value` otherwise."""
        if self.reuse and not isinstance(value, _TIME_TYPES):
            return _StyledCell(self.ws, self.style)
        return Cell(self.ws, row=1, column=1, style_array=self.style)

    def __call__(self, values: Sequence, *, wrap: int | None = None) -> list:
        out = list(values)
        wrapped = min(self.wrap if wrap is None else wrap, len(out))
        for i in range(wrapped):
            value = out[i]
            # A date gives its cell a date format: never to a reused cell (see _StyledCell).
            reuse = self.reuse and not isinstance(value, _TIME_TYPES)
            cell = self.wrapping[i] if reuse else self._wrapping(value)
            cell.value = value
            # openpyxl has just marked formula-like text as a formula ("f"): text instead.
            if cell.data_type == "f" and isinstance(cell.value, str):
                cell.data_type = "s"
            out[i] = cell
        for i in range(wrapped, len(out)):
            if _formula_like(out[i]):
                out[i] = _text_cell(self.ws, out[i])
        return out


def write_sheet(
    ws,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    widths: Sequence[int] | None = None,
    *,
    above: Sequence[Sequence] = (),
    wrap: int = 0,
) -> int:
    """Header row (bold, filled, frozen, filtered), then the rows; `above`: lines before the
    header; `wrap`: the first `wrap` columns wrap their text at the top of the cell. Text that
    starts with "=" is written as text, never as a formula.

    Works on an ordinary sheet and on a write-only one (`Workbook(write_only=True)`), where
    the rows stream to the file as they come and no cell stays in memory: what every export uses.
    """
    for i, width in enumerate(widths or [18] * len(headers), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    header_row = len(above) + 1
    ws.freeze_panes = f"A{header_row + 1}"
    cells = _RowCells(ws, wrap)
    for line in above:
        ws.append(cells(line, wrap=0))
    ws.append(_header_cells(ws, headers))
    count = 0
    for row in rows:
        ws.append(cells(row))
        count += 1
    if count:
        last = get_column_letter(len(headers))
        ws.auto_filter.ref = f"A{header_row}:{last}{header_row + count}"
    return count


def workbook_response(wb: Workbook, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def table_response(
    title: str, headers: Sequence[str], rows: Iterable[Sequence], filename: str
) -> HttpResponse:
    wb = Workbook(write_only=True)
    write_sheet(wb.create_sheet(title[:31]), headers, rows)
    return workbook_response(wb, filename)
