import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from fazhi.plans.schedule import PLAN_END_LABEL, expand_deadlines, plan_years

TODAY = dt.date(2026, 11, 30)


def test_plan_years_from_title_and_issue_date():
    title = "天镇县贯彻落实《法治政府建设实施纲要(2021—2025年)》的实施方案"
    assert plan_years(title, dt.date(2022, 9, 23), today=TODAY) == (2022, 2025)
    assert plan_years("某方案", dt.date(2024, 1, 1), today=TODAY) == (2024, 2024)
    assert plan_years("某方案", None, today=TODAY) == (2026, 2026)


def test_annual_catalog_due_30_april_of_each_year_after_issue():
    deadlines = [
        {
            "text": "每年4月底前",
            "date": None,
            "recurrence": {"every": "year", "month": 4, "day": 30},
        }
    ]
    dues = expand_deadlines(deadlines, start=dt.date(2022, 9, 23), end_year=2025)
    assert [(d.due_on, d.label) for d in dues] == [
        (dt.date(2023, 4, 30), "2023年度"),
        (dt.date(2024, 4, 30), "2024年度"),
        (dt.date(2025, 4, 30), "2025年度"),
    ]
    assert {d.source_text for d in dues} == {"每年4月底前"}


def test_dated_and_quarterly_deadlines():
    deadlines = [
        {"text": "2023年底前", "date": "2023-12-31", "recurrence": None},
        {"text": "每季度", "date": None, "recurrence": {"every": "quarter"}},
    ]
    dues = expand_deadlines(deadlines, start=dt.date(2023, 5, 1), end_year=2023)
    assert [d.due_on for d in dues] == [
        dt.date(2023, 6, 30),
        dt.date(2023, 9, 30),
        dt.date(2023, 12, 31),
        dt.date(2023, 12, 31),
    ]
    assert {d.label for d in dues if d.due_on == dt.date(2023, 12, 31)} == {
        "2023年底前",
        "2023年第4季度",
    }


def test_no_deadline_or_ongoing_is_due_at_plan_end():
    for deadlines in ([], [{"text": "长期坚持", "date": None, "recurrence": {"every": "ongoing"}}]):
        assert expand_deadlines(deadlines, start=dt.date(2022, 9, 23), end_year=2025) == [
            (dt.date(2025, 12, 31), PLAN_END_LABEL, "")
        ]


@given(
    start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)),
    span=st.integers(min_value=0, max_value=8),
    month=st.integers(min_value=1, max_value=12),
    day=st.integers(min_value=1, max_value=31),
    every=st.sampled_from(["year", "half_year", "quarter", "month"]),
)
def test_recurring_obligations_fall_inside_the_plan_and_are_sorted(start, span, month, day, every):
    end_year = start.year + span
    recurrence = (
        {"every": every, "month": month, "day": day} if every == "year" else {"every": every}
    )
    dues = expand_deadlines(
        [{"text": "每期", "date": None, "recurrence": recurrence}], start=start, end_year=end_year
    )
    assert dues == sorted(dues)
    assert all(start <= d.due_on <= dt.date(end_year, 12, 31) for d in dues) or [
        d.label for d in dues
    ] == [PLAN_END_LABEL]
    assert len({(d.due_on, d.label) for d in dues}) == len(dues)
    if every == "year":
        assert len(dues) in (span, span + 1) or [d.label for d in dues] == [PLAN_END_LABEL]
