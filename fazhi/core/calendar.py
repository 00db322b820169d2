"""Statutory periods over a Chinese holiday table. Pure: no Django import.

Rules (民事诉讼法 Art. 85 and the procedural laws that borrow it): the day of the event is
not counted; a working-day period counts only working days; a calendar-day period whose last
day is a rest day ends on the next working day. A period that reaches a year the table does
not know is marked provisional: weekends are assumed to be the only rest days there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

# Working days are precomputed over this span (ordinals); periods outside it are stepped day by day.
SPAN = (dt.date(1990, 1, 1).toordinal(), dt.date(2100, 12, 31).toordinal())
_fromordinal = dt.date.fromordinal


@dataclass(frozen=True)
class HolidayTable:
    """Days that depart from the Monday–Friday rule, and the years whose data is complete."""

    exceptions: Mapping[dt.date, bool] = field(default_factory=dict)  # date -> is working day
    known_years: frozenset[int] = frozenset()

    def is_working_day(self, day: dt.date) -> bool:
        override = self.exceptions.get(day)
        if override is not None:
            return override
        return day.weekday() < 5

    def knows(self, day: dt.date) -> bool:
        return day.year in self.known_years

    @cached_property
    def working_ordinals(self) -> list[int]:
        """Every working day of SPAN as an ordinal, ascending (built once per table)."""
        exceptions = {d.toordinal(): w for d, w in self.exceptions.items()}
        # date.fromordinal(n).weekday() == (n - 1) % 7: ordinal 1 (0001-01-01) was a Monday.
        return [n for n in range(SPAN[0], SPAN[1] + 1) if exceptions.get(n, (n - 1) % 7 < 5)]

    @cached_property
    def rank(self) -> list[int]:
        """For each day of SPAN (by `ordinal - SPAN[0]`), how many working days of SPAN fall on
        or before it: the index in `working_ordinals` of the first working day after it."""
        result, count, working = [], 0, iter(self.working_ordinals)
        upcoming = next(working, None)
        for n in range(SPAN[0], SPAN[1] + 1):
            if n == upcoming:
                count += 1
                upcoming = next(working, None)
            result.append(count)
        return result

    @cached_property
    def deadlines(self) -> list[Deadline]:
        """Each of `working_ordinals` as a firm Deadline."""
        return [Deadline(d, False) for d in map(_fromordinal, self.working_ordinals)]

    @cached_property
    def firm_from(self) -> list[int]:
        """For each of `working_ordinals`, the first start (as `ordinal - SPAN[0]`) from which a
        period ending on it lies wholly in known years; past SPAN where its own year is unknown."""
        never = SPAN[1] - SPAN[0] + 1
        run_start: dict[int, int] = {}  # year -> first day after which years are known up to it
        for year in range(_fromordinal(SPAN[0]).year, _fromordinal(SPAN[1]).year + 1):
            if year not in self.known_years:
                run_start[year] = never
            elif run_start.get(year - 1, never) == never:
                run_start[year] = dt.date(year, 1, 1).toordinal() - 1 - SPAN[0]
            else:
                run_start[year] = run_start[year - 1]
        return [run_start[d.date.year] for d in self.deadlines]


class Deadline(NamedTuple):
    """A computed due date; provisional when the period crossed a year without holiday data."""

    date: dt.date
    provisional: bool = False

    def days_left(self, today: dt.date) -> int:
        return (self.date - today).days


def _steps(start: dt.date, days: int) -> Iterable[dt.date]:
    day = start
    for _ in range(days):
        day += dt.timedelta(days=1)
        yield day


def add_working_days(start: dt.date, days: int, table: HolidayTable) -> Deadline:
    """The date on which a period of `days` working days after `start` ends."""
    if days > 0:
        # Inside SPAN: two lookups give the index of the last working day of the period.
        offset = start.toordinal() - _FIRST
        if 0 <= offset < _DAYS:
            index = table.rank[offset] + days - 1
            if index < len(table.deadlines):
                if offset >= table.firm_from[index]:
                    return table.deadlines[index]
                return Deadline(table.deadlines[index].date, True)
        return _step_working_days(start, days, table)
    if days < 0:
        raise ValueError("days must be >= 0")
    return Deadline(start, not table.knows(start))


_FIRST, _DAYS = SPAN[0], SPAN[1] - SPAN[0] + 1
ONE_DAY = dt.timedelta(days=1)


def _step_working_days(start: dt.date, days: int, table: HolidayTable) -> Deadline:
    """Day by day, for periods outside SPAN."""
    provisional = False
    day = start
    counted = 0
    while counted < days:
        day += ONE_DAY
        if not table.knows(day):
            provisional = True
        if table.is_working_day(day):
            counted += 1
    return Deadline(day, provisional)


def add_calendar_days(start: dt.date, days: int, table: HolidayTable) -> Deadline:
    """Calendar-day period; when the last day is a rest day it ends on the next working day."""
    if days < 0:
        raise ValueError("days must be >= 0")
    day = start + dt.timedelta(days=days)
    provisional = not table.knows(day)
    while not table.is_working_day(day):
        day += dt.timedelta(days=1)
        if not table.knows(day):
            provisional = True
    return Deadline(day, provisional)


def add_months(start: dt.date, months: int, table: HolidayTable) -> Deadline:
    """Month period (e.g. 6 months to sue): same day-of-month, clamped, rest days rolled over."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    day = dt.date(year, month, min(start.day, last))
    return add_calendar_days(day, 0, table)


def statutory_deadline(
    start: dt.date, days: int, table: HolidayTable, *, working: bool
) -> Deadline:
    return (add_working_days if working else add_calendar_days)(start, days, table)


def working_days_between(start: dt.date, end: dt.date, table: HolidayTable) -> int:
    """Working days after `start` up to and including `end` (negative if end is earlier)."""
    if end < start:
        return -working_days_between(end, start, table)
    return sum(1 for day in _steps(start, (end - start).days) if table.is_working_day(day))
