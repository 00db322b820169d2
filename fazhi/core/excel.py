"""Excel in and out with openpyxl, in the plain layout county offices use."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_FONT = Font(bold=True)
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")


def _header_cells(ws, headers: Sequence[str]) -> list:
    cells = []
    for text in headers:
        cell = WriteOnlyCell(ws, text)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
        cells.append(cell)
    return cells


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
        self.reuse = isinstance(ws, WriteOnlyWorksheet)
        self.wrapping = [self._wrapping() for _ in range(wrap)] if self.reuse else []

    def _wrapping(self) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws)
        cell.alignment = WRAPPED
        return cell

    def __call__(self, values: Sequence, *, wrap: int | None = None) -> list:
        wrap = self.wrap if wrap is None else wrap
        out = list(values)
        for i, value in enumerate(out):
            if i < wrap:
                cell = self.wrapping[i] if self.reuse else self._wrapping()
                cell.value = value
                if _formula_like(value):
                    cell.data_type = "s"
                out[i] = cell
            elif _formula_like(value):
                out[i] = _text_cell(self.ws, value)
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
