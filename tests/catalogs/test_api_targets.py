import datetime as dt

from django.db import transaction
from django.urls import reverse

from fazhi.catalogs import demo, services, targets
from fazhi.catalogs.models import CatalogVersion
from fazhi.core.actors import SYSTEM
from fazhi.plans.indicators import indicator_value, registry
from tests.catalogs.conftest import item


def _three_years(body, make_version):
    base = [item(f"A{i}", f"许可{i}", statutory_days=20, promised_days=10) for i in range(10)]
    make_version(2022, base)
    kept = [
        item(
            f"A{i}",
            f"许可{i}",
            statutory_days=20,
            promised_days=5,
            promise=i < 2,
            change_reason="压缩",
        )
        for i in range(7)
    ]
    make_version(2023, kept, reasons={f"A{i}": "取消" for i in range(7, 10)})


def test_public_api_lists_the_items_in_force_and_the_diff(client, body, make_version, query_count):
    _three_years(body, make_version)
    with query_count("items"):
        page = client.get(
            "/api/public/catalogs", {"body": body.name, "kind": "approval", "year": 2024}
        )
    assert page.status_code == 200
    data = page.json()
    assert data["count"] == 7
    assert data["items"][0]["code"] == "A0" and data["items"][0]["year"] == 2023
    diff = client.get(
        "/api/public/catalogs/diff",
        {"body": str(body.pk), "kind": "approval", "from": 2022, "to": 2023},
    ).json()
    assert (diff["before"], diff["after"], diff["reduction"]) == (10, 7, 30.0)
    assert [c["code"] for c in diff["removed"]] == ["A7", "A8", "A9"]
    assert diff["changed"][0]["fields"] == {
        "promised_days": {"from": 10, "to": 5},
        "promise": {"from": False, "to": True},
    }


def test_page_and_api_give_the_same_ratio(client, office, body, make_version):
    _three_years(body, make_version)
    later = CatalogVersion.objects.get(year=2023)
    client.force_login(office)
    page = client.get(reverse("catalogs:version_diff", args=[later.pk])).content.decode()
    api = client.get(
        "/api/public/catalogs/diff",
        {"body": body.name, "kind": "approval", "from": 2022, "to": 2023},
    ).json()
    assert f"压减 {api['reduction']}%" in page


def test_public_api_refusals(client, body, make_version):
    make_version(2023, [item("A1", "甲")], published=False)
    cases = [
        ({"body": "不存在的局", "kind": "approval", "year": 2023}, 404, "not_found"),
        ({"body": body.name, "kind": "bogus", "year": 2023}, 400, "catalog_unknown_kind"),
        ({"body": body.name, "kind": "approval", "year": 2023}, 404, "not_found"),  # a draft only
    ]
    for params, status, code in cases:
        response = client.get("/api/public/catalogs", params)
        assert (response.status_code, response.json()["code"]) == (status, code)
    assert (
        client.get(
            "/api/public/catalogs", {"body": body.name, "kind": "approval", "year": 1}
        ).status_code
        == 422
    )


def test_indicators_compute_measure_five_per_body_and_county(body, other_body, make_version):
    _three_years(body, make_version)
    make_version(2022, [item("B1", "其他"), item("B2", "其他2")], unit=other_body)
    assert {"catalogs.approval_reduction", "catalogs.approval_time_reduction"} <= set(registry())
    rows, total = targets.approval_figures(year=2023)
    mine = next(r for r in rows if r.body_id == body.pk)
    assert (mine.baseline_count, mine.current_count, mine.reduction) == (10, 7, 30.0)
    assert (mine.time_reduction, mine.promise_share) == (75.0, 28.6)
    assert (total.baseline_count, total.current_count, total.reduction) == (12, 9, 25.0)
    assert indicator_value("catalogs.approval_reduction", 2023) == 25.0
    assert indicator_value("catalogs.approval_reduction", 2021) is None


def test_a_chosen_baseline_changes_the_reduction(body, make_version):
    _three_years(body, make_version)
    with transaction.atomic():
        services.version_set_baseline(
            actor=SYSTEM, catalog_id=CatalogVersion.objects.get(year=2023).pk, version=None
        )
    assert targets.approval_reduction(2023) == 0.0


def test_public_browse_history_and_downloads(client, body, make_version):
    _three_years(body, make_version)
    v2023 = CatalogVersion.objects.get(year=2023)
    page = client.get(
        reverse("portal:catalogs:browse"), {"year": 2023, "q": "许可1"}
    ).content.decode()
    assert "许可1" in page and "许可2" not in page
    entry = v2023.items.get(code="A1")
    history = client.get(reverse("portal:catalogs:item", args=[entry.pk])).content.decode()
    assert history.count("许可1") >= 3 and "压缩" in history
    csv_text = client.get(
        reverse("portal:catalogs:download", args=[v2023.pk, "csv"])
    ).content.decode()
    assert csv_text.splitlines()[0].lstrip("\ufeff").startswith("事项编码,事项名称,设定依据")
    assert len(csv_text.splitlines()) == 8
    data = client.get(reverse("portal:catalogs:download", args=[v2023.pk, "json"])).json()
    assert (data["year"], len(data["items"])) == (2023, 7)


def test_drafts_are_never_public(client, body, make_version):
    draft = make_version(2024, [item("D1", "草稿事项")], published=False)
    assert (
        client.get(reverse("portal:catalogs:download", args=[draft.pk, "csv"])).status_code == 404
    )
    assert (
        client.get(reverse("portal:catalogs:item", args=[draft.items.get().pk])).status_code == 404
    )
    assert (
        "草稿事项"
        not in client.get(reverse("portal:catalogs:browse"), {"year": 2024}).content.decode()
    )


def test_csv_cells_cannot_start_a_formula(client, body, make_version):
    version = make_version(2023, [item("A1", '=HYPERLINK("x")')])
    csv_text = client.get(
        reverse("portal:catalogs:download", args=[version.pk, "csv"])
    ).content.decode()
    assert "'=HYPERLINK" in csv_text


def test_demo_loads_once_with_the_plans_reduction(directory):
    from io import StringIO

    demo.load(StringIO())
    counts = CatalogVersion.objects.count()
    demo.load(StringIO())
    assert CatalogVersion.objects.count() == counts == 8
    assert targets.approval_reduction(2023) == 30.0
    assert targets.approval_reduction(2025) == 50.0
    assert targets.approval_time_reduction(2025) >= 66.7
    assert CatalogVersion.objects.filter(status="published").count() == 8
    assert dt.date(2025, 3, 31) in set(
        CatalogVersion.objects.values_list("published_on", flat=True)
    )
