"""The demo links enforcement's matters and penalty cases to power items; the page shows them."""

from io import StringIO

from django.urls import reverse

from fazhi.catalogs import demo
from fazhi.catalogs.models import CatalogItem, CatalogVersion
from fazhi.core.demo import load as load_core
from fazhi.enforcement import demo as enforcement_demo
from fazhi.enforcement.models import EnforcementMatter, PenaltyCase
from fazhi.enforcement.selectors import with_power_state


def test_demo_cases_and_matters_cite_power_items_and_a_merged_one_is_flagged(
    directory, holidays, client, office
):
    load_core(StringIO())
    enforcement_demo.load(StringIO())
    demo.load(StringIO())
    demo.load(StringIO())  # idempotent: nothing linked twice, no second adjustment
    adjusted = CatalogVersion.objects.get(kind="power", year=2025, sequence=2)
    assert adjusted.label == "2025-2" and adjusted.previous.sequence == 1
    matters = {m.name: m for m in with_power_state(EnforcementMatter.objects.all())}
    merged = matters["对经营超过保质期食品的处罚"]
    assert (merged.power_item.code, merged.power_removed) == ("TZSJ-CF-002", True)
    assert matters["食品经营者监督检查"].power_removed is False
    expired = PenaltyCase.objects.get(title="涉嫌经营超过保质期的食品")
    assert (expired.power_item.code, expired.power_item.catalog_id) == ("TZSJ-CF-006", adjusted.pk)
    assert PenaltyCase.objects.filter(power_item__isnull=True).count() == 0

    client.force_login(office)
    new_item = CatalogItem.objects.get(catalog=adjusted, code="TZSJ-CF-006")
    page = client.get(reverse("catalogs:power_detail", args=[new_item.pk])).content.decode()
    assert expired.number in page and "2025-2" in page
    old_item = merged.power_item
    page = client.get(reverse("catalogs:power_detail", args=[old_item.pk])).content.decode()
    matters_table = page[page.index('id="matters"') : page.index('id="cases"')]
    assert "对经营超过保质期食品的处罚" in matters_table and "table-danger" in matters_table


def test_a_power_page_of_another_kind_or_county_is_not_found(client, office, make_version, body):
    approval = make_version(2025, [{"code": "A1", "name": "甲许可", "basis": "《法》第一条"}])
    client.force_login(office)
    url = reverse("catalogs:power_detail", args=[approval.items.get().pk])
    assert client.get(url).status_code == 404
