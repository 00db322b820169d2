"""退回修改: a checked or approved version goes back to draft with a reason; never a published one."""

import datetime as dt

import pytest
from django.db import transaction

from fazhi.catalogs import services
from fazhi.catalogs.choices import VersionStatus
from fazhi.catalogs.errors import CatalogsError
from fazhi.core.actors import SYSTEM
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import AuditEvent
from tests.catalogs.conftest import item

DAY = dt.date(2023, 3, 1)


def _checked(make_version, *, approve=False):
    draft = make_version(2023, [item("A1", "甲许可")], published=False)
    with transaction.atomic():
        services.version_check(actor=SYSTEM, catalog_id=draft.pk, version=None, checked_on=DAY)
        if approve:
            services.version_approve(
                actor=SYSTEM, catalog_id=draft.pk, version=None, approved_on=DAY, approval_ref="x"
            )
    draft.refresh_from_db()
    return draft


@pytest.mark.parametrize("approve", [False, True], ids=["checked", "approved"])
def test_the_reviewer_returns_a_version_to_draft_with_its_reason(make_version, reviewer, approve):
    catalog = _checked(make_version, approve=approve)
    returned = services.version_return(
        actor=reviewer, catalog_id=catalog.pk, version=catalog.version, reason="依据条款不全"
    )
    returned.refresh_from_db()
    assert returned.status == VersionStatus.DRAFT
    assert returned.return_reason == "依据条款不全"
    assert returned.checked_on is None and returned.approved_on is None
    assert returned.approval_ref == ""
    event = AuditEvent.objects.filter(action="catalogs.version_return").get()
    assert event.after["status"] == VersionStatus.DRAFT
    assert event.after["return_reason"] == "依据条款不全"
    assert event.before["status"] == catalog.status


def _unchanged(catalog, events):
    before = catalog.version
    catalog.refresh_from_db()
    assert catalog.version == before
    assert AuditEvent.objects.count() == events


def test_a_published_version_is_never_returned(make_version, reviewer):
    catalog = make_version(2023, [item("A1", "甲许可")])
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as refused:
        services.version_return(
            actor=reviewer, catalog_id=catalog.pk, version=catalog.version, reason="改"
        )
    assert refused.value.code == CatalogsError.PUBLISHED
    assert "调整版本" in refused.value.message
    _unchanged(catalog, events)
    assert catalog.status == VersionStatus.PUBLISHED


def test_a_return_needs_a_reason_and_a_version_past_draft(make_version, reviewer):
    catalog = _checked(make_version)
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as refused:
        services.version_return(
            actor=reviewer, catalog_id=catalog.pk, version=catalog.version, reason="  "
        )
    assert "reason" in refused.value.fields
    _unchanged(catalog, events)
    draft = make_version(2024, [item("A1", "甲许可")], published=False)
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as refused:
        services.version_return(actor=reviewer, catalog_id=draft.pk, version=None, reason="改")
    assert refused.value.code == CatalogsError.NOT_SUBMITTED
    _unchanged(draft, events)


def test_the_body_itself_may_not_return_its_list(make_version, reporter):
    catalog = _checked(make_version)
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.version_return(
            actor=reporter, catalog_id=catalog.pk, version=catalog.version, reason="改"
        )
    _unchanged(catalog, events)
    assert catalog.status == VersionStatus.CHECKED


def test_return_through_the_page_and_the_reason_is_shown(client, reviewer, make_version):
    catalog = _checked(make_version)
    client.force_login(reviewer)
    page = client.get(catalog.get_absolute_url())
    assert 'data-action="return"' in page.content.decode()
    response = client.post(
        catalog.get_absolute_url() + "?action=return",
        {"return-version": catalog.version, "return-reason": "第3项依据已废止"},
    )
    assert response.status_code == 302
    catalog.refresh_from_db()
    assert catalog.status == VersionStatus.DRAFT
    shown = client.get(catalog.get_absolute_url()).content.decode()
    assert "第3项依据已废止" in shown and 'id="return-reason"' in shown
    # Now a draft: the return is no longer offered, the check is.
    assert 'data-action="return"' not in shown and 'data-action="check"' in shown
