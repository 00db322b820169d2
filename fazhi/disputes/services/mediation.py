"""Mediation of civil disputes (行政调解, 人民调解, 诉前调解) and judicial confirmation."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core.actors import Actor
from fazhi.core.models import OrgUnit

from ..choices import MediationStatus
from ..events import Event
from ..models import MediationCase
from .common import casework_step, casework_unit, not_before, past, register_case, stripped
from .common import text as required_text


@transaction.atomic
def mediation_register(
    *,
    actor: Actor,
    unit: OrgUnit | None,
    kind: str,
    category: str,
    parties: str,
    subject: str,
    received_on: dt.date,
) -> MediationCase:
    unit = casework_unit(actor, unit, _("调解单位"))
    past(received_on, "received_on", _("受理日期"))
    case = MediationCase(
        unit=unit,
        kind=kind,
        received_on=received_on,
        **stripped(category=category, parties=parties, subject=subject),
    )
    return register_case(case, actor=actor, unit=unit, mark="调", action=Event.MEDIATION_REGISTER)


@transaction.atomic
def mediation_record_result(
    *, actor: Actor, case: MediationCase, agreed: bool, on: dt.date, summary: str = ""
) -> MediationCase:
    with casework_step(
        case,
        actor=actor,
        allowed=(MediationStatus.IN_PROGRESS,),
        refusal=_("该调解已有结果"),
        action=Event.MEDIATION_RECORD_RESULT,
    ) as case:
        past(on, "on", _("日期"))
        not_before(on, case.received_on, "on", _("日期不能早于受理日期"))
        if agreed:
            case.agreement_summary = required_text(summary, "summary", _("请填写协议内容"))
            case.status, case.agreement_on = MediationStatus.AGREED, on
        else:
            case.status, case.closed_on = MediationStatus.FAILED, on
    return case


@transaction.atomic
def mediation_refer_confirmation(
    *,
    actor: Actor,
    case: MediationCase,
    requested_on: dt.date,
    confirmed_on: dt.date | None = None,
) -> MediationCase:
    """Referral of an agreement to the court for judicial confirmation (司法确认), and its result."""
    with casework_step(
        case,
        actor=actor,
        allowed=(MediationStatus.AGREED,),
        refusal=_("只有达成调解协议的案件可以申请司法确认"),
        action=Event.MEDIATION_REFER_CONFIRMATION,
    ) as case:
        past(requested_on, "requested_on", _("申请日期"))
        not_before(requested_on, case.agreement_on, "requested_on", _("申请日期不能早于协议日期"))
        case.confirmation_requested_on = requested_on
        if confirmed_on:
            past(confirmed_on, "confirmed_on", _("确认日期"))
            not_before(confirmed_on, requested_on, "confirmed_on", _("确认日期不能早于申请日期"))
            case.confirmed_on = case.closed_on = confirmed_on
            case.status = MediationStatus.CONFIRMED
    return case
