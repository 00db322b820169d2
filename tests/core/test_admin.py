"""The admin is no silent second write path: every save is audited, holidays reset the cache."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.holidays import holiday_table
from fazhi.core.models import AuditEvent, CalendarDay, OrgUnit, User


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
