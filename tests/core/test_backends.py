"""Permissions come from roles only: Django's permission tables grant nothing and are not read."""

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.models import Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_django_permission_granted_by_hand_grants_nothing(make_user):
    reporter = make_user(Role.REPORTER)
    permission = Permission.objects.get(codename="change_task", content_type__app_label="plans")
    reporter.user_permissions.add(permission)
    group = Group.objects.create(name="hand-made")
    group.permissions.add(permission)
    reporter.groups.add(group)
    reporter = type(reporter).objects.get(pk=reporter.pk)  # no permission cache
    assert not reporter.has_perm("plans.change_task")
    assert reporter.get_all_permissions() == set()


def test_roles_still_decide_without_reading_the_permission_tables(make_user):
    supervisor = make_user(Role.SUPERVISOR)
    reporter = make_user(Role.REPORTER)
    with CaptureQueriesContext(connection) as captured:
        assert supervisor.has_perm("plans.change_task")
        assert not reporter.has_perm("plans.change_task")
    assert not [q for q in captured.captured_queries if "auth_permission" in q["sql"]]


def test_a_superuser_passes_and_a_password_still_signs_in(make_user, rf):
    admin = make_user(is_superuser=True, is_staff=True)
    assert admin.has_perm("plans.change_task") and admin.has_module_perms("core")
    request = rf.post("/login/")
    assert authenticate(request, username=admin.username, password=PASSWORD) == admin
    assert authenticate(request, username=admin.username, password=PASSWORD + "x") is None


def test_the_signed_in_user_comes_with_their_unit(client, make_user, django_assert_num_queries):
    from django.contrib.auth import get_user

    user = make_user(Role.REPORTER)
    client.force_login(user)
    request = type("Request", (), {"session": client.session})()
    assert request.session["_auth_user_id"] == str(user.pk)  # the session, read once
    with django_assert_num_queries(1):
        loaded = get_user(request)
        assert loaded == user and loaded.unit.name == user.unit.name
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert not get_user(request).is_authenticated
