"""The document's header: 文号, title, issuers and date of issue."""

from __future__ import annotations

import re
from datetime import date

import cn2an

from .lines import Line
from .model import Document
from .normalize import FOLD, Normalized

_NUMBER_BODY = (
    r"(?P<prefix>[\u4e00-\u9fff]{1,8}?)\s*[〔\[(【﹝〖]\s*(?P<year>(?:19|20)\d{2})\s*[〕\])】﹞〗]"
    r"\s*第?\s*(?P<serial>\d{1,5})\s*[号號]"
)
# The plan's own 文号 stands on a line of its own (maybe in brackets, labelled 文号:, or
# followed by 签发人:…); a number cited inside a sentence of the preamble never does.
_NUMBER_LINE = re.compile(rf"^(?:文号:)?[(\[]?{_NUMBER_BODY}[)\]]?(?:\s*(?:签发人|签发)[:\s].*)?$")
_NUMBER_ANYWHERE = re.compile(rf"(?:^|(?<=[^\u4e00-\u9fff])){_NUMBER_BODY}")
_DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CN_DATE_LINE = re.compile(
    r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)
_PRINTED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日印发$")
_ORG_LINE = re.compile(r"^[\u4e00-\u9fff()]{2,30}[委府室局院会部厅办心组]$")
_NOTICE_TITLE = re.compile(r"^关于印发《(.+)》的通知$")
_TITLE_WORDS = re.compile(
    r"(?:方案|要点|意见|计划|清单|通知|规划|办法|规定|纲要|分工|安排|细则|措施|决定|任务表|分工表)$"
)
_ADDRESSEES = re.compile(r"^[^。]{2,120}:$")
_MAX_TITLE = 80
_TERMINAL = tuple("。;:!?,")


def read(norm: Normalized, lines: list[Line], body_start: int) -> Document:
    header = lines[:body_start]
    document = Document(number=_number(_before_preamble(header)))
    signature = _signature(lines)
    if signature is not None:
        index, issued_on = signature
        document.issued_on = issued_on
        document.issuers = _issuers(norm, lines, index)
    else:
        document.issued_on = _printed_date(lines)
    document.title, title_index = _title(norm, header, set(document.issuers))
    if not document.issuers and title_index is not None:
        document.issuers = _issuers(norm, header, title_index)
    return document


def document_number(text: str) -> str | None:
    """A typed 文号 in the canonical form ("天发[2022]42号" → "天发〔2022〕42号"), or None."""
    m = re.fullmatch(_NUMBER_BODY, re.sub(r"\s+", "", (text or "").translate(FOLD)))
    return f"{m['prefix']}〔{m['year']}〕{int(m['serial'])}号" if m else None


def _before_preamble(header: list[Line]) -> list[Line]:
    """The header up to the addressees ("各乡(镇)人民政府…:") or the first sentence."""
    for index, line in enumerate(header):
        if _ADDRESSEES.match(line.text) or "。" in line.text or len(line.text) > 100:
            return header[:index]
    return header


def _number(lines: list[Line]) -> str | None:
    for line in lines:
        m = _NUMBER_LINE.match(line.text)
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


def _issuers(norm: Normalized, lines: list[Line], below: int) -> list[str]:
    """The organisation lines right above line `below` (the date of signature, or the title)."""
    issuers: list[str] = []
    index = below - 1
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


def _heading_like(norm: Normalized, line: Line, issuers: set[str]) -> bool:
    text = line.text
    display = norm.display[line.start : line.end].strip()
    return not (
        text.endswith(_TERMINAL)
        or ":" in text
        or len(text) > 100
        or display in issuers
        or _ORG_LINE.match(text)
        or _line_date(text)
        or _NUMBER_ANYWHERE.search(text)
        or not re.search(r"[\u4e00-\u9fff]", text)
    )


def _title(
    norm: Normalized, header: list[Line], issuers: set[str]
) -> tuple[str | None, int | None]:
    """The last heading-like line before the body (the plan's own title, not the cover
    notice's), with the line above when the title was broken over two; and where it starts."""
    for index in range(len(header) - 1, -1, -1):
        line = header[index]
        if not _heading_like(norm, line, issuers):
            continue
        display = norm.display[line.start : line.end].strip()
        m = _NOTICE_TITLE.match(line.text)
        if m:
            inner = display[display.index("《") + 1 : display.rindex("》")]
            return inner.replace("〈", "《").replace("〉", "》"), index
        if index and _continues_title(norm, header[index - 1], line, issuers):
            above = norm.display[header[index - 1].start : header[index - 1].end].strip()
            return above + display, index - 1
        return display, index
    return None, None


def _continues_title(norm: Normalized, above: Line, line: Line, issuers: set[str]) -> bool:
    """ "天镇县2023年法治政府建设" over "工作要点": one title in two lines."""
    return (
        _heading_like(norm, above, issuers)
        and not _TITLE_WORDS.search(above.text)
        and not _NOTICE_TITLE.match(above.text)
        and bool(_TITLE_WORDS.search(line.text))
        and len(above.text) + len(line.text) <= _MAX_TITLE
    )
