"""The steps of a version (check → approve → publish): each refused out of order with its
reason, on its dates, on the page as in the service, and nothing written."""

import datetime as dt

import pytest
from django.db import transaction

from fazhi.catalogs import services
from fazhi.catalogs.choices import VersionStatus
from fazhi.core import dates
from fazhi.core.errors import ApplicationError
from fazhi.core.models import AuditEvent
from tests.catalogs.conftest import item

DAY = dt.date(2023, 3, 1)


def _step(service, **kwargs):
    with transaction.atomic():
        return service(**kwargs)


def _refused(service, **kwargs) -> ApplicationError:
    before = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as exc:
        _step(service, **kwargs)
    assert AuditEvent.objects.count() == before
    return exc.value


def test_a_step_cannot_be_dated_in_the_future(body, make_version, reviewer):
    draft = make_version(2023, [item("A1", "甲")], published=False)
    tomorrow = dates.today() + dt.timedelta(days=1)
    refused = _refused(
        services.version_check, actor=reviewer, catalog_id=draft.pk, version=1, checked_on=tomorrow
    )
    assert refused.code == "implausible_date"
    assert refused.message.startswith("合法性审核日期不能晚于今天")
    assert list(refused.fields) == ["checked_on"]
    draft.refresh_from_db()
    assert (draft.status, draft.checked_on, draft.version) == (VersionStatus.DRAFT, None, 1)


def test_approval_cannot_precede_the_legality_check_nor_publication_the_approval(
    body, make_version, reviewer, office
):
    draft = make_version(2023, [item("A1", "甲")], published=False)
    _step(services.version_check, actor=reviewer, catalog_id=draft.pk, version=1, checked_on=DAY)
    refused = _refused(
        services.version_approve,
        actor=office,
        catalog_id=draft.pk,
        version=2,
        approved_on=DAY - dt.timedelta(days=1),
    )
    assert "早于合法性审核日期2023-03-01" in refused.message
    assert refused.fields == {"approved_on": "早于合法性审核日期"}
    _step(services.version_approve, actor=office, catalog_id=draft.pk, version=2, approved_on=DAY)
    refused = _refused(
        services.version_publish,
        actor=office,
        catalog_id=draft.pk,
        version=3,
        published_on=dates.today() + dt.timedelta(days=30),
    )
    assert refused.message.startswith("发布日期不能晚于今天")
    assert list(refused.fields) == ["published_on"]
    draft.refresh_from_db()
    assert (draft.status, draft.published_on) == (VersionStatus.APPROVED, None)


def test_a_step_out_of_order_says_which_status_it_needs(body, make_version, office):
    draft = make_version(2023, [item("A1", "甲")], published=False)
    refused = _refused(
        services.version_publish, actor=office, catalog_id=draft.pk, version=1, published_on=DAY
    )
    assert refused.code == "wrong_status"
    assert "清单当前为“草稿”,“发布”只能在清单为“已批准”时进行" in refused.message


def test_the_page_shows_why_a_published_version_is_not_changed(client, office, make_version):
    published = make_version(2023, [item("A1", "甲")])
    url = published.get_absolute_url()
    client.force_login(office)
    page = client.get(url).content.decode()
    assert "?action=reason" not in page and "?action=check" not in page
    before = AuditEvent.objects.count()
    for action, data in (
        ("reason", {"reason-code": "A1", "reason-reason": "改"}),
        ("check", {"check-checked_on": "2023-03-01"}),
        ("return", {"return-reason": "重审"}),
    ):
        response = client.post(
            f"{url}?action={action}", {f"{action}-version": published.version, **data}
        )
        body = response.content.decode()
        assert response.status_code == 200, action
        assert "已发布的清单不能再" in body and "导入为调整版本" in body, action
    published.refresh_from_db()
    assert (published.status, published.version) == (VersionStatus.PUBLISHED, 4)
    assert list(published.items.values_list("change_reason", flat=True)) == [""]
    assert AuditEvent.objects.count() == before


def test_a_leader_may_not_take_a_step_even_by_posting_it(client, make_user, make_version):
    from fazhi.core.choices import Role

    draft = make_version(2023, [item("A1", "甲")], published=False)
    client.force_login(make_user(Role.LEADER))
    response = client.post(
        f"{draft.get_absolute_url()}?action=check",
        {"check-version": 1, "check-checked_on": "2023-03-01"},
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (VersionStatus.DRAFT, 1)
