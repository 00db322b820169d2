"""Bodies, their matters lists, officers, credentials, training and recorded relations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import dates
from fazhi.core.actors import Actor, user_or_none
from fazhi.core.errors import ApplicationError
from fazhi.core.writes import created, guarded, require_perm

from ..errors import EnforcementError
from ..events import Event
from ..models import (
    Credential,
    EnforcementBody,
    EnforcementMatter,
    Officer,
    OfficerRelation,
    TrainingRecord,
    TrainingSession,
)
from .common import check_power_item, clean_resident_id

CREDENTIALS_DENIED = gettext_lazy("执法证件和培训学时由司法局(或执法证件管理员)登记")


@transaction.atomic
def body_create(*, actor: Actor, unit, case_prefix: str, phone: str = "") -> EnforcementBody:
    body = EnforcementBody(unit=unit, case_prefix=case_prefix.strip(), phone=phone.strip())
    return created(
        body,
        actor=actor,
        action=Event.BODY_CREATE,
        perm="enforcement.manage_body",
        denied=_("只有依法治县办可以进行此操作"),
    )


@transaction.atomic
def body_update(
    *, actor: Actor, body: EnforcementBody, version: int | None = None, **values
) -> EnforcementBody:
    """Change a body's case-number prefix, phone or status (the admin writes through here)."""
    with guarded(
        EnforcementBody,
        body.pk,
        actor=actor,
        action=Event.BODY_UPDATE,
        perm="enforcement.manage_body",
        denied=_("只有依法治县办可以进行此操作"),
    ) as row:
        for name in ("case_prefix", "phone", "is_active"):
            if name in values:
                value = values[name]
                setattr(row, name, value.strip() if isinstance(value, str) else value)
    return row


@transaction.atomic
def matter_create(
    *,
    actor: Actor,
    body: EnforcementBody,
    name: str,
    matter_type: str,
    legal_basis: str,
    in_random_inspection: bool = False,
    power_item=None,
) -> EnforcementMatter:
    """A matter of the body's list; `power_item`, if given, is of its power list in force."""
    require_perm(actor, "enforcement.manage_matter", body, _("只能维护本单位的执法事项"))
    check_power_item(body, power_item, kind=matter_type, on=dates.today())
    matter = EnforcementMatter(
        body=body,
        name=name.strip(),
        matter_type=matter_type,
        legal_basis=legal_basis.strip(),
        in_random_inspection=in_random_inspection,
        power_item=power_item,
    )
    return created(matter, actor=actor, action=Event.MATTER_CREATE)


@transaction.atomic
def matter_link_power_item(
    *, actor: Actor, matter: EnforcementMatter, power_item
) -> EnforcementMatter:
    """Point a matter at an item of its body's power list in force (after a new list is
    published, a flagged matter is re-linked here or removed)."""
    body = matter.body
    require_perm(actor, "enforcement.manage_matter", body, _("只能维护本单位的执法事项"))
    check_power_item(body, power_item, kind=matter.matter_type, on=dates.today())
    with guarded(
        EnforcementMatter,
        matter.pk,
        actor=actor,
        action=Event.MATTER_LINK_POWER_ITEM,
        perm="enforcement.manage_matter",
        denied=_("只能维护本单位的执法事项"),
        queryset=EnforcementMatter.objects.select_related("body"),
    ) as row:
        row.power_item = power_item
    return row


@transaction.atomic
def officer_create(
    *,
    actor: Actor,
    body: EnforcementBody,
    full_name: str,
    resident_id: str = "",
    position: str = "",
    user=None,
) -> Officer:
    require_perm(actor, "enforcement.manage_officer", body, _("只能维护本单位的执法人员"))
    if resident_id:
        resident_id = clean_resident_id(resident_id, "resident_id")
    officer = Officer(
        body=body,
        full_name=full_name.strip(),
        resident_id=resident_id,
        position=position.strip(),
        user=user,
    )
    return created(officer, actor=actor, action=Event.OFFICER_CREATE)


@transaction.atomic
def credential_issue(
    *,
    actor: Actor,
    officer: Officer,
    number: str,
    kind: str,
    issued_on: dt.date,
    valid_until: dt.date,
) -> Credential:
    """Issue a credential: the justice bureau's act (天发〔2022〕42号), never the officer's body."""
    require_perm(actor, "enforcement.administer_credentials", officer, str(CREDENTIALS_DENIED))
    if valid_until < issued_on:
        message = _("有效期至不能早于发证日期")
        raise ApplicationError(
            message, code=EnforcementError.REFUSED, fields={"valid_until": [message]}
        )
    credential = Credential(
        officer=officer,
        number=number.strip(),
        kind=kind,
        issued_on=issued_on,
        valid_until=valid_until,
    )
    return created(credential, actor=actor, action=Event.CREDENTIAL_ISSUE)


@transaction.atomic
def credential_set_status(*, actor: Actor, credential: Credential, status: str) -> Credential:
    """Suspend, revoke or restore a credential (暂扣、注销)."""
    with guarded(
        Credential,
        credential.pk,
        actor=actor,
        action=Event.CREDENTIAL_SET_STATUS,
        perm="enforcement.administer_credentials",
        denied=str(CREDENTIALS_DENIED),
    ) as row:
        row.status = status
    return row


@transaction.atomic
def training_session_create(
    *, actor: Actor, course: str, held_on: dt.date, hours: Decimal, organiser: str
) -> TrainingSession:
    """Record a training the justice bureau held or recognised; officers' hours come from it."""
    require_perm(actor, "enforcement.administer_credentials", None, str(CREDENTIALS_DENIED))
    if hours is None or Decimal(hours) <= 0:
        message = _("学时必须大于0")
        raise ApplicationError(message, code=EnforcementError.REFUSED, fields={"hours": [message]})
    session = TrainingSession(
        course=course.strip(),
        held_on=held_on,
        hours=hours,
        organiser=organiser.strip(),
        recorded_by=user_or_none(actor),
    )
    return created(session, actor=actor, action=Event.TRAINING_SESSION_CREATE)


@transaction.atomic
def training_record(*, actor: Actor, officer: Officer, session: TrainingSession) -> TrainingRecord:
    """An officer attended a recorded training: the hours are the training's, not typed in."""
    require_perm(actor, "enforcement.administer_credentials", officer, str(CREDENTIALS_DENIED))
    if TrainingRecord.objects.filter(officer=officer, session=session).exists():
        raise ApplicationError(
            _("%(name)s的这次培训已登记") % {"name": officer.full_name},
            code=EnforcementError.DUPLICATE,
        )
    record = TrainingRecord(
        officer=officer,
        session=session,
        trained_on=session.held_on,
        course=session.course,
        hours=session.hours,
    )
    return created(record, actor=actor, action=Event.TRAINING_RECORD)


@transaction.atomic
def relation_record(*, actor: Actor, officer: Officer, target, relation: str) -> OfficerRelation:
    require_perm(
        actor, "enforcement.record_relation", officer, _("只能登记本单位执法人员的回避关系")
    )
    row = OfficerRelation(officer=officer, target=target, relation=relation.strip())
    return created(row, actor=actor, action=Event.RELATION_RECORD)
