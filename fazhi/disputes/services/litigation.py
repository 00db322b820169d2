"""Administrative litigation in which a unit is the defendant (行政应诉): defence within 15 days
(行政诉讼法 Art. 67), court sessions and who appeared for the unit, the outcome."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core.actors import Actor, user_or_none
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import OrgUnit
from fazhi.core.numbering import court_name
from fazhi.core.writes import created, guarded, require_perm, validate

from ..choices import HEAD_APPEARANCES, Appearance, LitigationStatus, Outcome
from ..errors import DisputesError
from ..events import Event
from ..models import CourtHearing, LitigationCase, ReconsiderationCase
from .common import due_fields, not_before, past, refuse, stripped

CHANGE = "disputes.change_litigation"


@transaction.atomic
def litigation_register(
    *,
    actor: Actor,
    court_case_number: str,
    defendant: OrgUnit | None,
    plaintiff_name: str,
    cause: str,
    filed_on: dt.date,
    served_on: dt.date,
    court: str = "",
    instance: str = "first",
    head_notified: bool = False,
    reconsideration: ReconsiderationCase | None = None,
) -> LitigationCase:
    require_perm(
        actor,
        "disputes.add_litigation",
        message=_("只有被告单位填报员或行政复议机构可以登记应诉案件"),
    )
    if defendant is None:
        raise refuse(_("请选择被告单位"), "defendant", _("必填"))
    if not actor.has_perm("disputes.handle_reconsideration") and defendant.pk != actor.unit_id:
        raise PermissionDenied(_("只能登记本单位作为被告的案件"))
    past(filed_on, "filed_on", _("立案日期"))
    past(served_on, "served_on", _("送达日期"))
    not_before(served_on, filed_on, "served_on", _("起诉状副本送达日期不能早于立案日期"))
    case = LitigationCase(
        court=(court or "").strip() or court_name(defendant.region),
        instance=instance,
        defendant=defendant,
        **stripped(court_case_number=court_case_number, plaintiff_name=plaintiff_name, cause=cause),
        filed_on=filed_on,
        served_on=served_on,
        **due_fields("defence_due", "disputes.lit_defence", served_on),
        head_notified=bool(head_notified),
        reconsideration=reconsideration,
        created_by=user_or_none(actor),
    )
    return created(case, actor=actor, action=Event.LITIGATION_REGISTER)


class _pending(guarded):  # noqa: N801 - used as a context manager, like guarded
    """`guarded` for a step of a lawsuit by the defendant unit or the reconsideration office
    (refused with `denied`); once the case is closed the step is refused: "案件已结案,`closed`"."""

    def __init__(self, case_pk: int, *, actor: Actor, action: str, version, denied: str, closed):
        super().__init__(
            LitigationCase,
            case_pk,
            actor=actor,
            perm=CHANGE,
            version=version,
            denied=denied,
            action=action,
        )
        self.closed = closed

    def __enter__(self) -> LitigationCase:
        case = super().__enter__()
        if case.status != LitigationStatus.PENDING:
            raise ApplicationError(
                _("案件已结案,%(message)s") % {"message": self.closed},
                code=DisputesError.CASE_CLOSED,
            )
        return case


@transaction.atomic
def litigation_submit_defence(
    *, actor: Actor, case: LitigationCase, submitted_on: dt.date, version: int | None = None
) -> LitigationCase:
    g = _pending(
        case.pk,
        actor=actor,
        action=Event.LITIGATION_SUBMIT_DEFENCE,
        version=version,
        denied=_("只有被告单位或行政复议机构可以登记答辩"),
        closed=_("不能再登记答辩"),
    )
    with g as case:
        past(submitted_on, "submitted_on", _("提交答辩日期"))
        not_before(submitted_on, case.served_on, "submitted_on", _("提交答辩日期不能早于送达日期"))
        case.defence_submitted_on = submitted_on
        g.note(on_time=submitted_on <= case.defence_due)
    return case


@transaction.atomic
def litigation_record_hearing(
    *,
    actor: Actor,
    case: LitigationCase,
    held_on: dt.date,
    appearance: str,
    head_name: str = "",
    head_title: str = "",
    head_spoke: bool = False,
    staff_names: str = "",
    absence_reason: str = "",
    version: int | None = None,
) -> CourtHearing:
    g = _pending(
        case.pk,
        actor=actor,
        action=Event.LITIGATION_RECORD_HEARING,
        version=version,
        denied=_("只有被告单位或行政复议机构可以登记出庭情况"),
        closed=_("不能再登记庭审"),
    )
    with g as case:
        if appearance not in Appearance.values:
            raise refuse(_("请选择出庭情况"), "appearance", _("必填"))
        past(held_on, "held_on", _("开庭日期"))
        not_before(held_on, case.filed_on, "held_on", _("开庭日期不能早于立案日期"))
        head = appearance in HEAD_APPEARANCES
        if head and not (head_name or "").strip():
            raise refuse(_("负责人出庭的,请填写出庭负责人姓名和职务"), "head_name", _("必填"))
        if not head and not (absence_reason or "").strip():
            raise refuse(
                _("负责人未出庭的,请写明理由(不可抗力、意外事件、需履行他人不能代替的公务等)"),
                "absence_reason",
                _("必填"),
            )
        hearing = CourtHearing(
            case=case,
            held_on=held_on,
            appearance=appearance,
            head_name=(head_name or "").strip() if head else "",
            head_title=(head_title or "").strip() if head else "",
            head_spoke=bool(head_spoke) and head,
            staff_names=(staff_names or "").strip(),
            absence_reason="" if head else absence_reason.strip(),
            recorded_by=actor,
        )
        validate(hearing)
        hearing.save()
        g.note(held_on=held_on, appearance=appearance, head_spoke=hearing.head_spoke)
    return hearing


@transaction.atomic
def litigation_close(
    *,
    actor: Actor,
    case: LitigationCase,
    closed_on: dt.date,
    outcome: str,
    summary: str = "",
    version: int | None = None,
) -> LitigationCase:
    with _pending(
        case.pk,
        actor=actor,
        action=Event.LITIGATION_CLOSE,
        version=version,
        denied=_("只有被告单位或行政复议机构可以登记结案"),
        closed=_("不能重复结案"),
    ) as case:
        if outcome not in Outcome.values:
            raise refuse(_("请选择案件结果"), "outcome", _("必填"))
        past(closed_on, "closed_on", _("结案日期"))
        not_before(closed_on, case.filed_on, "closed_on", _("结案日期不能早于立案日期"))
        case.status, case.closed_on, case.outcome = LitigationStatus.CLOSED, closed_on, outcome
        case.judgment_summary = (summary or "").strip()
    return case
