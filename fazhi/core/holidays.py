"""The holiday table: seeded from chinese-calendar, editable by administrators, cached."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.cache import cache
from django.db import transaction

from .calendar import Deadline, HolidayTable, statutory_deadline
from .models import CalendarDay, CalendarYear

# The shared cache holds only the table's version; each process keeps the table itself, with its
# precomputed working days (a table read back from the cache would rebuild them on every call).
_VERSION_KEY = "fazhi:holiday-table:version"
_built: tuple[str, HolidayTable] | None = None


def holiday_table() -> HolidayTable:
    global _built
    version = cache.get(_VERSION_KEY)
    if _built is not None and version == _built[0]:
        return _built[1]
    if version is None:
        cache.add(_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(_VERSION_KEY)
    table = HolidayTable(
        exceptions=dict(CalendarDay.objects.values_list("date", "is_working_day")),
        known_years=frozenset(CalendarYear.objects.values_list("year", flat=True)),
    )
    _built = (version, table)
    return table


def invalidate_holiday_table() -> None:
    global _built
    _built = None
    cache.delete(_VERSION_KEY)


def deadline(start: dt.date, days: int, *, working: bool) -> Deadline:
    """Every statutory period in Fazhi is computed here."""
    return statutory_deadline(start, days, holiday_table(), working=working)


def package_exceptions(year: int) -> dict[dt.date, tuple[bool, str]]:
    """What chinese-calendar says about `year`, as departures from the weekday rule."""
    import chinese_calendar

    result: dict[dt.date, tuple[bool, str]] = {}
    day = dt.date(year, 1, 1)
    while day.year == year:
        on_duty = chinese_calendar.is_workday(day)
        if on_duty != (day.weekday() < 5):
            _, name = chinese_calendar.get_holiday_detail(day)
            label = chinese_calendar.Holiday(name).chinese if name else ""
            if on_duty:
                label = f"{label}调休上班" if label else "调休上班"
            result[day] = (on_duty, label)
        day += dt.timedelta(days=1)
    return result


def package_years() -> range:
    import chinese_calendar

    years = sorted({d.year for d in chinese_calendar.holidays})
    return range(years[0], years[-1] + 1)


@transaction.atomic
def seed_holidays_from_package() -> int:
    """Load every year chinese-calendar knows; years entered by hand are left alone."""
    manual = set(
        CalendarYear.objects.exclude(source="chinese-calendar").values_list("year", flat=True)
    )
    rows: list[CalendarDay] = []
    years = [y for y in package_years() if y not in manual]
    for year in years:
        rows.extend(
            CalendarDay(date=day, is_working_day=on_duty, note=note)
            for day, (on_duty, note) in package_exceptions(year).items()
        )
    CalendarDay.objects.filter(date__year__in=years).delete()
    CalendarDay.objects.bulk_create(rows, batch_size=500)
    CalendarYear.objects.bulk_create(
        [CalendarYear(year=y, source="chinese-calendar") for y in years],
        update_conflicts=True,
        unique_fields=["year"],
        update_fields=["source"],
    )
    invalidate_holiday_table()
    return len(rows)
