"""Time phrases in a task: dates ("2024年6月底前") and recurrences ("每年4月底前", "按年度").

Readings of the ambiguous phrases (see docs/plan-draft-schema.md):
- "YYYY年前" is read literally, before the year starts: (YYYY-1)-12-31. "YYYY年底前",
  "到YYYY年" and a bare clause-initial "YYYY年" mean by the end of that year.
- "YYYY年M月前" is before that month starts: the last day of month M-1.
- "YYYY年初" is the end of the first quarter (YYYY-03-31); "上半年"/"年中" 06-30.
  "2023年初步形成" is not 年初: it is "in 2023, preliminarily form" → 2023-12-31.
- A phrase without a year ("4月1日前", "上半年", "第一季度", "年底前") is in the year of the
  reference date (the plan's date of issue, else January 1 of the year its title names), or the
  next year when the plan was issued after it; "3个月内", "半年内" count from the reference.
  Without a reference date they are not read.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import cn2an

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


def _add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _count(token: str) -> int:
    return int(token) if token.isdigit() else int(cn2an.cn2an(token, "smart"))


def _in_plan_year(reference: date, month: int, day: int) -> date:
    """The day in the reference year, or in the next year when the reference is past it."""
    last = calendar.monthrange(reference.year, month)[1]
    when = date(reference.year, month, min(day, last))
    if when < reference:
        last = calendar.monthrange(reference.year + 1, month)[1]
        when = date(reference.year + 1, month, min(day, last))
    return when


def _no_year_month(m: re.Match, reference: date) -> date:
    month, part = int(m["month"]), m["part"]
    if not 1 <= month <= 12:
        raise ValueError(month)
    if m["day"]:
        day = int(m["day"])
        if not 1 <= day <= calendar.monthrange(2000, month)[1]:
            raise ValueError(day)
    elif part in ("上旬", "中旬"):
        day = 10 if part == "上旬" else 20
    elif m["before"] and not part:  # "6月前": before June starts
        return (
            _in_plan_year(reference, month - 1, 31)
            if month > 1
            else _in_plan_year(reference, 12, 31)
        )
    else:
        day = 31
    return _in_plan_year(reference, month, day)


_QUARTER_ENDS = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}


def _quarter(m: re.Match, reference: date) -> date:
    month = _QUARTER_ENDS[m["q"]]
    if m["year"]:
        return _month_end(int(m["year"]), month)
    return _in_plan_year(reference, month, 31)


def _no_year_part(m: re.Match, reference: date) -> date:
    return (
        _in_plan_year(reference, 6, 30)
        if m["part"] == "上半年"
        else _in_plan_year(reference, 12, 31)
    )


def _within(m: re.Match, reference: date) -> date:
    if m["half"]:
        return _add_months(reference, 6)
    return _add_months(reference, _count(m["n"]) * (12 if m["unit"] == "年" else 1))


_NOT_AFTER_YEAR = r"(?<![\d年月每])"
_RELATIVE: list[tuple[re.Pattern, Callable[[re.Match, date], date]]] = [
    (
        re.compile(
            rf"(?:(?P<year>(?:19|20)\d{{2}})年)?(?:第)?(?P<q>[一二三四1-4])季度(?:末|底)?{_BEFORE}?"
        ),
        _quarter,
    ),
    (
        re.compile(
            rf"{_NOT_AFTER_YEAR}(?P<month>\d{{1,2}})月(?:(?P<day>\d{{1,2}})[日号]|(?P<part>底|末|上旬|中旬|下旬))?(?P<before>{_BEFORE})?(?(day)|(?(part)|(?(before)|(?!))))"
        ),
        _no_year_month,
    ),
    (re.compile(rf"(?<![\d年每])(?P<part>上半年|下半年|年底|年末|年内){_BEFORE}?"), _no_year_part),
    (
        re.compile(
            r"(?:(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,2})个?(?P<unit>月|年)|(?P<half>半年))(?:内|之内|以内)"
        ),
        _within,
    ),
]


def find(text: str, reference: date | None = None) -> list[Found]:
    """Every time phrase in `text`, left to right, overlaps resolved to the longest (the
    earliest, when two start together). `reference` dates the phrases without a year."""
    candidates: list[Found] = []
    for pattern, read in _RULES:
        for m in pattern.finditer(text):
            try:
                when, recurrence = read(m)
            except ValueError:
                continue  # "2023年13月": not a date
            candidates.append(Found(m.start(), m.end(), when, recurrence))
    for pattern, relative in _RELATIVE if reference else ():
        for m in pattern.finditer(text):
            try:
                candidates.append(Found(m.start(), m.end(), relative(m, reference), None))
            except (ValueError, TypeError):
                continue
    candidates.sort(key=lambda f: (f.start, -(f.end - f.start)))
    found: list[Found] = []
    for c in candidates:
        if found and c.start < found[-1].end:
            continue
        found.append(c)
    return found
