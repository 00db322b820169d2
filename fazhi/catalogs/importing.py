"""Reading a list from the provincial Excel layout: one sheet per kind, every row checked first.

`read(upload, kind=…, columns=…)` returns the rows as dicts of item fields, or raises
`RowErrors` naming each bad row and column; nothing is saved by this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from fazhi.core import uploads
from fazhi.core.errors import ApplicationError

from .choices import PowerKind
from .errors import CatalogsError
from .kinds import COLUMNS, KINDS
from .models import CatalogItem

MAX_ROWS = 20_000  # a county body's list is a few hundred items; a province's sheet a few thousand
HEADER_SEARCH = 6  # provincial exports put a title row or two above the header
SHOWN_ERRORS = 5
PROGRESS_EVERY = 500
POWER_KINDS = {str(label): value for value, label in PowerKind.choices}
POWER_KINDS.update({"行政监督": PowerKind.INSPECTION})  # older local guides (wave2-rules §4)
YES = {"是", "Y", "y", "yes", "true", "1", "√"}
NO = {"否", "N", "n", "no", "false", "0", "", "×"}
DAYS = re.compile(r"^\s*(\d{1,4})\s*(个?工作日|天|日)?\s*$")
# A leading apostrophe before one of these is the spreadsheet's mark for "text, not a formula"
# (CSV exports, and this app's Excel exports before 2026-12, write it), not part of the value.
QUOTED = re.compile(r"^'(?=[=+\-@])")


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula: its value is whatever the spreadsheet last computed (or
    nothing, if no spreadsheet computed it), so a list never takes it."""

    text: str


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row:
            return _("第%(row)s行“%(column)s”:%(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return f"“{self.column}”:{self.message}"


class RowErrors(ApplicationError):
    def __init__(self, errors: list[RowError], *, code=CatalogsError.BAD_ROWS):
        shown = ";".join(str(e) for e in errors[:SHOWN_ERRORS])
        more = len(errors) - SHOWN_ERRORS
        if more > 0:
            shown += _(";另有%(n)s处错误") % {"n": more}
        super().__init__(
            _("文件有误,未导入任何事项:%(errors)s") % {"errors": shown},
            code=code,
            fields={"file": shown},
        )
        self.errors = errors


def _limits() -> dict[str, int]:
    return {
        f.name: f.max_length
        for f in CatalogItem._meta.concrete_fields
        if getattr(f, "max_length", None) and f.name in COLUMNS
    }


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Formula):
        return value.text
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return QUOTED.sub("", str(value).strip())


def _convert(field: str, raw: Any) -> Any:
    """The field's value, or raise ValueError with the reason shown to the user."""
    if isinstance(raw, Formula):
        raise ValueError(
            _("是公式“%(formula)s”:清单须填写确定的文字或数值,请将公式转为数值后再导入")
            % {"formula": raw.text[:40]}
        )
    text = _text(raw)
    if field == "power_kind":
        if text not in POWER_KINDS:
            raise ValueError(_("不是十类行政权力之一"))
        return POWER_KINDS[text]
    if field in ("statutory_days", "promised_days"):
        if not text:
            return None
        match = DAYS.match(text)
        if not match:
            raise ValueError(_("应为工作日数,如 20"))
        return int(match[1])
    if field == "promise":
        if text in YES:
            return True
        if text in NO:
            return False if text else None
        raise ValueError(_("应填“是”或“否”"))
    return text


def header_map(header: list[str], *, kind: str, columns: dict[str, str]) -> dict[str, int]:
    spec = KINDS[kind]
    positions = {name: i for i, name in enumerate(header) if name}
    wanted = {f: (columns.get(f) or spec.column(f)) for f in spec.fields}
    for f in spec.fields:
        # a file with the common name where the kind has its own (实施主体 for 索要单位)
        if wanted[f] not in positions and not columns.get(f) and COLUMNS[f] in positions:
            wanted[f] = COLUMNS[f]
    missing = [wanted[f] for f in spec.required if wanted[f] not in positions]
    if missing:
        raise RowErrors(
            [RowError(0, name, _("缺少此列")) for name in missing], code=CatalogsError.BAD_COLUMNS
        )
    return {f: positions[name] for f, name in wanted.items() if name in positions}


def rows_from_sheet(
    sheet_rows, *, kind: str, columns: dict[str, str], progress=None
) -> list[dict[str, Any]]:
    """Rows (tuples of cell values) → item dicts; all errors collected, then raised together.

    `progress(rows_read)` is called every `PROGRESS_EVERY` rows (the import job's bar).
    """
    spec = KINDS[kind]
    code_column = columns.get("code") or COLUMNS["code"]
    lead = []
    where: dict[str, int] | None = None
    header_row = 0
    iterator = iter(sheet_rows)
    for number, row in enumerate(iterator, 1):
        cells = [_text(v) for v in row]
        if code_column in cells:
            where = header_map(cells, kind=kind, columns=columns)
            header_row = number
            break
        lead.append(cells)
        if number >= HEADER_SEARCH:
            break
    if where is None:
        raise RowErrors(
            [RowError(0, code_column, _("前%(n)s行中找不到表头") % {"n": HEADER_SEARCH})],
            code=CatalogsError.BAD_COLUMNS,
        )
    names = {f: columns.get(f) or spec.column(f) for f in spec.fields}
    limits = _limits()
    errors: list[RowError] = []
    items: list[dict[str, Any]] = []
    first_row: dict[str, int] = {}
    for number, row in enumerate(iterator, header_row + 1):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number)
        if all(v is None or _text(v) == "" for v in row):
            continue
        if len(items) >= MAX_ROWS:
            raise RowErrors(
                [RowError(number, names["code"], _("超过%(n)s行上限") % {"n": MAX_ROWS})],
                code=CatalogsError.TOO_MANY_ROWS,
            )
        item: dict[str, Any] = {"position": len(items) + 1}
        for field, index in where.items():
            raw = row[index] if index < len(row) else None
            try:
                value = _convert(field, raw)
            except ValueError as exc:
                errors.append(RowError(number, names[field], str(exc)))
                continue
            if field in spec.required and value in ("", None):
                errors.append(RowError(number, names[field], _("必填")))
            elif isinstance(value, str) and field in limits and len(value) > limits[field]:
                errors.append(
                    RowError(number, names[field], _("超过%(n)s字") % {"n": limits[field]})
                )
            item[field] = value
        code = item.get("code")
        if code:
            if code in first_row:
                errors.append(
                    RowError(
                        number,
                        names["code"],
                        _("与第%(row)s行重复") % {"row": first_row[code]},
                    )
                )
            else:
                first_row[code] = number
        items.append(item)
    if errors:
        raise RowErrors(errors)
    if not items:
        raise RowErrors([RowError(header_row, names["code"], _("表中没有事项"))])
    return items


def _values(sheet):
    """The sheet's rows as tuples of values, a formula cell as `Formula`."""
    for row in sheet.iter_rows():
        yield tuple(
            Formula(str(c.value)) if c.data_type == "f" and c.value is not None else c.value
            for c in row
        )


def read(
    upload, *, kind: str, columns: dict[str, str] | None = None, progress=None
) -> list[dict[str, Any]]:
    """The items of `kind`'s sheet in an uploaded .xlsx (guarded by `core.uploads`).

    `progress(rows_read, rows_in_sheet)` reports how far the reading is (the sheet's stated
    size, 0 when the file does not say).
    """
    found = uploads.check(upload, kinds=("xlsx",), field="file")
    name = getattr(upload, "name", "") or ""
    with uploads.parsing(name, found):
        # Formulas as formulas (not their cached values), so that a row holding one is refused.
        book = load_workbook(upload, read_only=True, data_only=False)
        try:
            sheet_name = KINDS[kind].sheet
            if sheet_name in book.sheetnames:
                sheet = book[sheet_name]
            elif len(book.sheetnames) == 1:
                sheet = book[book.sheetnames[0]]
            else:
                raise RowErrors(
                    [RowError(0, sheet_name, _("找不到该工作表"))], code=CatalogsError.BAD_COLUMNS
                )
            size = sheet.max_row or 0
            step = None if progress is None else (lambda n: progress(n, size))
            return rows_from_sheet(_values(sheet), kind=kind, columns=columns or {}, progress=step)
        finally:
            book.close()
