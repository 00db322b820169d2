"""Deployment-safe limits: keys, client addresses, shared rate limits, account rules, audit of
sign-ins and privileges."""

import datetime as dt
import os
import stat
import subprocess
import sys

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from fazhi.core.clientip import client_ip
from fazhi.core.demo import DEMO_PASSWORD
from fazhi.core.models import AuditEvent, User


def settings_in_a_fresh_process(tmp_path, code: str, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}
    clean |= {"FAZHI_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "fazhi.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings as s; {code}"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_embedded_default_generates_its_own_key_once_readable_by_its_owner(tmp_path):
    first = settings_in_a_fresh_process(tmp_path, "print(s.SECRET_KEY)")
    second = settings_in_a_fresh_process(tmp_path, "print(s.SECRET_KEY)")
    key = first.stdout.strip()
    assert first.returncode == 0 and len(key) >= 50
    assert key == second.stdout.strip()
    assert "not-for-production" not in key
    assert stat.S_IMODE(os.stat(tmp_path / "secret.key").st_mode) == 0o600


@pytest.mark.parametrize(
    "env",
    [{"FAZHI_HTTPS": "1"}, {"FAZHI_DATABASE_URL": "postgresql://fazhi@127.0.0.1/fazhi"}],
    ids=["https", "postgresql"],
)
def test_production_refuses_to_start_without_a_secret_key(tmp_path, env):
    result = settings_in_a_fresh_process(tmp_path, "print(s.SECRET_KEY)", **env)
    assert result.returncode != 0
    assert "FAZHI_SECRET_KEY must be set" in result.stderr
    assert not (tmp_path / "secret.key").exists()
    ok = settings_in_a_fresh_process(
        tmp_path, "print(s.SECRET_KEY)", FAZHI_SECRET_KEY="s" * 50, **env
    )
    assert ok.returncode == 0 and ok.stdout.strip() == "s" * 50


def test_rate_limits_live_in_a_cache_shared_by_workers(tmp_path):
    embedded = settings_in_a_fresh_process(tmp_path, "print(s.CACHES['default']['BACKEND'])")
    assert embedded.stdout.strip() == "django.core.cache.backends.db.DatabaseCache"
    redis = settings_in_a_fresh_process(
        tmp_path,
        "print(s.CACHES['default']['BACKEND'])",
        FAZHI_REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert redis.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


def request(remote="127.0.0.1", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_forwarded_address_is_believed_only_from_a_trusted_proxy(settings):
    settings.FAZHI_TRUSTED_PROXIES = []
    assert client_ip(request(forwarded="203.0.113.9")) == "127.0.0.1"
    settings.FAZHI_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_ip(request(forwarded="203.0.113.9")) == "203.0.113.9"
    # a client's own forged entry on the left does not count; proxies on the right are skipped
    assert client_ip(request(forwarded="1.2.3.4, 203.0.113.9, 10.1.2.3")) == "203.0.113.9"
    assert client_ip(request(remote="198.51.100.7", forwarded="203.0.113.9")) == "198.51.100.7"
    assert client_ip(request(forwarded="not-an-address")) == "127.0.0.1"


def test_login_lockout_counts_the_client_behind_the_proxy(client, make_user, settings):
    from django.conf import settings as live

    settings.FAZHI_TRUSTED_PROXIES = ["127.0.0.1"]
    make_user(username="official", password="Correct-Horse-9")
    assert live.AXES_CLIENT_IP_CALLABLE == "fazhi.core.clientip.client_ip"
    for _ in range(5):
        client.post(
            "/login/",
            {"username": "official", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    # the attacker is locked out; the official, at another address behind the same proxy, is not
    locked = client.post(
        "/login/",
        {"username": "official", "password": "Correct-Horse-9"},
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )
    assert locked.status_code == 429
    ok = client.post(
        "/login/",
        {"username": "official", "password": "Correct-Horse-9"},
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert ok.status_code == 302


def test_sign_in_failure_and_sign_out_are_audited(client, make_user):
    make_user(username="official", password="Correct-Horse-9")
    client.post("/login/", {"username": "official", "password": "wrong"})
    client.post("/login/", {"username": "official", "password": "Correct-Horse-9"})
    client.post("/logout/")
    actions = list(AuditEvent.objects.order_by("seq").values_list("action", "object_repr"))
    assert actions == [
        ("core.login_failed", "official"),
        ("core.login", "official"),
        ("core.logout", "official"),
    ]
    assert AuditEvent.objects.get(action="core.login_failed").after["ip"] == "127.0.0.1"


def test_role_and_staff_changes_are_audited_however_made(make_user):
    user = make_user("reporter", username="clerk")
    user.roles = ["reporter", "admin"]
    user.is_staff = True
    user.save()
    event = AuditEvent.objects.get(action="core.user_privileges_change")
    assert event.before == {"roles": ["reporter"], "is_staff": False}
    assert event.after == {"roles": ["reporter", "admin"], "is_staff": True}
    user.full_name = "改名不是权限变化"
    user.save()
    assert AuditEvent.objects.filter(action="core.user_privileges_change").count() == 1


def test_demo_password_passes_and_weak_ones_fail_the_validators():
    validate_password(DEMO_PASSWORD, user=User(username="admin", full_name="管理员"))
    for weak, user in [
        ("abcdefghij", None),  # one class
        ("Abc123!", None),  # too short
        ("Feder_1941", None),  # common
        ("Zhangsan2026!", User(username="zhangsan2026")),  # like the account name
    ]:
        with pytest.raises(ValidationError):
            validate_password(weak, user=user)


def test_every_user_can_change_their_password(client, make_user):
    user = make_user(username="official", password="Correct-Horse-9")
    client.force_login(user)
    page = client.get("/account/password/")
    assert page.status_code == 200 and "修改密码" in page.content.decode()
    response = client.post(
        "/account/password/",
        {
            "old_password": "Correct-Horse-9",
            "new_password1": "New-Battery-Staple-7",
            "new_password2": "New-Battery-Staple-7",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("New-Battery-Staple-7")
    assert user.password_changed_at is not None
    assert AuditEvent.objects.filter(action="core.password_change").count() == 1


def test_expired_password_must_be_changed_before_anything_else(client, make_user, settings):
    settings.FAZHI_PASSWORD_MAX_AGE_DAYS = 90
    user = make_user(username="official")
    User.objects.filter(pk=user.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=91)
    )
    client.force_login(user)
    response = client.get("/core/units/")
    assert response.status_code == 302
    assert response["Location"] == "/account/password/?expired=1"
    assert "密码已过期" in client.get(response["Location"]).content.decode()
    settings.FAZHI_PASSWORD_MAX_AGE_DAYS = 0
    assert client.get("/core/units/").status_code == 200


def test_idle_session_is_signed_out(client, make_user, settings):
    settings.FAZHI_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(make_user(username="official"))
    assert client.get("/core/units/").status_code == 200
    session = client.session
    session["last_seen"] = int(timezone.now().timestamp()) - 31 * 60
    session.save()
    response = client.get("/core/units/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session


def test_administrator_enrols_and_verifies_a_totp_token_before_the_admin(client, db):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin = User.objects.create_superuser("root", password="Root-Password-9")
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/account/second-factor/?next=/admin/"
    page = client.get(response["Location"]).content.decode()
    assert "data:image/svg+xml" in page
    device = TOTPDevice.objects.get(user=admin)
    assert not device.confirmed
    wrong = client.post(response["Location"], {"token": "000000"})
    assert "验证码不正确" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes a retry wait after a wrong code
    token = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    done = client.post(response["Location"], {"token": token})
    assert done.status_code == 302 and done["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(action="core.second_factor_enrol").count() == 1


def test_admin_edits_are_audited(client, db):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    admin = User.objects.create_superuser("root", password="Root-Password-9")
    LogEntry.objects.log_actions(
        user_id=admin.pk,
        queryset=User.objects.filter(pk=admin.pk),
        action_flag=CHANGE,
        change_message="changed roles",
    )
    event = AuditEvent.objects.get(action="core.admin_change")
    assert event.object_type == ContentType.objects.get_for_model(User).app_label + ".user"
    assert event.actor_id == admin.pk


def test_api_docs_and_schema_are_for_signed_in_users(client, make_user):
    assert client.get("/api/docs").status_code == 302
    assert client.get("/api/openapi.json").status_code in (302, 401)
    client.force_login(make_user(username="official"))
    assert client.get("/api/docs").status_code == 200
    assert client.get("/api/openapi.json").status_code == 200
    page = client.get("/api/docs").content.decode()
    # Swagger UI from the installation's own static files: a CDN is blocked by the CSP and
    # unreachable on a government network.
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "https://" not in page and "<script>" not in page
