"""文号 (document numbers): parse, normalise to 〔〕, find in text. Pure: no Django import."""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = re.escape("〔[［(（【")
_CLOSE = re.escape("〕]］)）】")
_PATTERN = (
    r"(?P<issuer>[\u4e00-\u9fffA-Za-z]{1,20}?)\s*["
    + _OPEN
    + r"]\s*(?P<year>(?:19|20)\d{2})\s*["
    + _CLOSE
    + r"]\s*第?\s*(?P<serial>\d{1,5})\s*号"
)
_FULL = re.compile(r"^\s*" + _PATTERN + r"\s*$")
_ANYWHERE = re.compile(_PATTERN)


@dataclass(frozen=True)
class DocNumber:
    issuer_code: str
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.issuer_code}〔{self.year}〕{self.serial}号"


def parse_doc_number(raw: str) -> DocNumber | None:
    """天政办发[2023]012号 → DocNumber('天政办发', 2023, 12); None when it is not a 文号."""
    match = _FULL.match(raw or "")
    if not match:
        return None
    return DocNumber(match["issuer"], int(match["year"]), int(match["serial"]))


def normalize_doc_number(raw: str) -> str | None:
    parsed = parse_doc_number(raw)
    return str(parsed) if parsed else None


def find_doc_number(text: str) -> DocNumber | None:
    """The first 文号 written anywhere in `text` (a file's heading)."""
    match = _ANYWHERE.search(text or "")
    if not match:
        return None
    return DocNumber(match["issuer"], int(match["year"]), int(match["serial"]))
