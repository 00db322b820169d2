"""A year's versions of one list are numbered 1, 2, … (`CatalogVersion.sequence`): two imports at
once wait for each other on that number space, so neither fails on the unique sequence."""

import pytest
from django.db import connection

from fazhi.catalogs import services
from fazhi.catalogs.models import CatalogVersion
from fazhi.core import numbering
from fazhi.core.actors import SYSTEM
from tests.catalogs.conftest import item
from tests.concurrency import race
from tests.factories import UnitFactory


def _import(body, items):
    return services.version_import(actor=SYSTEM, body=body, kind="approval", year=2023, items=items)


def test_the_list_and_year_are_locked_before_the_next_version_is_chosen(body, monkeypatch):
    taken = []
    real = numbering.lock_number_space

    def spy(prefix, year):
        taken.append((prefix, year, CatalogVersion.objects.count()))
        real(prefix, year)

    monkeypatch.setattr(numbering, "lock_number_space", spy)
    _import(body, [item("A1", "甲许可")])
    assert taken == [(f"catalogs.approval.{body.pk}", 2023, 0)]


@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_make_one_draft():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's advisory lock; SQLite runs write transactions one at a time")
    body = UnitFactory(name="天镇县行政审批服务管理局")
    results = race(
        lambda: _import(body, [item("A1", "甲许可")]).pk,
        lambda: _import(body, [item("A1", "甲许可"), item("A2", "乙许可")]).pk,
    )
    # The second replaced the first's draft instead of failing on sequence 1.
    assert results["first"] == results["second"]
    assert results["second_done_early"] is False
    only = CatalogVersion.objects.get()
    assert (only.sequence, only.item_count, only.items.count()) == (1, 2, 2)
