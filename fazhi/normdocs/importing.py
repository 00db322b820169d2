"""Read existing documents for the registry: .txt/.docx files and Excel lists. No database access.

A file's heading carries the issuer ("天镇县人民政府办公室文件"), the 文号, the title, and at the
end the date; the body usually states when it takes effect and how long it is valid.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from fazhi.core import uploads

from .docnumber import find_doc_number

SUFFIXES = (".txt", ".docx", ".xlsx")
KINDS = ("txt", "docx", "xlsx")
EXCEL_HEADERS = {
    "标题": "title",
    "文号": "doc_number",
    "制定机关": "issuer",
    "成文日期": "written_on",
    "公布日期": "published_on",
    "施行日期": "effective_on",
    "有效期至": "valid_until",
    "制定依据": "legal_basis",
    "正文": "body",
}
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_EFFECTIVE = re.compile(r"自\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日起(?:施行|实施|执行)")
_VALID_UNTIL = re.compile(r"有效期至\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_VALID_YEARS = re.compile(r"有效期(?:为)?\s*([0-9一二两三四五])\s*年")
_TITLE = re.compile(
    r"关于.{2,80}的(通知|意见|办法|规定|决定|通告|细则|实施方案)|.{2,60}(办法|规定|细则|意见)$"
)
_YEAR_WORDS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}


class NotADocument(ValueError):
    """The file cannot be read as a document (wrong type, corrupt, or empty)."""


@dataclass
class RegistryRow:
    """One existing document, as read from a file or a row of an Excel list."""

    source: str
    title: str = ""
    doc_number: str = ""
    issuer: str = ""
    written_on: dt.date | None = None
    published_on: dt.date | None = None
    effective_on: dt.date | None = None
    valid_until: dt.date | None = None
    legal_basis: str = ""
    body: str = ""
    errors: list[str] = field(default_factory=list)
    original: bytes = field(default=b"", repr=False)  # the file itself, kept as 原件
    file: str = ""  # an Excel list's file name, and the row's number in it
    line: int | None = None

    def shown_source(self) -> str:
        """`source` in the interface language; `source` itself is saved (Chinese) in the steps."""
        if self.line is None:
            return self.source
        return " ".join(filter(None, [self.file, _("第%(number)s行") % {"number": self.line}]))


def read_text(name: str, data: bytes) -> str:
    """Plain text of a .txt (UTF-8 or GB18030) or .docx file."""
    lower = name.lower()
    if lower.endswith(".txt"):
        if b"\x00" in data[:4096]:
            raise NotADocument(_("不是文本文件"))
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise NotADocument(_("无法识别文字编码(应为UTF-8或GBK)"))
    elif lower.endswith(".docx"):
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise NotADocument(_("不是有效的Word(.docx)文件"))
        import docx

        with uploads.parsing(name, "docx"):
            document = docx.Document(io.BytesIO(data))
        text = "\n".join(p.text for p in document.paragraphs)
    else:
        raise NotADocument(_("只支持 .txt 和 .docx 文件"))
    if not text.strip():
        raise NotADocument(_("文件没有文字内容"))
    return text


def _date(match: re.Match | None) -> dt.date | None:
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _plus_years(day: dt.date, years: int) -> dt.date:
    try:
        end = day.replace(year=day.year + years)
    except ValueError:  # 29 February
        end = day.replace(year=day.year + years, day=28)
    return end - dt.timedelta(days=1)


def parse_document(source: str, text: str) -> RegistryRow:
    """Fields of an existing document from its text; what is missing is listed in `errors`."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    row = RegistryRow(source=source)
    head = lines[:8]
    number = find_doc_number("\n".join(head))
    if number:
        row.doc_number = str(number)
    for line in head:
        if line.endswith("文件") and len(line) <= 40:
            row.issuer = line[: -len("文件")].strip()
        elif not row.title and _TITLE.search(line) and not find_doc_number(line):
            row.title = line
    title_index = lines.index(row.title) if row.title in lines else 0
    body_lines = lines[title_index + 1 :] if row.title else lines
    row.body = "\n".join(body_lines)
    dates = [_date(m) for m in _DATE.finditer("\n".join(lines[-4:]))]
    dates = [d for d in dates if d]
    row.written_on = dates[-1] if dates else None
    row.published_on = row.written_on
    row.effective_on = _date(_EFFECTIVE.search(row.body)) or row.published_on
    row.valid_until = _date(_VALID_UNTIL.search(row.body))
    if row.valid_until is None and (m := _VALID_YEARS.search(row.body)) and row.effective_on:
        years = int(m[1]) if m[1].isdigit() else _YEAR_WORDS[m[1]]
        row.valid_until = _plus_years(row.effective_on, years)
    if not row.title:
        row.errors.append(_("找不到标题(应为“关于……的通知/办法”等)"))
    if not row.doc_number:
        row.errors.append(_("文件开头找不到文号(如 天政办发〔2023〕12号)"))
    if not row.published_on:
        row.errors.append(_("文件末尾找不到成文日期(如 2023年3月15日)"))
    return row


def parse_excel_rows(rows: list[tuple]) -> list[RegistryRow]:
    """Rows of an Excel list whose first row holds the headers in EXCEL_HEADERS."""
    if not rows:
        return []
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    missing = [h for h in ("标题", "文号", "制定机关", "公布日期") if h not in headers]
    if missing:
        # The column names are the work form's own (Chinese) headers, so they are quoted as is.
        raise NotADocument(_("Excel 第1行缺少列:%(columns)s") % {"columns": "、".join(missing)})
    index = {EXCEL_HEADERS[h]: i for i, h in enumerate(headers) if h in EXCEL_HEADERS}
    result = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(v not in (None, "") for v in values):
            continue
        # `source` is saved in the procedure steps, so it stays Chinese; see shown_source().
        row = RegistryRow(source=f"第{number}行", line=number)
        for name, i in index.items():
            value = values[i] if i < len(values) else None
            if name in ("written_on", "published_on", "effective_on", "valid_until"):
                parsed = _cell_date(value)
                if value not in (None, "") and parsed is None:
                    row.errors.append(_("“%(value)s”不是日期") % {"value": value})
                setattr(row, name, parsed)
            else:
                setattr(row, name, "" if value is None else str(value).strip())
        row.effective_on = row.effective_on or row.published_on
        for label, attr in (
            (_("缺少标题"), "title"),
            (_("缺少文号"), "doc_number"),
            (_("缺少制定机关"), "issuer"),
            (_("缺少公布日期"), "published_on"),
        ):
            if not getattr(row, attr):
                row.errors.append(label)
        result.append(row)
    return result


def _cell_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if m := _DATE.search(text):
            return _date(m)
        try:
            return dt.date.fromisoformat(text.replace("/", "-").replace(".", "-"))
        except ValueError:
            return None
    return None


def rows_from_files(
    files: list[tuple[str, bytes]],
) -> tuple[list[RegistryRow], list[tuple[str, str]]]:
    """Registry rows from uploaded or folder files; unreadable files become (name, reason)."""
    rows: list[RegistryRow] = []
    failed: list[tuple[str, str]] = []
    for name, data in files:
        try:
            uploads.check(ContentFile(data, name=name), kinds=KINDS)
            if name.lower().endswith(".xlsx"):
                rows.extend(_excel(name, data))
            else:
                row = parse_document(name, read_text(name, data))
                row.original = data
                rows.append(row)
        except NotADocument as exc:
            failed.append((name, str(exc)))
        except uploads.UploadRejected as exc:
            failed.append((name, exc.reason))
    return rows, failed


def _excel(name: str, data: bytes) -> list[RegistryRow]:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise NotADocument(_("不是有效的Excel(.xlsx)文件"))
    from openpyxl import load_workbook

    with uploads.parsing(name, "xlsx"):
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        cells = list(workbook.active.iter_rows(values_only=True))
    rows = parse_excel_rows(cells)
    for row in rows:
        row.source = f"{name} {row.source}"
        row.file = name
    return rows
