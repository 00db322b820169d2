"""Time phrases in a task: dates ("2024年6月底前") and recurrences ("每年4月底前", "按年度").

Readings of the ambiguous phrases (see docs/plan-draft-schema.md):
- "YYYY年前" is read literally, before the year starts: (YYYY-1)-12-31. "YYYY年底前",
  "到YYYY年" and a bare clause-initial "YYYY年" mean by the end of that year.
- "YYYY年M月前" is before that month starts: the last day of month M-1.
- "YYYY年初" is the end of the first quarter (YYYY-03-31); "上半年"/"年中" 06-30.
  "2023年初步形成" is not 年初: it is "in 2023, preliminarily form" → 2023-12-31.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .model import Recurrence

_BEFORE = r"(?:前|之前|以前)"
_NOT_CHU = r"(?![步次级期稿始衷])"  # 初步, 初次 … are not 年初
_PREFIX = r"(?:到|至|于|在|截至|截止到?)?"


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    date: date | None
    recurrence: Recurrence | None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _yearly(m: re.Match) -> tuple[date | None, Recurrence | None]:
    month = int(m["month"])
    last = calendar.monthrange(2001, month)[1]  # raises ValueError for month 13; February has 28
    day = int(m["day"]) if m["day"] else {"上旬": 10, "中旬": 20}.get(m["part"] or "", last)
    if not 1 <= day <= last:
        raise ValueError(day)
    return None, Recurrence("year", month, day)


def _full_date(m: re.Match) -> tuple[date | None, Recurrence | None]:
    return date(int(m["year"]), int(m["month"]), int(m["day"])), None


def _year_month(m: re.Match) -> tuple[date | None, Recurrence | None]:
    year, month, part = int(m["year"]), int(m["month"]), m["part"]
    if part in ("上旬", "中旬"):
        return date(year, month, 10 if part == "上旬" else 20), None
    if m["before"] and not part:
        return _month_end(year, month - 1) if month > 1 else date(year - 1, 12, 31), None
    return _month_end(year, month), None


def _year_part(m: re.Match) -> tuple[date | None, Recurrence | None]:
    year, part = int(m["year"]), m["part"]
    if part == "初":
        return date(year, 3, 31), None
    if part in ("上半年", "中"):
        return date(year, 6, 30), None
    return date(year, 12, 31), None


def _year_before(m: re.Match) -> tuple[date | None, Recurrence | None]:
    return date(int(m["year"]) - 1, 12, 31), None


def _year_end(m: re.Match) -> tuple[date | None, Recurrence | None]:
    return date(int(m["year"]), 12, 31), None


def _every(every: str) -> Callable[[re.Match], tuple[date | None, Recurrence | None]]:
    return lambda m: (None, Recurrence(every))


_YEAR = r"(?P<year>(?:19|20)\d{2})年"
_RULES: list[tuple[re.Pattern, Callable[[re.Match], tuple[date | None, Recurrence | None]]]] = [
    (
        re.compile(
            rf"每年(?:的)?(?P<month>\d{{1,2}})月(?:(?P<day>\d{{1,2}})[日号]|(?P<part>底|末|上旬|中旬|下旬))?{_BEFORE}?"
        ),
        _yearly,
    ),
    (
        re.compile(rf"{_PREFIX}{_YEAR}(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})[日号]{_BEFORE}?"),
        _full_date,
    ),
    (
        re.compile(
            rf"{_PREFIX}{_YEAR}(?P<month>\d{{1,2}})月(?P<part>底|末|上旬|中旬|下旬)?(?P<before>{_BEFORE})?(?!\d)"
        ),
        _year_month,
    ),
    (
        re.compile(
            rf"{_PREFIX}{_YEAR}(?P<part>底|末|年底|年末|上半年|下半年|中|内|初{_NOT_CHU}){_BEFORE}?"
        ),
        _year_part,
    ),
    (re.compile(rf"{_YEAR}{_BEFORE}"), _year_before),
    (
        re.compile(
            rf"(?:到|至|于|在|截至|截止到?){_YEAR}(?![\d度底末中内前-]|上半|下半|初{_NOT_CHU})"
        ),
        _year_end,
    ),
    (
        re.compile(
            rf"(?:^|(?<=[,;:。!?\n])|(?<=力争)|(?<=争取)){_YEAR}(?![\d度底末中内前-]|上半|下半|初{_NOT_CHU})",
            re.M,
        ),
        _year_end,
    ),
    (re.compile(r"每个?季度"), _every("quarter")),
    (re.compile(r"每半年"), _every("half_year")),
    (re.compile(r"每个?月"), _every("month")),
    (re.compile(r"每周"), _every("week")),
    (re.compile(r"每一?年度?|按年度"), _every("year")),
    (re.compile(r"长期坚持|长期执行"), _every("ongoing")),
]


def find(text: str) -> list[Found]:
    """Every time phrase in `text`, left to right, overlaps resolved to the longest."""
    candidates: list[Found] = []
    for pattern, read in _RULES:
        for m in pattern.finditer(text):
            try:
                when, recurrence = read(m)
            except ValueError:
                continue  # "2023年13月": not a date
            candidates.append(Found(m.start(), m.end(), when, recurrence))
    candidates.sort(key=lambda f: (f.start, -(f.end - f.start)))
    found: list[Found] = []
    for c in candidates:
        if found and c.start < found[-1].end:
            continue
        found.append(c)
    return found
