"""From a task's deadlines to dated obligations, one per period of a recurring deadline. Pure."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from typing import NamedTuple

_SPAN = re.compile(r"(\d{4})\s*[-—–－~～至到]\s*(\d{4})\s*年")
PLAN_END_LABEL = "方案期末"


class Due(NamedTuple):
    due_on: dt.date
    label: str
    source_text: str


def plan_years(title: str, issued_on: dt.date | None, *, today: dt.date) -> tuple[int, int]:
    """The years a plan covers: from its issue year to the last year its title names.

    "实施纲要(2021—2025年)" issued in 2022 covers 2022–2025.
    """
    start = issued_on.year if issued_on else today.year
    spans = [(int(a), int(b)) for a, b in _SPAN.findall(title or "")]
    end = max((b for _a, b in spans), default=start)
    return start, max(start, end)


def _month_end(year: int, month: int, day: int | None = None) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day or last, last))


def _periods(recurrence: dict, start: dt.date, end_year: int) -> Iterable[tuple[dt.date, str]]:
    every = recurrence.get("every")
    for year in range(start.year, end_year + 1):
        if every == "year":
            yield (
                _month_end(year, recurrence.get("month") or 12, recurrence.get("day")),
                f"{year}年度",
            )
        elif every == "half_year":
            yield _month_end(year, 6), f"{year}年上半年"
            yield _month_end(year, 12), f"{year}年下半年"
        elif every == "quarter":
            for q in range(1, 5):
                yield _month_end(year, q * 3), f"{year}年第{q}季度"
        elif every == "month":
            for month in range(1, 13):
                yield _month_end(year, month), f"{year}年{month}月"


def expand_deadlines(deadlines: Iterable[dict], *, start: dt.date, end_year: int) -> list[Due]:
    """Obligations for a task. Dated deadlines are kept as they are; a recurring one yields one
    obligation per period from the plan's issue date to its last year; a task with neither
    (no deadline, or only "长期坚持") is due at the end of the plan."""
    result: dict[tuple[dt.date, str], Due] = {}
    for deadline in deadlines:
        text = deadline.get("text") or ""
        if deadline.get("date"):
            due = dt.date.fromisoformat(deadline["date"])
            result.setdefault((due, text), Due(due, text or f"{due:%Y年%m月%d日}", text))
        recurrence = deadline.get("recurrence") or {}
        for due, label in _periods(recurrence, start, end_year):
            if due >= start:
                result.setdefault((due, label), Due(due, label, text))
    if not result:
        end = dt.date(end_year, 12, 31)
        return [Due(end, PLAN_END_LABEL, "")]
    return sorted(result.values())
