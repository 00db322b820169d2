"""Adjustments within a year (2025, 2025-2): a new version with its reason; published ones stay."""

import datetime as dt
import json
from io import BytesIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.catalogs import selectors, services, targets
from fazhi.catalogs.choices import VersionStatus
from fazhi.catalogs.errors import CatalogsError
from fazhi.catalogs.models import CatalogItem, CatalogVersion, ImportJob
from fazhi.core.actors import SYSTEM
from fazhi.core.errors import ApplicationError
from fazhi.core.models import AuditEvent
from tests.catalogs.conftest import approval_row, item, publish, xlsx

REASON = "《中华人民共和国行政许可法》修改,调整审批事项"


def _written():
    return (CatalogVersion.objects.count(), CatalogItem.objects.count(), AuditEvent.objects.count())


def _adjust(body, items, reason=REASON, year=2025, removed=()):
    return services.version_import(
        actor=SYSTEM,
        body=body,
        kind="approval",
        year=year,
        items=[{**i, "position": n} for n, i in enumerate(items, 1)],
        adjustment_reason=reason,
        removal_reasons=dict.fromkeys(removed, "调整为市级实施"),
    )


@pytest.fixture
def adjusted(body, make_version):
    """2024 (4 items), 2025 published 1 March (3 items), 2025-2 published 1 July (2 items)."""
    make_version(2024, [item(f"A{i}", f"许可{i}") for i in range(4)])
    first = make_version(
        2025, [item(f"A{i}", f"许可{i}") for i in range(3)], reasons={"A3": "取消"}
    )
    second = _adjust(body, [item("A0", "许可0"), item("A1", "许可1")], removed=["A2"])
    second = publish(second, dt.date(2025, 7, 1))
    return first, second


def test_an_adjustment_is_the_next_version_of_the_year_and_the_published_one_stays(
    body, make_version
):
    first = make_version(2025, [item("A1", "甲许可"), item("A2", "乙许可")])
    second = _adjust(body, [item("A1", "甲许可")])
    assert (second.year, second.sequence, second.label) == (2025, 2, "2025-2")
    assert (second.status, second.adjustment_reason, second.previous) == (
        VersionStatus.DRAFT,
        REASON,
        first,
    )
    first.refresh_from_db()
    assert (first.status, first.item_count, first.items.count()) == (VersionStatus.PUBLISHED, 2, 2)
    assert str(second) == "天镇县行政审批服务管理局 行政审批事项清单(2025-2)"
    assert selectors.version_diff(second).removed[0].code == "A2"


def test_importing_into_a_published_year_without_a_reason_is_refused(body, make_version):
    make_version(2025, [item("A1", "甲许可")])
    before = _written()
    with pytest.raises(ApplicationError) as refused:
        _adjust(body, [item("A9", "新许可")], reason="  ")
    assert refused.value.code == CatalogsError.PUBLISHED and "调整理由" in refused.value.message
    assert _written() == before


def test_a_reason_for_a_year_not_yet_published_is_refused(body, make_version):
    make_version(2025, [item("A1", "甲许可")], published=False)
    before = _written()
    for year in (2025, 2026):  # a draft of the year, no version of the year
        with pytest.raises(ApplicationError) as refused:
            _adjust(body, [item("A9", "新许可")], year=year)
        assert refused.value.code == CatalogsError.NOT_ADJUSTMENT
        assert refused.value.fields == {"adjustment_reason": "不适用"}
    assert _written() == before


def test_reimporting_a_draft_adjustment_replaces_its_items(body, make_version):
    make_version(2025, [item("A1", "甲许可")])
    draft = _adjust(body, [item("A1", "甲许可")])
    again = services.version_import(
        actor=SYSTEM,
        body=body,
        kind="approval",
        year=2025,
        items=[item("A1", "甲许可"), item("A2", "乙许可")],
    )
    assert again.pk == draft.pk and again.sequence == 2 and again.items.count() == 2
    assert again.adjustment_reason == REASON


def test_an_adjustment_cannot_take_effect_before_the_version_it_adjusts(body, make_version):
    make_version(2025, [item("A1", "甲许可")])  # published 1 March 2025
    draft = _adjust(body, [item("A1", "甲许可")])
    services.version_check(
        actor=SYSTEM, catalog_id=draft.pk, version=None, checked_on=dt.date(2025, 1, 1)
    )
    services.version_approve(
        actor=SYSTEM, catalog_id=draft.pk, version=None, approved_on=dt.date(2025, 1, 2)
    )
    with pytest.raises(ApplicationError) as refused:
        services.version_publish(
            actor=SYSTEM, catalog_id=draft.pk, version=None, published_on=dt.date(2025, 2, 1)
        )
    assert refused.value.code == CatalogsError.PUBLISH_ORDER
    assert refused.value.fields == {"published_on": "早于被调整版本"}
    draft.refresh_from_db()
    assert (draft.status, draft.published_on) == (VersionStatus.APPROVED, None)


def test_an_adjustment_needs_its_reason_in_the_database_too(body, make_version):
    first = make_version(2025, [item("A1", "甲许可")])
    with pytest.raises(IntegrityError), transaction.atomic():
        CatalogVersion.objects.create(body=body, kind="approval", year=2025, sequence=2)
    assert list(CatalogVersion.objects.all()) == [first]


def test_the_version_in_force_on_a_date_is_the_latest_published_by_then(body, adjusted):
    first, second = adjusted

    def on(day):
        return [v.label for v in selectors.in_force_versions(on=day, body_id=body.pk)]

    assert on(dt.date(2024, 2, 1)) == []
    assert on(dt.date(2024, 12, 31)) == ["2024"]
    assert on(dt.date(2025, 3, 1)) == on(dt.date(2025, 6, 30)) == ["2025"]
    assert on(dt.date(2025, 7, 1)) == on(dt.date(2026, 1, 1)) == ["2025-2"]


def test_the_api_year_returns_the_version_in_force_at_its_end(client, body, adjusted):
    data = client.get(
        "/api/public/catalogs", {"body": body.name, "kind": "approval", "year": 2025}
    ).json()
    assert data["count"] == 2
    assert {(i["year"], i["sequence"]) for i in data["items"]} == {(2025, 2)}
    diff = client.get(
        "/api/public/catalogs/diff",
        {"body": body.name, "kind": "approval", "from": 2024, "to": 2025},
    ).json()
    assert (diff["from_version"], diff["to_version"]) == ("2024", "2025-2")
    assert (diff["before"], diff["after"], diff["reduction"]) == (4, 2, 50.0)


def test_the_page_and_the_api_agree_on_the_diff_by_year(client, office, body, adjusted):
    first, second = adjusted
    earlier = CatalogVersion.objects.get(year=2024)
    client.force_login(office)
    url = reverse("catalogs:version_diff", args=[second.pk])
    page = client.get(url, {"against": earlier.pk}).content.decode()
    api = client.get(
        "/api/public/catalogs/diff",
        {"body": body.name, "kind": "approval", "from": 2024, "to": 2025},
    ).json()
    assert f"压减 {api['reduction']}%" in page and "2025-2" in page


def test_the_targets_of_a_year_read_its_last_adjustment(body, adjusted):
    rows, total = targets.approval_figures(year=2025)
    assert [(r.baseline.label, r.current.label) for r in rows] == [("2024", "2025-2")]
    assert total.reduction == 50.0
    assert targets.approval_figures(year=2024)[1].reduction == 0.0


def test_the_item_history_lists_each_adjustment(client, body, adjusted):
    first, second = adjusted
    code_a0 = second.items.get(code="A0")
    page = client.get(reverse("portal:catalogs:item", args=[code_a0.pk])).content.decode()
    history = page[page.index('id="history"') :]
    cells = [row.split("</td>")[0].split("<td>")[-1] for row in history.split("<tr>")[2:]]
    assert [c.split("<div")[0] for c in cells] == ["2024", "2025", "2025-2"]
    assert REASON in cells[2]


def test_the_command_imports_an_adjustment_and_diffs_by_label(body, make_version, tmp_path, capsys):
    make_version(2025, [item("A1", "甲许可"), item("A2", "乙许可")])
    path = tmp_path / "adjusted.xlsx"
    path.write_bytes(xlsx([approval_row("A1", "甲许可")]).read())
    args = ["--kind", "approval", "--body", body.name]
    call_command("catalog", "import", str(path), *args, "--year", "2025", "--reason", REASON)
    assert CatalogVersion.objects.get(sequence=2).adjustment_reason == REASON
    capsys.readouterr()
    call_command("catalog", "diff", *args, "--from", "2025-1", "--to", "2025", "--json")
    out = json.loads(capsys.readouterr().out)
    assert (out["before"], out["after"], [c["code"] for c in out["removed"]]) == (2, 1, ["A2"])


def test_the_import_page_queues_an_adjustment_with_its_reason(client, office, body, make_version):
    make_version(2025, [item("A1", "甲许可")])
    client.force_login(office)
    response = client.post(
        reverse("catalogs:import"),
        {
            "file": xlsx([approval_row("A1", "甲许可")]),
            "kind": "approval",
            "body": body.pk,
            "year": 2025,
            "adjustment_reason": REASON,
        },
    )
    adjustment = CatalogVersion.objects.get(sequence=2)
    assert response.status_code == 302 and response.url == adjustment.get_absolute_url()
    assert ImportJob.objects.get().adjustment_reason == REASON
    page = client.get(response.url).content.decode()
    assert "(2025-2)" in page and REASON in page


def test_a_published_version_without_a_date_counts_from_the_start_of_its_year(body):
    loaded = CatalogVersion.objects.create(
        body=body, kind="approval", year=2024, status="published"
    )
    assert list(selectors.in_force_versions(on=dt.date(2023, 12, 31), body_id=body.pk)) == []
    assert list(selectors.in_force_versions(on=dt.date(2024, 1, 1), body_id=body.pk)) == [loaded]


def test_the_years_export_holds_the_last_adjustment_of_each_kind(client, office, body, adjusted):
    client.force_login(office)
    response = client.get(reverse("catalogs:body_export"), {"body": body.pk, "year": 2025})
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["行政审批事项"]
    codes = [row[0] for row in book["行政审批事项"].iter_rows(min_row=2, values_only=True)]
    assert codes == ["A0", "A1"]
