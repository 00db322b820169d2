"""Guarded writes: the one opening and closing every state-changing service shares.

    @transaction.atomic
    def petition_accept(*, actor, petition_id: int, version: int | None, accepted_on: date):
        with guarded(Petition, petition_id, actor=actor, perm="disputes.handle_petition",
                     version=version, allowed=(PetitionStatus.REGISTERED,),
                     action=Event.PETITION_ACCEPT) as petition:
            petition.status = PetitionStatus.ACCEPTED
            petition.accepted_on = accepted_on
        return petition

On entry: the actor is required (`SYSTEM` for jobs), the row is locked, the permission is
checked with the object (django-rules), the version the user saw is compared, the status is
checked, and every concrete field is snapshotted. On a clean exit: the changed fields are
validated (`full_clean`), the version is bumped, only the changed fields are saved, and one
audit event records before and after. A refusal raises an `ApplicationError` and writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from . import audit
from .actors import Actor, require_actor
from .errors import (
    ApplicationError,
    Conflict,
    CoreError,
    NotFound,
    PermissionDenied,
    from_validation_error,
)

ACTION_NAME = re.compile(r"^[a-z]+\.[a-z][a-z_]*$")


def _check_action(action: str) -> str:
    if not ACTION_NAME.match(str(action)):
        raise ValueError(f"audit action {action!r} must read app.entity_verb")
    return str(action)


def require_perm(actor: Actor, perm: str | None, obj: Any = None, message: str = "") -> None:
    """Refuse unless `actor` holds `perm` (for `obj`, when given)."""
    require_actor(actor)
    if perm and not actor.has_perm(perm, obj):
        raise PermissionDenied(message or _("您无权进行此操作"))


def field_values(obj: models.Model) -> dict[str, Any]:
    """Every concrete field by attribute name (`unit_id`, not `unit`)."""
    return {f.attname: f.value_from_object(obj) for f in obj._meta.concrete_fields}


def validate(obj: models.Model, *, fields: Iterable[str] | None = None) -> None:
    """`full_clean` limited to `fields` (attribute or field names); refusals as ApplicationError."""
    exclude = None
    if fields is not None:
        wanted = set(fields)
        exclude = [
            f.name
            for f in obj._meta.concrete_fields
            if f.name not in wanted and f.attname not in wanted
        ]
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise from_validation_error(exc) from exc


def check_version(obj: models.Model, version: int | str | None) -> None:
    """Compare the version the user saw with the row's; `None` (jobs, CLI) is not compared."""
    if version is None or version == "":
        return
    try:
        seen = int(version)
    except (TypeError, ValueError) as exc:
        raise Conflict(_("页面信息已过期,请刷新页面后重试")) from exc
    if seen != obj.version:
        raise Conflict(_("“%(object)s”已被他人修改,请刷新页面后重试") % {"object": obj})


def check_status(
    obj: models.Model, allowed: Iterable[str], *, field: str = "status", message: str = ""
) -> None:
    current = getattr(obj, field)
    if current not in tuple(allowed):
        label = getattr(obj, f"get_{field}_display", lambda: current)()
        raise ApplicationError(
            message or _("当前状态为“%(status)s”,不能进行此操作") % {"status": label},
            code=CoreError.WRONG_STATUS,
        )


class guarded:  # noqa: N801 - used as a context manager, reads like a statement
    """Lock, check and audit one row; see the module docstring."""

    def __init__(
        self,
        model: type[models.Model],
        pk: Any,
        *,
        actor: Actor,
        action: str,
        perm: str | None = None,
        version: int | str | None = None,
        allowed: Iterable[str] | None = None,
        status_field: str = "status",
        denied: str = "",
        refusal: str = "",
        queryset: models.QuerySet | None = None,
    ):
        self.model = model
        self.pk = pk
        self.actor = require_actor(actor)
        self.action = _check_action(action)
        self.perm = perm
        self.version = version
        self.allowed = tuple(allowed) if allowed is not None else None
        self.status_field = status_field
        self.denied = denied
        self.refusal = refusal
        self.queryset = queryset
        self.extra: dict[str, Any] = {}
        self.obj: models.Model | None = None
        self._before: dict[str, Any] = {}

    def __enter__(self) -> Any:
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("guarded() must run inside the service's transaction")
        qs = self.queryset if self.queryset is not None else self.model._default_manager.all()
        try:
            obj = qs.select_for_update(of=("self",)).get(pk=self.pk)
        except (self.model.DoesNotExist, ValueError, TypeError) as exc:
            raise NotFound(_("记录不存在或您无权查看")) from exc
        require_perm(self.actor, self.perm, obj, self.denied)
        if hasattr(obj, "version"):
            check_version(obj, self.version)
        if self.allowed is not None:
            check_status(obj, self.allowed, field=self.status_field, message=self.refusal)
        self.obj = obj
        self._before = field_values(obj)
        return obj

    def note(self, **values: Any) -> None:
        """Add facts to the audit event that are not fields of the row (a file name, a count)."""
        self.extra.update(values)

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is not None:
            return False
        obj = self.obj
        after = field_values(obj)
        skip = {"version", "updated_at", "created_at"}
        changed = [k for k, v in after.items() if v != self._before[k] and k not in skip]
        validate(obj, fields=changed)
        update_fields = list(changed)
        if hasattr(obj, "version"):
            obj.version += 1
            update_fields.append("version")
        if any(f.attname == "updated_at" for f in obj._meta.concrete_fields):
            update_fields.append("updated_at")
        if update_fields:
            obj.save(update_fields=update_fields)
        audit.record(
            actor=self.actor,
            action=self.action,
            obj=obj,
            before={k: audit.jsonable(self._before[k]) for k in changed} or None,
            after={**{k: audit.jsonable(after[k]) for k in changed}, **audit.jsonable(self.extra)}
            or None,
        )
        return False


def created(
    obj: models.Model,
    *,
    actor: Actor,
    action: str,
    perm: str | None = None,
    denied: str = "",
    note: dict[str, Any] | None = None,
) -> Any:
    """Validate, save and audit a new row (the creating half of `guarded`)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("created() must run inside the service's transaction")
    require_perm(actor, perm, obj, denied)
    validate(obj)
    obj.save(force_insert=True)
    values = {k: audit.jsonable(v) for k, v in field_values(obj).items() if v not in (None, "")}
    audit.record(
        actor=actor,
        action=_check_action(action),
        obj=obj,
        after={**values, **audit.jsonable(note or {})},
    )
    return obj
