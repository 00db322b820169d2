"""Lists out in the provincial layout: one sheet per kind, the body's own column names.

A workbook written here reads back through `importing.read` unchanged (the round trip the
county makes with the provincial 政务服务 system).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook

from fazhi.core.excel import write_sheet

from .choices import PowerKind
from .kinds import KINDS

# A spreadsheet runs a CSV cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
POWER_LABELS = dict(PowerKind.choices)


def safe(value: Any) -> Any:
    """A CSV cell: text that a spreadsheet would run is quoted by a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def cell(field: str, value: Any) -> Any:
    """The value as the provincial export writes it (是/否, the power kind's name).

    Text stays as it is: `core.excel.write_sheet` writes text starting with "=" as a text
    cell, never a formula, so "-" (none) or "=…" reads back unchanged, not as "'-"."""
    if value is None:
        return ""
    if field == "power_kind":
        return str(POWER_LABELS.get(value, value)) if value else ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def header(kind: str, columns: dict[str, str]) -> list[str]:
    spec = KINDS[kind]
    return [columns.get(f) or spec.column(f) for f in spec.fields]


def add_sheet(book: Workbook, kind: str, rows: Iterable[dict], columns: dict[str, str]) -> int:
    fields = KINDS[kind].fields
    ws = book.create_sheet(KINDS[kind].sheet)
    widths = [
        14 if f in ("code", "statutory_days", "promised_days", "promise") else 24 for f in fields
    ]
    return write_sheet(
        ws, header(kind, columns), ([cell(f, r[f]) for f in fields] for r in rows), widths
    )


def workbook(sheets: Iterable[tuple[str, Iterable[dict], dict[str, str]]]) -> Workbook:
    """(kind, item rows, column mapping) per sheet, in the order given."""
    book = Workbook()
    book.remove(book.active)
    for kind, rows, columns in sheets:
        add_sheet(book, kind, rows, columns)
    return book
