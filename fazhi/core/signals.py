"""Audit events for what happens outside the services: sign-ins, sign-outs, failed sign-ins,
changes to a user's roles or administrator flags however they are made, and admin-site edits."""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from . import audit
from .actors import SYSTEM
from .clientip import client_ip

PRIVILEGE_FIELDS = ("roles", "is_staff", "is_superuser", "is_active", "unit_id")
ADMIN_ACTIONS = {1: "add", 2: "change", 3: "delete"}
_AUDITED_BY_CALLER: ContextVar[bool] = ContextVar("audited_by_caller", default=False)


@contextmanager
def audited_by_caller():
    """Inside: the caller records the one audit event itself (`core.admin.AuditedModelAdmin`, or
    the service an admin page calls), so an admin LogEntry or a privilege change made here is
    not audited a second time."""
    token = _AUDITED_BY_CALLER.set(True)
    try:
        yield
    finally:
        _AUDITED_BY_CALLER.reset(token)


def _ip(request) -> str:
    return client_ip(request) if request is not None else ""


def _logged_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        # The idle clock (AccountPolicyMiddleware) starts now, saved with the login's session.
        request.session["last_seen"] = int(time.time())
    with transaction.atomic():
        audit.record(actor=user, action="core.login", obj=user, after={"ip": _ip(request)})


def _logged_out(sender, request, user, **kwargs) -> None:
    if user is None or not user.is_authenticated:
        return
    with transaction.atomic():
        audit.record(actor=user, action="core.logout", obj=user, after={"ip": _ip(request)})


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str((credentials or {}).get("username", ""))[:150]
    with transaction.atomic():
        audit.record(
            actor=SYSTEM,
            action="core.login_failed",
            object_type="core.user",
            object_id=username[:64],
            object_repr=username,
            after={"username": username, "ip": _ip(request)},
        )


def _remember_privileges(sender, instance, raw=False, **kwargs) -> None:
    """Keep the stored privileges for the after-save comparison; date a new password."""
    if raw:
        return
    before = None
    if instance.pk is not None:
        before = (
            sender._base_manager.filter(pk=instance.pk)
            .values(*PRIVILEGE_FIELDS, "password")
            .first()
        )
    if before is None or before.pop("password") != instance.password:
        instance.password_changed_at = timezone.now()
    instance._privileges_before = before


def _privileges_changed(sender, instance, created, raw=False, **kwargs) -> None:
    if raw or _AUDITED_BY_CALLER.get():
        return
    before = getattr(instance, "_privileges_before", None)
    after = {f: getattr(instance, f) for f in PRIVILEGE_FIELDS}
    # A new account is audited by the service or admin page that creates it.
    if created or before is None or before == after:
        return
    changed = [f for f in PRIVILEGE_FIELDS if before.get(f) != after[f]]
    with transaction.atomic():
        audit.record(
            actor=SYSTEM,
            action="core.user_privileges_change",
            obj=instance,
            before={f: before.get(f) for f in changed},
            after={f: after[f] for f in changed},
        )


def _admin_edit(sender, instance: LogEntry, created, raw=False, **kwargs) -> None:
    """An admin LogEntry written outside an audited admin (another app's plain ModelAdmin)."""
    if raw or not created or _AUDITED_BY_CALLER.get():
        return
    with transaction.atomic():
        audit.record(
            actor=instance.user,
            action=f"core.admin_{ADMIN_ACTIONS.get(instance.action_flag, 'edit')}",
            object_type=(
                f"{instance.content_type.app_label}.{instance.content_type.model}"
                if instance.content_type_id
                else ""
            ),
            object_id=str(instance.object_id or "")[:64],
            object_repr=instance.object_repr,
            after={"change": instance.get_change_message()},
        )


def connect() -> None:
    user = get_user_model()
    user_logged_in.connect(_logged_in, dispatch_uid="core.audit.login")
    user_logged_out.connect(_logged_out, dispatch_uid="core.audit.logout")
    user_login_failed.connect(_login_failed, dispatch_uid="core.audit.login_failed")
    pre_save.connect(_remember_privileges, sender=user, dispatch_uid="core.audit.priv_before")
    post_save.connect(_privileges_changed, sender=user, dispatch_uid="core.audit.priv_after")
    post_save.connect(_admin_edit, sender=LogEntry, dispatch_uid="core.audit.admin")
