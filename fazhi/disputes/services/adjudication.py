"""Administrative adjudication (行政裁决): the catalogue of matters and the cases under it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core.actors import Actor
from fazhi.core.models import OrgUnit
from fazhi.core.writes import created, guarded, require_perm

from ..choices import AdjudicationStatus
from ..events import Event
from ..models import AdjudicationCase, AdjudicationItem
from .common import casework_step, casework_unit, not_before, past, refuse, register_case, stripped
from .common import text as required_text


@transaction.atomic
def adjudication_item_save(
    *, actor: Actor, name: str, legal_basis: str, unit: OrgUnit | None
) -> AdjudicationItem:
    """Add a matter to the catalogue, or restore and update one of the same unit and name."""
    require_perm(
        actor, "disputes.handle_reconsideration", message=_("行政裁决事项目录由县司法局统一管理")
    )
    if unit is None:
        raise refuse(_("请选择实施主体"), "unit", _("必填"))
    name, legal_basis = (name or "").strip(), (legal_basis or "").strip()
    existing = AdjudicationItem.objects.filter(unit=unit, name=name).first()
    if existing is None:
        item = AdjudicationItem(unit=unit, name=name, legal_basis=legal_basis)
        return created(item, actor=actor, action=Event.ADJUDICATION_ITEM_SAVE)
    with guarded(
        AdjudicationItem, existing.pk, actor=actor, action=Event.ADJUDICATION_ITEM_SAVE
    ) as item:
        item.legal_basis, item.is_active = legal_basis, True
    return item


@transaction.atomic
def adjudication_register(
    *,
    actor: Actor,
    item: AdjudicationItem | None,
    applicant_name: str,
    other_party: str,
    received_on: dt.date,
) -> AdjudicationCase:
    if item is None:
        raise refuse(_("请选择裁决事项"), "item", _("必填"))
    casework_unit(actor, item.unit, _("实施主体"))
    past(received_on, "received_on", _("受理日期"))
    case = AdjudicationCase(
        item=item,
        received_on=received_on,
        **stripped(applicant_name=applicant_name, other_party=other_party),
    )
    return register_case(
        case, actor=actor, unit=item.unit, mark="裁", action=Event.ADJUDICATION_REGISTER
    )


@transaction.atomic
def adjudication_decide(
    *, actor: Actor, case: AdjudicationCase, decided_on: dt.date, result: str
) -> AdjudicationCase:
    with casework_step(
        case,
        actor=actor,
        perm="disputes.change_adjudication",
        allowed=(AdjudicationStatus.PENDING,),
        refusal=_("该裁决案件已结案"),
        action=Event.ADJUDICATION_DECIDE,
    ) as case:
        past(decided_on, "decided_on", _("裁决日期"))
        not_before(decided_on, case.received_on, "decided_on", _("裁决日期不能早于受理日期"))
        case.result = required_text(result, "result", _("请填写裁决结果"))
        case.status, case.decided_on = AdjudicationStatus.DECIDED, decided_on
    return case
