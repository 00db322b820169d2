"""The admin is no silent second write path: every save is audited, holidays reset the cache."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.holidays import holiday_table
from fazhi.core.models import AuditEvent, CalendarDay, OrgUnit, UnitGroup, User


@pytest.fixture
def admin_client_logged(client, db, monkeypatch):
    # The second factor before /admin/ is tested in test_security.py; here it is taken as given.
    monkeypatch.setattr("fazhi.core.middleware._verified", lambda user: True)
    admin = User.objects.create_superuser("root", password="x-Long-pass-2026", full_name="管理员")
    client.force_login(admin)
    return client


def test_changing_a_users_roles_in_the_admin_is_audited(admin_client_logged, make_user):
    user = make_user()
    url = reverse("admin:core_user_change", args=[user.pk])
    response = admin_client_logged.post(
        url,
        {
            "username": user.username,
            "full_name": user.full_name,
            "unit": user.unit_id,
            "roles": '["supervisor"]',
            "is_active": "on",
            "is_staff": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(action="core.admin_change", after__has_key="roles").get()
    assert event.object_id == str(user.pk)
    assert event.after["roles"] == ["supervisor"]
    assert event.after["is_staff"] is True
    assert event.before["is_staff"] is False
    assert "password" not in event.after


def test_deleting_a_unit_in_the_admin_is_audited(admin_client_logged):
    from tests.factories import UnitFactory

    unit = UnitFactory(name="天镇县临时办")
    url = reverse("admin:core_orgunit_delete", args=[unit.pk])
    assert admin_client_logged.post(url, {"post": "yes"}).status_code == 302
    assert not OrgUnit.objects.filter(pk=unit.pk).exists()
    event = AuditEvent.objects.filter(action="core.admin_delete", before__has_key="name").get()
    assert event.before["name"] == "天镇县临时办"


def test_a_holiday_entered_in_the_admin_resets_the_cached_table(
    admin_client_logged, django_capture_on_commit_callbacks
):
    day = dt.date(2031, 10, 1)
    assert holiday_table().is_working_day(day) is True  # cached before the change
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_logged.post(
            reverse("admin:core_calendarday_add"),
            {"date": "2031-10-01", "is_working_day": "", "note": "国庆节"},
        )
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=day).is_working_day is False
    assert holiday_table().is_working_day(day) is False
    assert AuditEvent.objects.filter(action="calendar.set_day").count() == 1


def _events_after(seq: int) -> list[tuple[str, dict | None, dict | None]]:
    return list(
        AuditEvent.objects.filter(seq__gt=seq)
        .order_by("seq")
        .values_list("action", "before", "after")
    )


def _last_seq() -> int:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def test_an_admin_edit_of_a_users_roles_is_one_audit_event(admin_client_logged, make_user):
    user = make_user()
    seq = _last_seq()
    response = admin_client_logged.post(
        reverse("admin:core_user_change", args=[user.pk]),
        {
            "username": user.username,
            "full_name": user.full_name,
            "unit": user.unit_id,
            "roles": '["supervisor"]',
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    [(action, before, after)] = _events_after(seq)
    assert action == "core.admin_change"
    assert before["roles"] == [] and after["roles"] == ["supervisor"]
    assert "roles" in after["change"].lower() or "角色" in after["change"]


def test_an_admin_edit_of_group_members_is_one_event_with_members_before_and_after(
    admin_client_logged,
):
    from tests.factories import UnitFactory

    first, second = UnitFactory(name="甲乡人民政府"), UnitFactory(name="乙乡人民政府")
    group = UnitGroup.objects.create(name="各乡人民政府")
    group.members.add(first)
    seq = _last_seq()
    response = admin_client_logged.post(
        reverse("admin:core_unitgroup_change", args=[group.pk]),
        {"name": group.name, "aliases": "[]", "members": [first.pk, second.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    [(action, before, after)] = _events_after(seq)
    assert action == "core.admin_change"
    assert before["members"] == [first.pk] and "name" not in before
    assert after["members"] == sorted([first.pk, second.pk])


def test_an_admin_addition_and_deletion_are_one_event_each(admin_client_logged):
    seq = _last_seq()
    response = admin_client_logged.post(
        reverse("admin:core_region_add"), {"code": "140299", "name": "试验区", "parent": ""}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    [(action, before, after)] = _events_after(seq)
    assert action == "core.admin_add" and before is None and after["name"] == "试验区"
    seq = _last_seq()
    response = admin_client_logged.post(
        reverse("admin:core_region_delete", args=["140299"]), {"post": "yes"}
    )
    assert response.status_code == 302
    [(action, before, after)] = _events_after(seq)
    assert action == "core.admin_delete" and before["name"] == "试验区"


def test_a_holiday_entered_in_the_admin_is_audited_once_by_its_service(admin_client_logged):
    seq = _last_seq()
    response = admin_client_logged.post(
        reverse("admin:core_calendarday_add"),
        {"date": "2031-10-02", "is_working_day": "", "note": "国庆节"},
    )
    assert response.status_code == 302
    assert [action for action, *_ in _events_after(seq)] == ["calendar.set_day"]
