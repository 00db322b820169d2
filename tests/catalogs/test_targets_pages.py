"""Measure (五) per county and per body, the click-through to the items, the ledger's link."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from fazhi.catalogs import targets
from fazhi.core.choices import Role
from fazhi.plans.indicators import indicator_url
from tests.catalogs.conftest import item
from tests.factories import RegionFactory, UnitFactory


def _lists(make_version, unit, before, after, promised=0):
    make_version(2022, [item(f"{unit.pk}-{i}", f"许可{i}") for i in range(before)], unit=unit)
    rows = [
        item(f"{unit.pk}-{i}", f"许可{i}", promise=i < promised, change_reason="调整")
        for i in range(after)
    ]
    make_version(
        2023, rows, unit=unit, reasons={f"{unit.pk}-{i}": "取消" for i in range(after, before)}
    )


def test_figures_per_county_and_narrowed_to_one_region(body, yanggao, make_version):
    _lists(make_version, body, 10, 7, promised=2)
    _lists(make_version, yanggao, 10, 5)
    counties = {c.region_id: c for c in targets.county_figures(year=2023)}
    assert counties[body.region_id].reduction == 30.0
    assert counties[yanggao.region_id].reduction == 50.0
    assert round(counties[body.region_id].promise_share, 1) == 28.6
    assert targets.approval_reduction(2023) == 40.0
    assert targets.approval_reduction(2023, region=yanggao.region_id) == 50.0


def test_the_targets_page_reads_the_users_own_county_only(
    client, make_user, body, yanggao, make_version
):
    _lists(make_version, body, 10, 7)
    _lists(make_version, yanggao, 10, 5)
    office = make_user(Role.SUPERVISOR, unit=UnitFactory(region=body.region))
    client.force_login(office)
    url = reverse("catalogs:targets") + "?year=2023"
    text = client.get(url).content.decode()
    assert body.name in text and yanggao.name not in text and 'id="counties"' not in text
    # Asking for another county is not obeyed: the user's own region is read.
    text = client.get(url + f"&region={yanggao.region_id}").content.decode()
    assert yanggao.name not in text


def test_a_city_sees_one_row_per_county(client, make_user, body, yanggao, make_version):
    _lists(make_version, body, 10, 7)
    _lists(make_version, yanggao, 10, 5)
    city = RegionFactory(code="140200", name="大同市")
    client.force_login(make_user(Role.SUPERVISOR, unit=UnitFactory(region=city)))
    text = client.get(reverse("catalogs:targets") + "?year=2023").content.decode()
    assert 'id="counties"' in text and "30.0%" in text and "50.0%" in text


def test_the_items_behind_a_figure(client, office, body, make_version):
    _lists(make_version, body, 10, 7, promised=2)
    current = body.catalogs.get(year=2023)
    client.force_login(office)
    url = reverse("catalogs:target_items")
    text = client.get(url, {"version": current.pk, "figure": "promise"}).content.decode()
    assert "告知承诺的事项 2 项" in text
    text = client.get(url, {"version": current.pk, "figure": "time"}).content.decode()
    assert "7 项" in text
    assert text.index(f"{body.pk}-0<") < text.index(f"{body.pk}-6<")  # the list's own order
    asked = {"version": current.pk, "figure": "time", "sort": "-code"}
    text = client.get(url, asked).content.decode()
    assert text.index(f"{body.pk}-6<") < text.index(f"{body.pk}-0<")
    book = load_workbook(BytesIO(client.get(url, {**asked, "format": "xlsx"}).content))
    rows = list(book.active.values)
    assert rows[0][:2] == ("事项编码", "事项名称") and len(rows) == 8
    assert [r[0] for r in rows[1:3]] == [f"{body.pk}-6", f"{body.pk}-5"]
    assert client.get(url, {"version": current.pk, "figure": "x"}).status_code == 404
    assert client.get(url, {"version": "abc", "figure": "time"}).status_code == 404


def test_the_ledger_links_a_computed_target_to_its_figures():
    assert indicator_url("catalogs.approval_reduction", 2023) == "/catalogs/targets/?year=2023"
    assert indicator_url("no.such", 2023) == ""


def test_a_plan_target_reads_its_own_countys_figure(body, yanggao, make_version):
    """The ledger's computed value is the plan's county's, not the whole installation's."""
    from fazhi.plans.indicators import indicator_value

    _lists(make_version, body, 10, 7)
    _lists(make_version, yanggao, 10, 5)
    key = "catalogs.approval_reduction"
    assert indicator_value(key, 2023, body.region_id) == 30.0
    assert indicator_value(key, 2023, yanggao.region_id) == 50.0
    assert indicator_value(key, 2023) == 40.0


def test_the_targets_page_links_only_to_the_lists_the_user_may_open(
    client, make_user, body, make_version
):
    """An officer of another body sees the county's figures but not the body's versions: the
    page named them as links that answered 404."""
    _lists(make_version, body, 10, 7, promised=2)
    current = body.catalogs.get(year=2023)
    officer = make_user(Role.OFFICER, unit=UnitFactory(region=body.region))
    client.force_login(officer)
    text = client.get(reverse("catalogs:targets") + "?year=2023").content.decode()
    assert current.label in text and "30.0%" in text
    assert current.get_absolute_url() not in text and "figure=promise" not in text
    assert client.get(current.get_absolute_url()).status_code == 404
    client.force_login(make_user(Role.SUPERVISOR, unit=UnitFactory(region=body.region)))
    text = client.get(reverse("catalogs:targets") + "?year=2023").content.decode()
    assert current.get_absolute_url() in text


def test_the_figures_are_computed_once_per_page_and_again_on_the_next(
    client, make_user, body, yanggao, make_version, monkeypatch
):
    """The targets page reads the figures per body and per county from one computation
    (`core.memo`); the next request computes them again, so it sees a list published since."""
    _lists(make_version, body, 10, 7)
    city = RegionFactory(code="140200", name="大同市")
    client.force_login(make_user(Role.SUPERVISOR, unit=UnitFactory(region=city)))
    computed = []
    real = targets.in_force
    monkeypatch.setattr(targets, "in_force", lambda **kw: computed.append(kw) or real(**kw))
    url = reverse("catalogs:targets") + "?year=2023"
    assert "30.0%" in client.get(url).content.decode()
    assert len(computed) == 1
    _lists(make_version, yanggao, 10, 5)
    assert "50.0%" in client.get(url).content.decode()
    assert len(computed) == 2
