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

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_FONT = Font(bold=True)
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _header_cells(ws, headers: Sequence[str]) -> list:
    cells = []
    for text in headers:
        cell = WriteOnlyCell(ws, text)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
        cells.append(cell)
    return cells


def write_sheet(
    ws,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    widths: Sequence[int] | None = None,
    *,
    above: Sequence[Sequence] = (),
) -> int:
    """Header row (bold, filled, frozen, filtered), then the rows; `above`: lines before the header.

    Works on an ordinary sheet and on a write-only one (`Workbook(write_only=True)`), where
    the rows stream to the file as they come and no cell stays in memory: what every export uses.
    """
    for i, width in enumerate(widths or [18] * len(headers), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    header_row = len(above) + 1
    ws.freeze_panes = f"A{header_row + 1}"
    for line in above:
        ws.append(list(line))
    ws.append(_header_cells(ws, headers))
    count = 0
    for row in rows:
        ws.append(list(row))
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
