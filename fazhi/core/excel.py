"""Excel in and out with openpyxl, in the plain layout county offices use."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def write_sheet(
    ws, headers: Sequence[str], rows: Iterable[Sequence], widths: Sequence[int] | None = None
) -> int:
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    count = 0
    for row in rows:
        ws.append(list(row))
        count += 1
    for i, width in enumerate(widths or [18] * len(headers), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    if count:
        ws.auto_filter.ref = ws.dimensions
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
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = title[:31]
    write_sheet(ws, headers, rows)
    return workbook_response(wb, filename)
