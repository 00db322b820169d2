"""The annual catalogue: Party approval before publication, versioned adjustments, the deadline."""

import datetime as dt

import pytest

from fazhi.core.actors import SYSTEM
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import Region, StatutoryPeriod
from fazhi.core.services import period_set_for_region
from fazhi.decisions.choices import CatalogStatus, Procedure
from fazhi.decisions.models import Catalog, CatalogEntry
from fazhi.decisions.selectors import catalog_on_time, catalog_on_time_rate
from fazhi.decisions.services import catalogs

from .conftest import published_catalog

pytestmark = pytest.mark.django_db

ENTRY = dict(
    matter="县城集中供热价格调整",
    scope_text="县城集中供热区域",
    goal="年内完成调价",
    due_on=dt.date(2026, 9, 30),
    procedures=[Procedure.PUBLIC_PARTICIPATION],
)


def test_a_published_catalogue_is_never_edited_in_place(government, bureau, nothing_written):
    catalog = published_catalog(government, bureau)
    assert catalog.status == CatalogStatus.PUBLISHED
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        catalogs.catalog_entry_add(
            actor=SYSTEM, catalog_id=catalog.pk, version=None, lead_unit=bureau, **ENTRY
        )
    assert "第3条" in exc.value.message
    with nothing_written(), pytest.raises(ApplicationError):
        catalogs.catalog_entry_remove(
            actor=SYSTEM, catalog_id=catalog.pk, version=None, entry_id=catalog.entries.get().pk
        )


def test_an_adjustment_is_a_new_revision_with_its_reason(government, bureau, nothing_written):
    catalog = published_catalog(government, bureau)
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        catalogs.catalog_adjust(actor=SYSTEM, catalog_id=catalog.pk, version=None, reason=" ")
    assert exc.value.code == "adjustment_reason"
    new = catalogs.catalog_adjust(
        actor=SYSTEM, catalog_id=catalog.pk, version=None, reason="省里新部署供热价格改革"
    )
    assert (new.revision, new.status, new.previous_id) == (2, CatalogStatus.DRAFT, catalog.pk)
    assert list(new.entries.values_list("matter", flat=True)) == ["天镇县老旧小区改造三年行动方案"]
    catalogs.catalog_entry_add(
        actor=SYSTEM, catalog_id=new.pk, version=None, lead_unit=bureau, **ENTRY
    )
    catalog.refresh_from_db()
    assert catalog.status == CatalogStatus.PUBLISHED and catalog.entries.count() == 1
    catalogs.catalog_approve(
        actor=SYSTEM,
        catalog_id=new.pk,
        version=None,
        approved_on=dt.date(2026, 7, 1),
        approval_ref="县委常委会2026年第12次会议",
    )
    catalogs.catalog_publish(
        actor=SYSTEM, catalog_id=new.pk, version=None, published_on=dt.date(2026, 7, 3)
    )
    catalog.refresh_from_db()
    assert catalog.status == CatalogStatus.SUPERSEDED
    assert new.entries.count() == 2
    # The entry the published first revision listed is still there, unchanged.
    assert CatalogEntry.objects.filter(catalog=catalog).count() == 1


def test_publication_needs_the_party_committee_approval(government, bureau, nothing_written):
    catalog = catalogs.catalog_create(actor=SYSTEM, body=government, year=2026)
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        catalogs.catalog_approve(
            actor=SYSTEM,
            catalog_id=catalog.pk,
            version=None,
            approved_on=dt.date(2026, 3, 1),
            approval_ref="县委常委会",
        )
    assert exc.value.code == "catalog_empty"
    catalogs.catalog_entry_add(
        actor=SYSTEM, catalog_id=catalog.pk, version=None, lead_unit=bureau, **ENTRY
    )
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        catalogs.catalog_publish(
            actor=SYSTEM, catalog_id=catalog.pk, version=None, published_on=dt.date(2026, 4, 1)
        )
    assert "党委同意" in exc.value.message and "第3条" in exc.value.message
    entry = catalog.entries.get()
    assert entry.procedures == [
        Procedure.PUBLIC_PARTICIPATION,
        Procedure.LEGALITY_REVIEW,
        Procedure.COLLECTIVE_DISCUSSION,
    ]


def test_only_the_body_drafts_its_catalogue(government, bureau, drafter, clerk, nothing_written):
    catalog = catalogs.catalog_create(actor=clerk, body=government, year=2026)
    with nothing_written(), pytest.raises(PermissionDenied):
        catalogs.catalog_entry_add(
            actor=drafter, catalog_id=catalog.pk, version=None, lead_unit=bureau, **ENTRY
        )
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        catalogs.catalog_create(actor=clerk, body=government, year=2026)
    assert exc.value.code == "catalog_exists"
    with nothing_written(), pytest.raises(ApplicationError):
        catalogs.catalog_entry_add(
            actor=clerk,
            catalog_id=catalog.pk,
            version=None,
            lead_unit=bureau,
            **{**ENTRY, "procedures": ["hearing_by_lottery"]},
        )


def test_the_deadline_is_the_end_of_april_unless_the_region_says_otherwise(
    government, bureau, county, make_user, django_capture_on_commit_callbacks
):
    from fazhi.core import periods

    periods.sync()
    assert catalogs.publication_deadline(2026, region="140222") == dt.date(2026, 4, 30)
    office = make_user("reviewer")
    period = StatutoryPeriod.objects.get(key="decisions.catalog_publication", region=None)
    province = Region.objects.get_or_create(code="140000", defaults={"name": "山西省"})[0]
    with django_capture_on_commit_callbacks(execute=True):
        period_set_for_region(
            actor=office, period_id=period.pk, region=province, value=6, note="省规定"
        )
    assert catalogs.publication_deadline(2026, region="140222") == dt.date(2026, 6, 30)


def test_the_ninth_measure_reads_whether_each_body_published_on_time(government, bureau, county):
    from tests.factories import UnitFactory

    published_catalog(government, bureau)  # published 10 April 2026
    late = UnitFactory(name="天镇县教育局", region=county)
    catalog = catalogs.catalog_create(actor=SYSTEM, body=late, year=2026)
    catalogs.catalog_entry_add(
        actor=SYSTEM, catalog_id=catalog.pk, version=None, lead_unit=late, **ENTRY
    )
    catalogs.catalog_approve(
        actor=SYSTEM,
        catalog_id=catalog.pk,
        version=None,
        approved_on=dt.date(2026, 5, 1),
        approval_ref="县委",
    )
    catalogs.catalog_publish(
        actor=SYSTEM, catalog_id=catalog.pk, version=None, published_on=dt.date(2026, 5, 8)
    )
    unpublished = UnitFactory(name="天镇县民政局", region=county)
    catalogs.catalog_create(actor=SYSTEM, body=unpublished, year=2026)
    rows = {r.body.name: r for r in catalog_on_time(year=2026)}
    assert rows["天镇县人民政府"].on_time is True
    assert rows["天镇县教育局"].on_time is False
    assert rows["天镇县民政局"].published_on is None and rows["天镇县民政局"].on_time is False
    assert rows["天镇县住房和城乡建设局"].catalog is None
    assert rows["天镇县教育局"].deadline == dt.date(2026, 4, 30)
    assert catalog_on_time_rate(year=2026) == 25.0
    from fazhi.plans.indicators import indicator_value

    assert indicator_value("decisions.catalog_on_time_rate", 2026) == 25.0
    assert Catalog.objects.count() == 3


def test_the_catalogue_names_the_procedures_each_entry_calls_for(government, bureau, clerk):
    from django.test import Client
    from django.urls import reverse

    catalog = published_catalog(
        government, bureau, [Procedure.PUBLIC_PARTICIPATION, Procedure.RISK_ASSESSMENT], True
    )
    names = "公众参与、风险评估、合法性审查、集体讨论决定"
    client = Client()
    client.force_login(clerk)
    page = client.get(reverse("decisions:catalog_detail", args=[catalog.pk])).content.decode()
    assert f"{names} · 需要听证" in page
    portal = Client().get(reverse("portal:decisions:catalog_list") + "?year=2026")
    assert f"{names} · 需要听证" in portal.content.decode()
