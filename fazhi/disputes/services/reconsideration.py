"""Reconsideration intake: application, supplement (补正), acceptance or refusal (Arts. 30-31)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from fazhi.core import dates, periods, validators
from fazhi.core.actors import SYSTEM, Actor, is_system, require_actor, user_or_none
from fazhi.core.errors import ApplicationError
from fazhi.core.models import OrgUnit
from fazhi.core.numbering import issue_number, region_initial
from fazhi.core.writes import created, guarded, require_perm, validate

from .. import querycode
from ..choices import Channel, Procedure, ReconsiderationStatus, SupplementStatus
from ..errors import DisputesError
from ..events import Event
from ..models import (
    ReconsiderationAttachment,
    ReconsiderationCase,
    ReconsiderationOffice,
    ReconsiderationSuspension,
    SupplementRequest,
)
from ..periods import by_procedure
from .common import (
    due_fields,
    not_before,
    party_id,
    past,
    refuse,
    set_due,
    text,
    validate_upload,
)

RS = ReconsiderationStatus
HANDLE = "disputes.handle_reconsideration"


@dataclass
class Application:
    """What an applicant hands in, at the counter or online."""

    applicant_kind: str
    applicant_name: str
    respondent: OrgUnit | None
    act_description: str
    act_known_on: dt.date | None
    request: str
    facts_reasons: str = ""
    applicant_id_number: str = ""
    applicant_phone: str = ""
    applicant_address: str = ""


def handled(
    case: ReconsiderationCase,
    *,
    actor: Actor,
    action: str,
    version: int | None,
    allowed=None,
    refusal: str = "",
    perm: str = HANDLE,
    denied: str = "",
) -> guarded:
    """`guarded` for a write on a reconsideration case by its office; `%(status)s` in the
    refusal names the case's status."""
    return guarded(
        ReconsiderationCase,
        case.pk,
        actor=actor,
        perm=perm,
        version=version,
        allowed=allowed,
        refusal=refusal % {"status": case.get_status_display()},
        action=action,
        denied=denied,
    )


def active_office(
    *, actor: Actor = None, respondent: OrgUnit | None = None
) -> ReconsiderationOffice:
    """The office that registers an application: the clerk's own, else the one of the
    respondent's region (a citizen online), else the only one there is."""
    offices = ReconsiderationOffice.objects.filter(is_active=True).select_related("unit")
    unit_id = getattr(actor, "unit_id", None)
    office = offices.filter(unit_id=unit_id).first() if unit_id else None
    if office is None and respondent is not None:
        office = offices.filter(unit__region_id=respondent.region_id).first()
    office = office or offices.first()
    if office is None:
        raise ApplicationError(_("尚未设置行政复议机构,请联系管理员"), code=DisputesError.NO_OFFICE)
    return office


def _next_number(office: ReconsiderationOffice, year: int) -> str:
    prefix = office.number_prefix or f"{region_initial(office.unit.region)}政复"
    return issue_number(ReconsiderationCase.objects.all(), prefix, year)


def _attach(case: ReconsiderationCase, files, actor: Actor) -> None:
    for upload in files:
        ReconsiderationAttachment.objects.create(
            case=case,
            file=upload,
            name=upload.name[:255],
            size=upload.size,
            uploaded_by=user_or_none(actor),
        )


@transaction.atomic
def reconsideration_apply(
    *,
    actor: Actor,
    application: Application,
    channel: str = Channel.ONLINE,
    received_on: dt.date | None = None,
    files=(),
) -> tuple[ReconsiderationCase, str]:
    """Register an application. A citizen on the portal (anonymous `actor`) applies online and
    gets the query code, shown once; office staff register counter, post and oral applications."""
    require_actor(actor)
    online = not is_system(actor) and not actor.is_authenticated
    if online:
        channel, received_on = Channel.ONLINE, dates.today()
    else:
        require_perm(actor, HANDLE, message=_("只有行政复议机构工作人员可以登记复议申请"))
        if channel == Channel.ONLINE:
            raise refuse(
                _("网上申请由申请人在公开门户提交"),
                "channel",
                _("请选择窗口、邮寄或口头"),
                code=DisputesError.ONLINE_ON_PORTAL,
            )
    a = application
    if a.respondent is None:
        raise refuse(_("请选择被申请人(作出行政行为的行政机关)"), "respondent", _("必填"))
    validators.meaningful_text(
        a.applicant_name, label=_("申请人姓名或名称"), field="applicant_name"
    )
    validators.meaningful_text(a.request, label=_("复议请求"), field="request")
    phone = (
        validators.phone(a.applicant_phone, field="applicant_phone")
        if (a.applicant_phone or "").strip()
        else ""
    )
    past(received_on, "received_on", _("收到申请日期"))
    past(a.act_known_on, "act_known_on", _("知道该行政行为的日期"))
    if a.act_known_on > received_on:
        raise refuse(
            _("知道行政行为的日期不能晚于提出申请的日期"),
            "act_known_on",
            _("晚于申请日期"),
            code=DisputesError.TOO_EARLY,
        )
    id_number = party_id(a.applicant_kind, a.applicant_id_number)
    for upload in files:
        validate_upload(upload)
    office = active_office(actor=actor, respondent=a.respondent)
    code = querycode.new_code() if online else ""
    case = ReconsiderationCase(
        office=office,
        number=_next_number(office, received_on.year),
        channel=channel,
        applicant_kind=a.applicant_kind,
        applicant_name=a.applicant_name.strip(),
        applicant_id_number=id_number,
        applicant_phone=phone,
        applicant_address=a.applicant_address.strip(),
        respondent=a.respondent,
        act_description=a.act_description.strip(),
        act_known_on=a.act_known_on,
        request=a.request.strip(),
        facts_reasons=a.facts_reasons.strip(),
        received_on=received_on,
        **due_fields("acceptance_due", "disputes.recon_acceptance", received_on),
        query_code_digest=querycode.digest(code) if online else "",
        created_by=user_or_none(actor),
    )
    created(case, actor=actor, action=Event.RECONSIDERATION_APPLY, note={"files": len(files)})
    _attach(case, files, actor)
    return case, code


@transaction.atomic
def reconsideration_request_supplement(
    *,
    actor: Actor,
    case: ReconsiderationCase,
    requested_on: dt.date,
    items: str,
    version: int | None = None,
) -> SupplementRequest:
    g = handled(
        case,
        actor=actor,
        action=Event.RECONSIDERATION_REQUEST_SUPPLEMENT,
        version=version,
        allowed=(RS.RECEIVED,),
        refusal=_("案件当前状态为“%(status)s”,不能再要求补正"),
    )
    with g as case:
        if case.supplements.exists():
            raise ApplicationError(
                _("补正通知应一次性告知需要补正的全部材料,本案已发过补正通知"),
                code=DisputesError.SUPPLEMENT_ONCE,
            )
        past(requested_on, "requested_on", _("补正通知日期"))
        not_before(
            requested_on, case.received_on, "requested_on", _("补正通知日期不能早于收到申请日期")
        )
        latest = periods.due("disputes.recon_supplement_notice", case.received_on)
        if requested_on > latest.date:
            raise refuse(
                _("补正通知应在收到申请后 5 个工作日内发出(最迟 %(date)s)")
                % {"date": dates.day(latest.date)},
                "requested_on",
                _("超过期限"),
                code=DisputesError.PERIOD_PASSED,
            )
        items = text(items, "items", _("请列明需要补正的材料"))
        sup = SupplementRequest(
            case=case,
            requested_on=requested_on,
            items=items,
            **due_fields("reply_due", "disputes.recon_supplement_reply", requested_on),
        )
        validate(sup)
        sup.save()
        case.status, case.acceptance_due = RS.SUPPLEMENT, None
        g.note(reply_due=sup.reply_due, items=items)
    return sup


@transaction.atomic
def reconsideration_record_supplement(
    *,
    actor: Actor,
    case: ReconsiderationCase,
    supplied_on: dt.date,
    files=(),
    version: int | None = None,
) -> ReconsiderationCase:
    """Materials arrived: the acceptance review starts again from that day (Art. 31)."""
    g = handled(
        case,
        actor=actor,
        action=Event.RECONSIDERATION_RECORD_SUPPLEMENT,
        version=version,
        allowed=(RS.SUPPLEMENT,),
        refusal=_("本案没有待补正的通知"),
    )
    with g as case:
        sup = case.supplements.select_for_update().get(status=SupplementStatus.PENDING)
        past(supplied_on, "supplied_on", _("补正日期"))
        not_before(supplied_on, sup.requested_on, "supplied_on", _("补正日期不能早于补正通知日期"))
        for upload in files:
            validate_upload(upload)
        sup.supplied_on, sup.status = supplied_on, SupplementStatus.SUPPLIED
        sup.save(update_fields=["supplied_on", "status", "updated_at"])
        _attach(case, files, actor)
        case.status = RS.RECEIVED
        set_due(case, "acceptance_due", "disputes.recon_acceptance", supplied_on)
        g.note(supplied_on=supplied_on, files=len(files))
    return case


def suspended_days(case: ReconsiderationCase) -> int:
    """Calendar days the case spent suspended (ended suspensions); they do not count (Art. 39)."""
    return sum(
        (s.resumed_on - s.started_on).days
        for s in ReconsiderationSuspension.objects.filter(case=case, resumed_on__isnull=False)
    )


def extension_days(case: ReconsiderationCase) -> int:
    return case.extensions.aggregate(total=Sum("days"))["total"] or 0


def set_decision_due(case: ReconsiderationCase, extra_days: int = 0) -> None:
    """The decision period from acceptance, plus approved extension days and suspended days."""
    days = extra_days + suspended_days(case)
    key = by_procedure("decision", case.procedure)
    set_due(case, "decision_due", key, case.accepted_on, extra_days=days)


def _set_accepted(case: ReconsiderationCase) -> None:
    """The clocks that start on acceptance: the copy to the respondent (Arts. 48, 54) and the
    decision (Art. 62)."""
    set_due(case, "copy_due", by_procedure("copy", case.procedure), case.accepted_on)
    set_decision_due(case)


@transaction.atomic
def reconsideration_accept(
    *,
    actor: Actor,
    case: ReconsiderationCase,
    accepted_on: dt.date,
    procedure: str,
    is_major: bool = False,
    version: int | None = None,
) -> ReconsiderationCase:
    with handled(
        case,
        actor=actor,
        action=Event.RECONSIDERATION_ACCEPT,
        version=version,
        allowed=(RS.RECEIVED,),
        refusal=_("案件当前状态为“%(status)s”,不能受理"),
    ) as case:
        if procedure not in Procedure.values:
            raise refuse(_("请选择审理程序(简易程序或普通程序)"), "procedure", _("必填"))
        past(accepted_on, "accepted_on", _("受理日期"))
        not_before(accepted_on, case.received_on, "accepted_on", _("受理日期不能早于收到申请日期"))
        if case.acceptance_due and accepted_on > case.acceptance_due:
            raise refuse(
                _("受理审查期限已于 %(date)s 届满,本案已视为受理,受理日期应为该日")
                % {"date": dates.day(case.acceptance_due)},
                "accepted_on",
                _("超过受理审查期限"),
                code=DisputesError.PERIOD_PASSED,
            )
        case.status, case.accepted_on, case.procedure = RS.ACCEPTED, accepted_on, procedure
        case.is_major = bool(is_major)
        _set_accepted(case)
    return case


@transaction.atomic
def reconsideration_refuse(
    *,
    actor: Actor,
    case: ReconsiderationCase,
    refused_on: dt.date,
    reason: str,
    version: int | None = None,
) -> ReconsiderationCase:
    with handled(
        case,
        actor=actor,
        action=Event.RECONSIDERATION_REFUSE,
        version=version,
        allowed=(RS.RECEIVED,),
        refusal=_("案件当前状态为“%(status)s”,不能作出不予受理决定"),
    ) as case:
        past(refused_on, "refused_on", _("不予受理日期"))
        not_before(
            refused_on, case.received_on, "refused_on", _("不予受理日期不能早于收到申请日期")
        )
        if case.acceptance_due and refused_on > case.acceptance_due:
            raise refuse(
                _("受理审查期限已于 %(date)s 届满,本案已视为受理,不能再不予受理")
                % {"date": dates.day(case.acceptance_due)},
                "refused_on",
                _("超过受理审查期限"),
                code=DisputesError.PERIOD_PASSED,
            )
        reason = text(reason, "reason", _("请写明不予受理的理由"))
        case.status, case.refused_on, case.refusal_reason = RS.REFUSED, refused_on, reason
    return case


def deem_accepted(on: dt.date) -> int:
    """Art. 30: no refusal within the review period means the case is accepted on its last day."""
    count = 0
    for pk in ReconsiderationCase.objects.filter(
        status=RS.RECEIVED, acceptance_due__lt=on
    ).values_list("pk", flat=True):
        with guarded(
            ReconsiderationCase,
            pk,
            actor=SYSTEM,
            allowed=(RS.RECEIVED,),
            action=Event.RECONSIDERATION_DEEMED_ACCEPTED,
        ) as case:
            case.status, case.accepted_on = RS.ACCEPTED, case.acceptance_due
            case.acceptance_deemed, case.procedure = True, Procedure.ORDINARY
            _set_accepted(case)
        count += 1
    return count


def abandon_unsupplied(on: dt.date) -> int:
    """Art. 31: materials not supplied within the period without good reason: abandoned."""
    count = 0
    for sup in (
        SupplementRequest.objects.select_for_update()
        .filter(status=SupplementStatus.PENDING, reply_due__lt=on)
        .order_by("pk")
    ):
        sup.status = SupplementStatus.ABANDONED
        sup.save(update_fields=["status", "updated_at"])
        g = guarded(
            ReconsiderationCase,
            sup.case_id,
            actor=SYSTEM,
            allowed=(RS.SUPPLEMENT,),
            action=Event.RECONSIDERATION_ABANDONED,
        )
        with g as case:
            case.status = RS.ABANDONED
            g.note(reply_due=sup.reply_due)
        count += 1
    return count
