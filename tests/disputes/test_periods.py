"""Every statutory period of the disputes app across the 2026 holidays and adjusted weekends.

2026: Spring Festival 15–23 Feb off, Sat 14 Feb and Sat 28 Feb working;
National Day 1–7 Oct off, Sat 10 Oct working.
"""

import datetime as dt
import importlib

import pytest
from django.apps import apps as global_apps
from django.urls import reverse

from fazhi.core import periods
from fazhi.core.models import StatutoryPeriod
from fazhi.core.periods import PeriodUnit
from fazhi.disputes.periods import PERIODS
from fazhi.disputes.retention import PERIODS as RETENTION

D = dt.date


@pytest.mark.parametrize(
    ("key", "start", "expected"),
    [
        # 5 WD from Fri 13 Feb: Sat 14 counts (adjusted), 15–23 off, then 24, 25, 26, 27.
        ("recon_acceptance", D(2026, 2, 13), D(2026, 2, 27)),
        ("recon_supplement_notice", D(2026, 2, 13), D(2026, 2, 27)),
        # 10 WD: 14, 24, 25, 26, 27, Sat 28 (adjusted), 2, 3, 4, 5 March.
        ("recon_supplement_reply", D(2026, 2, 13), D(2026, 3, 5)),
        # 7 WD from Thu 12 Feb: 13, Sat 14, 24, 25, 26, 27, Sat 28.
        ("recon_copy_ordinary", D(2026, 2, 12), D(2026, 2, 28)),
        # 10 WD from Wed 30 Sep: 8, 9, Sat 10, 12, 13, 14, 15, 16, 19, 20 Oct.
        ("recon_reply_ordinary", D(2026, 9, 30), D(2026, 10, 20)),
        # 3 WD from Fri 9 Oct: Sat 10 (adjusted), 12, 13.
        ("recon_copy_simplified", D(2026, 10, 9), D(2026, 10, 13)),
        # 5 WD from Wed 30 Sep: 8, 9, Sat 10, 12, 13.
        ("recon_reply_simplified", D(2026, 9, 30), D(2026, 10, 13)),
        ("recon_hearing_notice", D(2026, 9, 30), D(2026, 10, 13)),
        # 30 days from 16 Jan ends Sun 15 Feb, inside the break: next working day is 24 Feb.
        ("recon_decision_simplified", D(2026, 1, 16), D(2026, 2, 24)),
        # 60 days from 2 Aug ends 1 Oct (National Day): next working day is Thu 8 Oct.
        ("recon_decision_ordinary", D(2026, 8, 2), D(2026, 10, 8)),
        ("recon_opinion_reply", D(2026, 8, 2), D(2026, 10, 8)),
        ("recon_recommendation_reply", D(2026, 8, 2), D(2026, 10, 8)),
        # 15 days from 16 Sep ends 1 Oct: 8 Oct.
        ("lit_defence", D(2026, 9, 16), D(2026, 10, 8)),
        ("lit_judicial_reply", D(2026, 8, 2), D(2026, 10, 8)),
        ("lit_procuratorial_reply", D(2026, 8, 2), D(2026, 10, 8)),
        # 15 days from 1 Feb ends Mon 16 Feb (Spring Festival): 24 Feb.
        ("petition_acceptance", D(2026, 2, 1), D(2026, 2, 24)),
        # 60 days from 22 Dec 2025 ends Fri 20 Feb (Spring Festival): 24 Feb.
        ("petition_handling", D(2025, 12, 22), D(2026, 2, 24)),
    ],
)
def test_period_across_2026_holidays(holidays, key, start, expected):
    result = periods.due(f"disputes.{key}", start)
    assert result.date == expected
    assert result.provisional is False


def test_extension_of_ordinary_decision_period_rolls_over_weekend(holidays):
    # 60 + 30 days from 2 Aug = Sat 31 Oct, not an adjusted working day: Mon 2 Nov.
    assert periods.due("disputes.recon_decision_ordinary", D(2026, 8, 2), extra_days=30).date == D(
        2026, 11, 2
    )


def test_periods_are_rows_of_the_kernel_registry_with_their_article(holidays):
    row = StatutoryPeriod.objects.get(key="disputes.recon_acceptance", region__isnull=True)
    assert (row.value, row.unit, row.article) == (5, PeriodUnit.WORKING_DAY, "第30条")
    keys = set(
        StatutoryPeriod.objects.filter(key__startswith="disputes.").values_list("key", flat=True)
    )
    assert keys == {p.key for p in PERIODS + RETENTION}


def test_edited_row_changes_the_period(holidays):
    StatutoryPeriod.objects.filter(key="disputes.lit_defence").update(value=10)
    periods.invalidate()
    assert periods.due("disputes.lit_defence", D(2026, 9, 16)).date == D(2026, 9, 28)


def test_period_in_year_without_holiday_data_is_provisional(holidays):
    assert periods.due("disputes.recon_acceptance", D(2031, 3, 3)).provisional is True


def test_old_periods_page_redirects_to_the_kernel_page(client, clerk):
    client.force_login(clerk)
    response = client.get("/disputes/periods/")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:period_list") + "?app=disputes"


class _OldRow:
    def __init__(self, key, days, working, note=""):
        self.key, self.days, self.working, self.note = key, days, working, note
        self.label, self.law, self.article = "标签", "行政诉讼法", "第67条"


class _OldTable:
    def __init__(self, rows):
        self.rows = rows

    @property
    def objects(self):
        return self

    def all(self):
        return self.rows


class _Apps:
    """The historical app registry of the migration: the old disputes table, today's others."""

    def __init__(self, rows):
        self.old = _OldTable(rows)

    def get_model(self, app, name):
        if (app, name) == ("disputes", "StatutoryPeriod"):
            return self.old
        return global_apps.get_model(app, name)


def test_migration_copies_edited_values_into_the_kernel_table(holidays, clerk, accepted_case):
    migration = importlib.import_module("fazhi.disputes.migrations.0004_kernel_periods_copy_due")
    type(accepted_case).objects.filter(pk=accepted_case.pk).update(copy_due=None)
    rows = [_OldRow("lit_defence", 20, False, "省规定"), _OldRow("recon_copy_ordinary", 7, True)]
    migration.forwards(_Apps(rows), None)
    edited = StatutoryPeriod.objects.get(key="disputes.lit_defence", region__isnull=True)
    assert (edited.value, edited.unit, edited.note, edited.version) == (
        20,
        PeriodUnit.CALENDAR_DAY,
        "省规定",
        2,
    )
    periods.invalidate()
    assert periods.value("disputes.lit_defence") == 20
    accepted_case.refresh_from_db()
    # Accepted Tue 24 Feb 2026 + 7 working days (Sat 28 Feb is a working day): 4 March.
    assert accepted_case.copy_due == D(2026, 3, 4)
