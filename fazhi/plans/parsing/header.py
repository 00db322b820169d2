"""The document's header: 文号, title, issuers and date of issue."""

from __future__ import annotations

import re
from datetime import date

import cn2an

from .lines import Line
from .model import Document
from .normalize import Normalized

_NUMBER_BODY = (
    r"(?P<prefix>[\u4e00-\u9fff]{1,8}?)\s*[〔\[(【﹝〖]\s*(?P<year>(?:19|20)\d{2})\s*[〕\])】﹞〗]"
    r"\s*第?\s*(?P<serial>\d{1,5})\s*号"
)
_NUMBER_LINE = re.compile(rf"^{_NUMBER_BODY}$")
_NUMBER_ANYWHERE = re.compile(rf"(?:^|(?<=[^\u4e00-\u9fff])){_NUMBER_BODY}")
_DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CN_DATE_LINE = re.compile(
    r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)
_PRINTED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日印发$")
_ORG_LINE = re.compile(r"^[\u4e00-\u9fff()]{2,30}[委府室局院会部厅办心组]$")
_NOTICE_TITLE = re.compile(r"^关于印发《(.+)》的通知$")
_TERMINAL = tuple("。;:!?,")


def read(norm: Normalized, lines: list[Line], body_start: int) -> Document:
    header = lines[:body_start]
    document = Document(number=_number(header) or _number(lines[:200]))
    signature = _signature(lines)
    if signature is not None:
        index, issued_on = signature
        document.issued_on = issued_on
        document.issuers = _issuers(norm, lines, index)
    else:
        document.issued_on = _printed_date(lines)
    document.title = _title(norm, header, set(document.issuers))
    return document


def _number(lines: list[Line]) -> str | None:
    for pattern in (_NUMBER_LINE, _NUMBER_ANYWHERE):
        for line in lines:
            m = pattern.search(line.text)
            if m:
                return f"{m['prefix']}〔{m['year']}〕{int(m['serial'])}号"
    return None


def _line_date(text: str) -> date | None:
    try:
        m = _DATE_LINE.match(text)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = _CN_DATE_LINE.match(text)
        if m:
            year = int(
                "".join(str("〇一二三四五六七八九".index(c.replace("零", "〇"))) for c in m[1])
            )
            return date(year, int(cn2an.cn2an(m[2], "smart")), int(cn2an.cn2an(m[3], "smart")))
    except ValueError:
        return None
    return None


def _signature(lines: list[Line]) -> tuple[int, date] | None:
    """The first stand-alone date with an organisation's name right above it."""
    for index, line in enumerate(lines):
        when = _line_date(line.text)
        if when and index and _ORG_LINE.match(lines[index - 1].text):
            return index, when
    return None


def _issuers(norm: Normalized, lines: list[Line], date_index: int) -> list[str]:
    issuers: list[str] = []
    index = date_index - 1
    while index >= 0 and _ORG_LINE.match(lines[index].text) and len(issuers) < 6:
        issuers.insert(0, norm.display[lines[index].start : lines[index].end].strip())
        index -= 1
    return issuers


def _printed_date(lines: list[Line]) -> date | None:
    for line in reversed(lines):
        m = _PRINTED.search(line.text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _title(norm: Normalized, header: list[Line], issuers: set[str]) -> str | None:
    """The last heading-like line before the body: the plan's own title, not the cover notice's."""
    for line in reversed(header):
        text = line.text
        display = norm.display[line.start : line.end].strip()
        if (
            text.endswith(_TERMINAL)
            or ":" in text
            or len(text) > 100
            or display in issuers
            or _ORG_LINE.match(text)
            or _line_date(text)
            or _NUMBER_ANYWHERE.search(text)
            or not re.search(r"[\u4e00-\u9fff]", text)
        ):
            continue
        m = _NOTICE_TITLE.match(text)
        if m:
            inner = display[display.index("《") + 1 : display.rindex("》")]
            return inner.replace("〈", "《").replace("〉", "》")
        return display
    return None
