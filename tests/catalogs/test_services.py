import datetime as dt

import pytest
from django.db import transaction

from fazhi.catalogs import services
from fazhi.catalogs.choices import VersionStatus
from fazhi.catalogs.errors import CatalogsError
from fazhi.catalogs.models import CatalogItem, CatalogVersion, ColumnMapping
from fazhi.core.actors import SYSTEM
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import AuditEvent
from tests.catalogs.conftest import item

DAY = dt.date(2023, 3, 1)


def _import(actor, body, year=2023, items=None, **kw):
    with transaction.atomic():
        return services.version_import(
            actor=actor,
            body=body,
            kind="approval",
            year=year,
            items=items if items is not None else [item("A1", "甲许可"), item("A2", "乙许可")],
            **kw,
        )


def test_import_creates_a_draft_with_its_items_and_one_audit_event(reporter, body):
    catalog = _import(reporter, body)
    assert (catalog.status, catalog.item_count, catalog.version) == (VersionStatus.DRAFT, 2, 1)
    assert list(catalog.items.values_list("code", flat=True)) == ["A1", "A2"]
    event = AuditEvent.objects.get(action="catalogs.version_import")
    assert event.after["items"] == 2


def test_a_new_version_diffs_against_the_latest_published_one(body, make_version):
    base = make_version(2022, [item("A1", "甲"), item("A2", "乙")])
    draft = make_version(2023, [item("A1", "甲")], published=False)
    assert draft.previous_id == base.pk


def test_a_reporter_may_not_import_for_another_body(reporter, other_body):
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        _import(reporter, other_body)
    assert not CatalogVersion.objects.exists()
    assert not CatalogItem.objects.exists()
    assert AuditEvent.objects.count() == before


def test_reimport_replaces_a_drafts_items(reporter, body):
    first = _import(reporter, body)
    again = _import(reporter, body, items=[item("B1", "丙许可")])
    assert again.pk == first.pk
    assert list(again.items.values_list("code", flat=True)) == ["B1"]
    again.refresh_from_db()
    assert (again.item_count, again.version) == (1, 2)


def test_a_published_version_is_never_edited(body, make_version, office):
    published = make_version(2023, [item("A1", "甲")])
    before = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as exc:
        _import(office, body, items=[item("Z9", "改")])
    assert exc.value.code == CatalogsError.PUBLISHED
    with pytest.raises(ApplicationError) as exc, transaction.atomic():
        services.version_set_reason(
            actor=office, catalog_id=published.pk, version=None, code="A1", reason="改"
        )
    assert exc.value.code == CatalogsError.PUBLISHED
    assert list(published.items.values_list("code", "change_reason")) == [("A1", "")]
    assert AuditEvent.objects.count() == before


def test_check_approve_publish_in_order(body, make_version, reviewer, office):
    draft = make_version(2023, [item("A1", "甲")], published=False)
    with pytest.raises(ApplicationError) as exc, transaction.atomic():
        services.version_publish(actor=office, catalog_id=draft.pk, version=1, published_on=DAY)
    assert exc.value.code == "wrong_status"
    with transaction.atomic():
        services.version_check(actor=reviewer, catalog_id=draft.pk, version=1, checked_on=DAY)
    with pytest.raises(PermissionDenied), transaction.atomic():
        services.version_approve(actor=reviewer, catalog_id=draft.pk, version=2, approved_on=DAY)
    with transaction.atomic():
        services.version_approve(
            actor=office,
            catalog_id=draft.pk,
            version=2,
            approved_on=DAY,
            approval_ref="天政函〔2023〕5号",
        )
        services.version_publish(actor=office, catalog_id=draft.pk, version=3, published_on=DAY)
    draft.refresh_from_db()
    assert (draft.status, draft.published_on, draft.approval_ref) == (
        VersionStatus.PUBLISHED,
        DAY,
        "天政函〔2023〕5号",
    )
    assert list(
        AuditEvent.objects.filter(object_id=str(draft.pk)).values_list("action", flat=True)
    ) == [
        "catalogs.version_import",
        "catalogs.version_check",
        "catalogs.version_approve",
        "catalogs.version_publish",
    ]


def test_check_is_refused_while_an_item_has_no_basis(body, make_version, reviewer):
    draft = make_version(2023, [item("A1", "甲"), item("A2", "乙", basis="")], published=False)
    before = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as exc, transaction.atomic():
        services.version_check(actor=reviewer, catalog_id=draft.pk, version=1, checked_on=DAY)
    assert exc.value.code == CatalogsError.FINDINGS
    assert "A2 无设定依据" in exc.value.message
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (VersionStatus.DRAFT, 1)
    assert AuditEvent.objects.count() == before


def test_changes_need_reasons_before_the_check(body, make_version, reviewer, office):
    make_version(2022, [item("A1", "甲"), item("A2", "乙")])
    draft = make_version(
        2023, [item("A1", "甲", promised_days=1), item("A3", "丙")], published=False
    )
    with pytest.raises(ApplicationError) as exc, transaction.atomic():
        services.version_check(actor=reviewer, catalog_id=draft.pk, version=1, checked_on=DAY)
    assert exc.value.message.count("缺少变更理由") == 3
    with transaction.atomic():
        for code, why in (("A1", "压缩时限"), ("A3", "新承接"), ("A2", "取消审批")):
            draft = services.version_set_reason(
                actor=office, catalog_id=draft.pk, version=None, code=code, reason=why
            )
        services.version_check(actor=reviewer, catalog_id=draft.pk, version=None, checked_on=DAY)
    draft.refresh_from_db()
    assert draft.removal_reasons == {"A2": "取消审批"}
    assert draft.items.get(code="A1").change_reason == "压缩时限"
    assert draft.status == VersionStatus.CHECKED


def test_a_reason_for_an_unknown_code_is_refused(body, make_version, office):
    draft = make_version(2023, [item("A1", "甲")], published=False)
    with pytest.raises(ApplicationError) as exc, transaction.atomic():
        services.version_set_reason(
            actor=office, catalog_id=draft.pk, version=1, code="X", reason="无"
        )
    assert exc.value.code == CatalogsError.NOT_REMOVED
    draft.refresh_from_db()
    assert (draft.version, draft.removal_reasons) == (1, {})


def test_publish_date_not_before_approval(body, make_version, office):
    draft = make_version(2023, [item("A1", "甲")], published=False)
    with transaction.atomic():
        services.version_check(actor=SYSTEM, catalog_id=draft.pk, version=None, checked_on=DAY)
        services.version_approve(actor=SYSTEM, catalog_id=draft.pk, version=None, approved_on=DAY)
    with pytest.raises(ApplicationError) as exc, transaction.atomic():
        services.version_publish(
            actor=office, catalog_id=draft.pk, version=None, published_on=DAY - dt.timedelta(1)
        )
    assert exc.value.fields == {"published_on": "早于批准日期"}
    draft.refresh_from_db()
    assert draft.status == VersionStatus.APPROVED


def test_baseline_only_for_a_published_approval_list(body, make_version, office):
    first = make_version(2022, [item("A1", "甲")])
    second = make_version(2023, [item("A1", "甲")])
    with transaction.atomic():
        services.version_set_baseline(actor=office, catalog_id=second.pk, version=None)
        services.version_set_baseline(actor=office, catalog_id=first.pk, version=None)
    assert list(CatalogVersion.objects.filter(is_baseline=True)) == [first]
    power = make_version(2023, [item("P1", "处罚", power_kind="penalty")], kind="power")
    with pytest.raises(ApplicationError), transaction.atomic():
        services.version_set_baseline(actor=office, catalog_id=power.pk, version=None)
    power.refresh_from_db()
    assert power.is_baseline is False


def test_mapping_is_saved_per_body_and_kind(reporter, body):
    with transaction.atomic():
        services.mapping_save(
            actor=reporter, body=body, kind="approval", columns={"code": "编码", "bogus": "x"}
        )
        services.mapping_save(actor=reporter, body=body, kind="approval", columns={"code": "编号"})
    assert ColumnMapping.objects.get().columns == {"code": "编号"}
