"""The diff: compared in the database, the same result as the row-by-row comparison it replaced."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.catalogs import selectors
from fazhi.catalogs.diff import Change, Diff
from fazhi.catalogs.kinds import KINDS
from fazhi.catalogs.models import CatalogItem, CatalogVersion
from tests.catalogs.conftest import item

pytestmark = pytest.mark.django_db


def reference_diff(
    old: Iterable[Mapping[str, Any]],
    new: Iterable[Mapping[str, Any]],
    *,
    fields: Sequence[str],
    removal_reasons: Mapping[str, str] | None = None,
) -> Diff:
    """The comparison of full rows in Python that `selectors.compare` used before (the oracle)."""
    before = {row["code"]: row for row in old}
    after = {row["code"]: row for row in new}
    reasons = removal_reasons or {}
    added, changed = [], []
    unchanged = 0
    for code, row in after.items():
        earlier = before.get(code)
        if earlier is None:
            added.append(Change(code, row["name"], row.get("change_reason") or ""))
            continue
        delta = {f: (earlier.get(f), row.get(f)) for f in fields if earlier.get(f) != row.get(f)}
        if delta:
            changed.append(Change(code, row["name"], row.get("change_reason") or "", delta))
        else:
            unchanged += 1
    removed = [
        Change(code, row["name"], reasons.get(code, ""))
        for code, row in before.items()
        if code not in after
    ]
    return Diff(added, removed, changed, unchanged, len(before), len(after))


def _versions(body, old, new, reasons=None):
    a = CatalogVersion.objects.create(body=body, kind="approval", year=2022)
    b = CatalogVersion.objects.create(
        body=body, kind="approval", year=2023, removal_reasons=reasons or {}
    )
    for version, rows in ((a, old), (b, new)):
        CatalogItem.objects.bulk_create(
            CatalogItem(catalog=version, position=n, **row) for n, row in enumerate(rows)
        )
    return a, b


def test_diff_names_added_removed_and_changed_fields_with_reasons(body):
    old = [item("A1", "甲", promised_days=20), item("A2", "乙"), item("A3", "丙")]
    new = [
        item("A1", "甲", promised_days=5, change_reason="压缩时限"),
        item("A3", "丙"),
        item("A4", "丁", change_reason="承接下放"),
    ]
    result = selectors.compare(*_versions(body, old, new, {"A2": "取消"}))
    assert [(c.code, c.reason) for c in result.added] == [("A4", "承接下放")]
    assert [(c.code, c.reason) for c in result.removed] == [("A2", "取消")]
    assert [(c.code, c.fields, c.reason) for c in result.changed] == [
        ("A1", {"promised_days": (20, 5)}, "压缩时限")
    ]
    assert result.unchanged == 1
    assert (result.before, result.after, result.reduction) == (3, 3, 0.0)


def test_a_reason_alone_is_no_change_and_a_blank_becomes_none_is(body):
    old = [item("A1", "甲"), item("A2", "乙", promised_days=5)]
    new = [item("A1", "甲", change_reason="无变化"), item("A2", "乙", promised_days=None)]
    result = selectors.compare(*_versions(body, old, new))
    assert [(c.code, c.fields) for c in result.changed] == [("A2", {"promised_days": (5, None)})]
    assert result.unchanged == 1


def test_reduction_is_the_share_of_the_earlier_items_gone(body):
    old = [item(str(i), "x") for i in range(10)]
    assert selectors.compare(*_versions(body, old, old[:7])).reduction == 30.0


def test_reduction_of_an_empty_earlier_list_is_none(body):
    assert selectors.compare(*_versions(body, [], [item("A1", "甲")])).reduction is None


def test_diff_as_dict_is_json_ready(body):
    result = selectors.compare(*_versions(body, [item("A1", "甲")], [item("A1", "乙")]))
    out = result.as_dict()
    assert out["changed"] == [
        {"code": "A1", "name": "乙", "reason": "", "fields": {"name": {"from": "甲", "to": "乙"}}}
    ]
    assert out["reduction"] == 0.0


# Values that look alike but are not equal (case, spaces, composed/decomposed é, blank/None).
TEXT = st.sampled_from(["", "法", "法 ", "Law", "law", "é", "e\u0301", "《法》第一条"])
DAYS = st.one_of(st.none(), st.integers(0, 3))
ROW = st.fixed_dictionaries(
    {
        "name": TEXT,
        "basis": TEXT,
        "implementing_body": TEXT,
        "statutory_days": DAYS,
        "promised_days": DAYS,
        "fee": TEXT,
        "promise": st.one_of(st.none(), st.booleans()),
        "change_reason": TEXT,
    }
)
LIST = st.dictionaries(st.sampled_from([f"C{i}" for i in range(12)]), ROW, max_size=12).map(
    lambda rows: [{"code": code, **row} for code, row in rows.items()]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_the_database_diff_equals_the_row_by_row_one(body, data):
    """A later list made from the earlier one: items kept, dropped or changed, new ones, shuffled."""
    old = data.draw(LIST)
    later = []
    for row in old:
        fate = data.draw(st.sampled_from(["keep", "drop", "change"]))
        if fate == "change":
            later.append({**row, **data.draw(ROW), "code": row["code"]})
        elif fate == "keep":
            later.append(row)
    later += [{**r, "code": f"N{n}"} for n, r in enumerate(data.draw(st.lists(ROW, max_size=3)))]
    later = data.draw(st.permutations(later))
    reasons = {r["code"]: "取消" for r in old[::2]}
    with transaction.atomic():
        a, b = _versions(body, old, later, reasons)
        fields = KINDS["approval"].fields
        expected = reference_diff(
            selectors.item_rows(a, fields),
            selectors.item_rows(b, fields),
            fields=KINDS["approval"].compared,
            removal_reasons=reasons,
        )
        assert selectors.compare(a, b) == expected
        transaction.set_rollback(True)
