import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.calendar import (
    HolidayTable,
    add_calendar_days,
    add_working_days,
    working_days_between,
)
from fazhi.core.holidays import deadline, package_exceptions

D = dt.date


@pytest.fixture
def table(holidays):
    from fazhi.core.holidays import holiday_table

    return holiday_table()


def test_spring_festival_2026_working_days(table):
    # 2026 Spring Festival: 15–23 Feb off; Sat 14 Feb and Sat 28 Feb are working days (调休).
    assert add_working_days(D(2026, 2, 10), 5, table).date == D(2026, 2, 24)
    assert add_working_days(D(2026, 2, 13), 1, table).date == D(2026, 2, 14)
    assert add_working_days(D(2026, 2, 13), 2, table).date == D(2026, 2, 24)


def test_adjusted_saturday_counts_as_working_day(table):
    assert table.is_working_day(D(2026, 2, 28))
    assert add_working_days(D(2026, 2, 27), 1, table).date == D(2026, 2, 28)


def test_national_day_2026(table):
    # 1–7 Oct 2026 off (National Day with Mid-Autumn); Sat 10 Oct is an adjusted working day.
    assert not table.is_working_day(D(2026, 10, 5))
    assert add_working_days(D(2026, 9, 30), 1, table).date == D(2026, 10, 8)
    assert add_working_days(D(2026, 10, 9), 1, table).date == D(2026, 10, 10)


def test_calendar_period_ending_on_holiday_rolls_to_next_working_day(table):
    # 15 calendar days from 1 Feb 2026 lands on 16 Feb (Spring Festival): due 24 Feb.
    assert add_calendar_days(D(2026, 2, 1), 15, table).date == D(2026, 2, 24)
    assert add_calendar_days(D(2026, 2, 1), 10, table).date == D(2026, 2, 11)


def test_event_day_not_counted(table):
    assert add_working_days(D(2026, 3, 2), 1, table).date == D(2026, 3, 3)
    assert add_calendar_days(D(2026, 3, 2), 1, table).date == D(2026, 3, 3)


def test_year_without_data_is_provisional(table):
    due = add_working_days(D(2026, 12, 25), 10, table)
    assert due.provisional is True
    assert add_working_days(D(2026, 11, 2), 10, table).provisional is False


def test_admin_entered_year_is_no_longer_provisional(holidays, make_user):
    from fazhi.core.choices import Role
    from fazhi.core.services import calendar_day_set, calendar_year_mark_known

    admin = make_user(Role.SUPERVISOR)
    calendar_day_set(actor=admin, date=D(2027, 1, 1), is_working_day=False, note="元旦")
    calendar_year_mark_known(actor=admin, year=2027)
    due = deadline(D(2026, 12, 31), 1, working=True)
    assert due.date == D(2027, 1, 4)
    assert due.provisional is False


def test_package_exceptions_label_adjusted_days():
    days = package_exceptions(2026)
    assert days[D(2026, 2, 14)] == (True, "春节调休上班")
    assert days[D(2026, 2, 16)][0] is False


def test_cli_prints_due_date_and_provisional(holidays, capsys):
    from django.core.management import call_command

    call_command("deadline", "2026-02-10", "5", "--working")
    assert capsys.readouterr().out.splitlines() == ["2026-02-24"]
    call_command("deadline", "2026-12-25", "10", "--working")
    assert capsys.readouterr().out.splitlines() == ["2027-01-08", "provisional"]


@given(st.dates(min_value=D(2005, 1, 1), max_value=D(2030, 12, 31)), st.integers(0, 60))
def test_working_day_deadline_properties(start, days):
    table = HolidayTable(known_years=frozenset(range(2000, 2040)))
    due = add_working_days(start, days, table).date
    assert due >= start
    assert working_days_between(start, due, table) == days
    if days:
        assert table.is_working_day(due)


def _stepped(start: dt.date, days: int, table: HolidayTable) -> tuple[dt.date, bool]:
    """The rule read literally: step one day at a time, count working days."""
    day, counted, provisional = start, 0, days == 0 and not table.knows(start)
    while counted < days:
        day += dt.timedelta(days=1)
        provisional = provisional or not table.knows(day)
        counted += table.is_working_day(day)
    return day, provisional


TABLE_2026 = HolidayTable(
    exceptions={
        D(2026, 2, 14): True,
        **{D(2026, 2, d): False for d in range(16, 24)},
        D(2026, 2, 28): True,
        D(2026, 10, 1): False,
    },
    known_years=frozenset({2025, 2026}),
)


@given(
    st.dates(min_value=D(1980, 1, 1), max_value=D(2105, 12, 31)),
    st.integers(0, 400),
)
def test_precomputed_working_days_agree_with_stepping(start, days):
    # Inside and outside the precomputed span, across known and unknown years.
    assert tuple(add_working_days(start, days, TABLE_2026)) == _stepped(start, days, TABLE_2026)


def test_table_is_built_once_per_process_until_an_edit(
    holidays, make_user, django_capture_on_commit_callbacks
):
    from fazhi.core.choices import Role
    from fazhi.core.holidays import holiday_table
    from fazhi.core.services import calendar_day_set

    first = holiday_table()
    assert holiday_table() is first  # the precomputed working days are kept
    with django_capture_on_commit_callbacks(execute=True):
        calendar_day_set(
            actor=make_user(Role.SUPERVISOR), date=D(2026, 3, 2), is_working_day=False, note="测试"
        )
    again = holiday_table()
    assert again is not first
    assert not again.is_working_day(D(2026, 3, 2))


def test_an_edit_in_another_process_is_seen(holidays):
    from django.core.cache import cache

    from fazhi.core import holidays as module
    from fazhi.core.models import CalendarDay

    first = module.holiday_table()
    CalendarDay.objects.create(date=D(2026, 3, 3), is_working_day=False, note="测试")
    cache.delete(module._VERSION_KEY)  # what the other process's invalidation leaves behind
    assert not module.holiday_table().is_working_day(D(2026, 3, 3))
    assert first.is_working_day(D(2026, 3, 3))


# Known years with gaps: a period is firm only when every year after its start day up to its
# end is known (the start day itself is not counted, so a 31 December start needs only the next).
TABLE_GAPS = HolidayTable(
    exceptions=TABLE_2026.exceptions,
    known_years=frozenset({1995, 2019, 2021, 2022, 2024, 2025, 2026, 2100}),
)


@given(
    st.dates(min_value=D(1980, 1, 1), max_value=D(2105, 12, 31)),
    st.integers(0, 400),
)
def test_precomputed_deadlines_flag_every_unknown_year_on_the_way(start, days):
    assert tuple(add_working_days(start, days, TABLE_GAPS)) == _stepped(start, days, TABLE_GAPS)


@pytest.mark.parametrize(
    ("start", "days", "provisional"),
    [
        (D(2020, 12, 31), 3, False),  # the days counted are all in 2021
        (D(2020, 12, 30), 3, True),  # 31 December 2020 is counted, and 2020 is unknown
        (D(2022, 12, 20), 10, True),  # reaches 2023
        (D(2021, 3, 1), 400, False),  # ends in 2022: 2021 and 2022 are known
        (D(2021, 3, 1), 500, True),  # ends in 2023, which is not
        (D(2024, 3, 1), 400, False),  # 2024–2026 all known
        (D(2026, 12, 25), 10, True),  # reaches 2027
    ],
)
def test_provisional_when_a_counted_day_lies_in_an_unknown_year(start, days, provisional):
    assert add_working_days(start, days, TABLE_GAPS).provisional is provisional
