"""Petitions (信访事项) under the 2022 regulation: acceptance notice in 15 days (Arts. 22-23),
handling in 60 days from acceptance, extendable by at most 30 (Art. 34)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dates, periods
from fazhi.core.actors import Actor
from fazhi.core.errors import ApplicationError
from fazhi.core.models import OrgUnit

from ..choices import Channel, PetitionReply, PetitionStatus
from ..errors import DisputesError
from ..events import Event
from ..models import Petition
from .common import (
    casework_step,
    casework_unit,
    due_fields,
    not_before,
    past,
    refuse,
    register_case,
    set_due,
    stripped,
)
from .common import text as required_text


@transaction.atomic
def petition_register(
    *,
    actor: Actor,
    unit: OrgUnit | None,
    petitioner_name: str,
    subject: str,
    content: str,
    received_on: dt.date,
    channel: str = Channel.COUNTER,
) -> Petition:
    unit = casework_unit(actor, unit, _("办理单位"))
    past(received_on, "received_on", _("收到日期"))
    petition = Petition(
        unit=unit,
        received_on=received_on,
        channel=channel,
        **due_fields("acceptance_due", "disputes.petition_acceptance", received_on),
        **stripped(petitioner_name=petitioner_name, subject=subject, content=content),
    )
    return register_case(
        petition, actor=actor, unit=unit, mark="信", action=Event.PETITION_REGISTER
    )


def _set_handling_due(petition: Petition) -> None:
    """The handling period from acceptance, plus the days it was extended (Art. 34)."""
    start, days = petition.accepted_on, petition.extension_days
    set_due(petition, "handling_due", "disputes.petition_handling", start, extra_days=days)


@transaction.atomic
def petition_accept(
    *, actor: Actor, petition: Petition, accepted_on: dt.date, redirect_route: str = ""
) -> Petition:
    """Accept a residual matter (60-day clock), or direct it to its statutory channel (Art. 31)."""
    with casework_step(
        petition,
        actor=actor,
        allowed=(PetitionStatus.RECEIVED,),
        refusal=_("该信访事项已受理或已导入其他途径"),
        action=Event.PETITION_ACCEPT,
    ) as petition:
        past(accepted_on, "accepted_on", _("受理日期"))
        not_before(accepted_on, petition.received_on, "accepted_on", _("受理日期不能早于收到日期"))
        petition.accepted_on = accepted_on
        if (redirect_route or "").strip():
            petition.status = PetitionStatus.REDIRECTED
            petition.redirect_route = redirect_route.strip()
        else:
            petition.status = PetitionStatus.ACCEPTED
            _set_handling_due(petition)
    return petition


@transaction.atomic
def petition_extend(*, actor: Actor, petition: Petition, days: int, reason: str) -> Petition:
    g = casework_step(
        petition,
        actor=actor,
        allowed=(PetitionStatus.ACCEPTED,),
        refusal=_("只有办理中的信访事项可以延期"),
        action=Event.PETITION_EXTEND,
    )
    with g as petition:
        cap = periods.value("disputes.petition_extension_max")
        if days is None or days < 1 or petition.extension_days + days > cap:
            raise ApplicationError(
                _("办理期限最多延长 %(cap)s 日,已延长 %(used)s 日")
                % {"cap": cap, "used": petition.extension_days},
                code=DisputesError.EXTENSION_CAP,
                fields={"days": _("超过上限")},
            )
        if petition.handling_due < dates.today():
            raise ApplicationError(_("办理期限已过,不能再延长"), code=DisputesError.PERIOD_PASSED)
        petition.extension_reason = required_text(
            reason, "reason", _("请写明延期理由(需告知信访人)")
        )
        petition.extension_days += days
        _set_handling_due(petition)
        g.note(days=days)
    return petition


@transaction.atomic
def petition_reply(
    *, actor: Actor, petition: Petition, replied_on: dt.date, reply_kind: str, text: str
) -> Petition:
    with casework_step(
        petition,
        actor=actor,
        allowed=(PetitionStatus.ACCEPTED,),
        refusal=_("只有已受理、办理中的信访事项可以出具处理意见"),
        action=Event.PETITION_REPLY,
    ) as petition:
        if reply_kind not in PetitionReply.values:
            raise refuse(_("请选择处理意见(支持、解释说明或不予支持)"), "reply_kind", _("必填"))
        past(replied_on, "replied_on", _("出具日期"))
        not_before(replied_on, petition.accepted_on, "replied_on", _("出具日期不能早于受理日期"))
        petition.reply_text = required_text(text, "text", _("请填写处理意见书内容"))
        petition.status, petition.replied_on = PetitionStatus.REPLIED, replied_on
        petition.reply_kind = reply_kind
    return petition
