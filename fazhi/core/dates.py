"""Today and dates as people read them: one copy for every app.

`today(as_of=None)`: the local date in Asia/Shanghai, or `as_of` when a job or a test fixes it.
`day(value)`: 2026年3月5日 on pages, in messages and official documents (no leading zeros);
2026-03-05 in English.
`requested_year(raw)`: a page's `?year=`, as asked when it is a year 2000–2100, else this year.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import get_language


def today(as_of: dt.date | None = None) -> dt.date:
    return as_of if as_of is not None else timezone.localdate()


def requested_year(raw, *, first: int = 2000, last: int = 2100) -> int:
    """A page's `?year=` when it is a year from `first` to `last`, else this year: a missing or
    wrong year shows this year's figures instead of an error."""
    try:
        year = int(str(raw).strip())
    except ValueError:
        return today().year
    return year if first <= year <= last else today().year


def day(value: dt.date | dt.datetime | None, *, chinese: bool | None = None) -> str:
    """A date as read; `chinese=True` for official documents whatever the interface language."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if chinese is None:
        chinese = not (get_language() or "zh-hans").startswith("en")
    if chinese:
        return f"{value.year}年{value.month}月{value.day}日"
    return value.isoformat()


def moment(value: dt.datetime | None) -> str:
    """A time stamp as read: 2026年3月5日 14:05."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{day(local.date())} {local:%H:%M}"
