"""Every write of the disputes app: permission check, validation, transaction, audit event."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from django.contrib.auth.models import AnonymousUser

from fazhi.core import audit, uploads, validators
from fazhi.core.actors import SYSTEM
from fazhi.core.errors import ApplicationError, Conflict, PermissionDenied
from fazhi.core.masking import mask_text
from fazhi.core.models import OrgUnit

from . import periods, querycode
from .choices import (
    HEAD_APPEARANCES,
    LAPSING_SUSPENSION_GROUNDS,
    AdjudicationStatus,
    Appearance,
    Channel,
    DecisionType,
    HearingKind,
    LetterKind,
    LitigationStatus,
    MediationStatus,
    Outcome,
    PartyKind,
    PetitionReply,
    PetitionStatus,
    Procedure,
    ReconsiderationStatus,
    SupplementStatus,
    SuspensionGround,
    TerminationGround,
)
from .models import (
    AdjudicationCase,
    AdjudicationItem,
    CourtHearing,
    DecisionExtension,
    LitigationCase,
    MediationCase,
    OversightLetter,
    Petition,
    ReconsiderationAttachment,
    ReconsiderationCase,
    ReconsiderationHearing,
    ReconsiderationOffice,
    ReconsiderationSuspension,
    SupplementRequest,
)

ALLOWED_UPLOADS = {
    ".pdf": "PDF",
    ".jpg": "JPG",
    ".jpeg": "JPG",
    ".png": "PNG",
    ".doc": "Word",
    ".docx": "Word",
    ".ofd": "OFD",
}
UPLOAD_KINDS = ("pdf", "jpg", "png", "doc", "docx", "ofd")
DOC_NUMBER = re.compile(r"^\S+〔\d{4}〕\d+号$")
RS = ReconsiderationStatus


def today() -> dt.date:
    return timezone.localdate()


def day(value: dt.date | None) -> str:
    """A date in a message: 2026年01月05日 in Chinese, 2026-01-05 in English."""
    return format(value, _("%Y年%m月%d日")) if value else ""


# --- shared checks ---------------------------------------------------------------------------


def _require(user, perm: str, obj=None, message: str = "") -> None:
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(message or _("您无权进行此操作"))


def _check_version(obj, expected: int | None) -> None:
    if expected is not None and int(expected) != obj.version:
        raise Conflict(_("该案件已被他人修改,请刷新页面后重试"))


def _past(value: dt.date | None, field: str, label: str, *, required: bool = True) -> None:
    if value is None:
        if required:
            raise ApplicationError(
                _("请填写%(label)s") % {"label": label}, fields={field: _("必填")}
            )
        return
    validators.past_date(value, label=label, field=field, today=today())


def _not_before(value: dt.date, earliest: dt.date, field: str, message: str) -> None:
    if value < earliest:
        raise ApplicationError(message, fields={field: message})


def _validate(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        fields = {k: "；".join(str(m) for m in v) for k, v in exc.message_dict.items()}
        raise ApplicationError(
            _("请检查填写内容:") + "；".join(f"{v}" for v in fields.values()), fields=fields
        ) from exc


def _bump(obj, fields: list[str]) -> None:
    obj.version += 1
    obj.save(update_fields=[*fields, "version", "updated_at"])


def validate_upload(upload) -> None:
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_UPLOADS:
        raise ApplicationError(
            _("文件“%(name)s”类型不支持,请上传 PDF、图片(JPG/PNG)、Word 或 OFD 文件")
            % {"name": upload.name},
            fields={"files": _("类型不支持")},
        )
    uploads.check(upload, kinds=UPLOAD_KINDS, field="files")


def _validate_party_id(kind: str, value: str) -> str:
    value = (value or "").strip().upper()
    if not value:
        return ""
    check, label = (
        (validators.resident_id, _("居民身份证号码"))
        if kind == PartyKind.PERSON
        else (validators.uscc, _("统一社会信用代码"))
    )
    try:
        return check(value)
    except ApplicationError as exc:
        raise ApplicationError(
            _("%(label)s“%(value)s”不正确,请核对") % {"label": label, "value": value},
            fields={"applicant_id_number": _("校验未通过")},
        ) from exc


def _snap(case, fields):
    return audit.snapshot(case, fields)


# --- reconsideration -------------------------------------------------------------------------


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


def active_office() -> ReconsiderationOffice:
    office = ReconsiderationOffice.objects.filter(is_active=True).select_related("unit").first()
    if office is None:
        raise ApplicationError(_("尚未设置行政复议机构,请联系管理员"))
    return office


def _next_number(office: ReconsiderationOffice, year: int) -> str:
    ReconsiderationOffice.objects.select_for_update().filter(pk=office.pk).first()
    prefix = f"{office.number_prefix}〔{year}〕"
    count = ReconsiderationCase.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{count + 1}号"


@transaction.atomic
def reconsideration_apply(
    *,
    actor=None,
    application: Application,
    channel: str = Channel.ONLINE,
    received_on: dt.date | None = None,
    files=(),
) -> tuple[ReconsiderationCase, str]:
    """Register an application. Online (actor None) returns the applicant's query code, shown once."""
    online = actor is None or not actor.is_authenticated
    actor = actor if actor is not None else AnonymousUser()
    if online:
        channel, received_on = Channel.ONLINE, today()
    else:
        _require(
            actor,
            "disputes.handle_reconsideration",
            message=_("只有行政复议机构工作人员可以登记复议申请"),
        )
        if channel == Channel.ONLINE:
            raise ApplicationError(
                _("网上申请由申请人在公开门户提交"), fields={"channel": _("请选择窗口、邮寄或口头")}
            )
    a = application
    if a.respondent is None:
        raise ApplicationError(
            _("请选择被申请人(作出行政行为的行政机关)"), fields={"respondent": _("必填")}
        )
    validators.meaningful_text(
        a.applicant_name, label=_("申请人姓名或名称"), field="applicant_name"
    )
    validators.meaningful_text(a.request, label=_("复议请求"), field="request")
    phone = (
        validators.phone(a.applicant_phone, field="applicant_phone")
        if (a.applicant_phone or "").strip()
        else ""
    )
    _past(received_on, "received_on", _("收到申请日期"))
    _past(a.act_known_on, "act_known_on", _("知道该行政行为的日期"))
    if a.act_known_on > received_on:
        raise ApplicationError(
            _("知道行政行为的日期不能晚于提出申请的日期"),
            fields={"act_known_on": _("晚于申请日期")},
        )
    id_number = _validate_party_id(a.applicant_kind, a.applicant_id_number)
    for upload in files:
        validate_upload(upload)
    office = active_office()
    due = periods.due("recon_acceptance", received_on)
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
        acceptance_due=due.date,
        acceptance_due_provisional=due.provisional,
        query_code_digest=querycode.digest(code) if online else "",
        created_by=actor,
    )
    _validate(case)
    case.save()
    for upload in files:
        ReconsiderationAttachment.objects.create(
            case=case, file=upload, name=upload.name[:255], size=upload.size, uploaded_by=actor
        )
    audit.record(
        actor=actor,
        action="disputes.reconsideration_apply",
        obj=case,
        after={
            "number": case.number,
            "channel": channel,
            "respondent": a.respondent.name,
            "received_on": received_on.isoformat(),
            "files": len(files),
        },
    )
    return case, code


def _require_status(case, allowed: tuple, message: str) -> None:
    if case.status not in allowed:
        raise ApplicationError(message, code="bad_status")


@transaction.atomic
def reconsideration_request_supplement(
    *,
    actor,
    case: ReconsiderationCase,
    requested_on: dt.date,
    items: str,
    expected_version: int | None = None,
) -> SupplementRequest:
    _require(actor, "disputes.handle_reconsideration")
    case = ReconsiderationCase.objects.select_for_update().get(pk=case.pk)
    _check_version(case, expected_version)
    _require_status(
        case,
        (RS.RECEIVED,),
        _("案件当前状态为“%(status)s”,不能再要求补正") % {"status": case.get_status_display()},
    )
    if case.supplements.exists():
        raise ApplicationError(
            _("补正通知应一次性告知需要补正的全部材料,本案已发过补正通知"), code="supplement_once"
        )
    _past(requested_on, "requested_on", _("补正通知日期"))
    _not_before(
        requested_on, case.received_on, "requested_on", _("补正通知日期不能早于收到申请日期")
    )
    latest = periods.due("recon_supplement_notice", case.received_on)
    if requested_on > latest.date:
        raise ApplicationError(
            _("补正通知应在收到申请后 5 个工作日内发出(最迟 %(date)s)")
            % {"date": day(latest.date)},
            fields={"requested_on": _("超过期限")},
        )
    if not (items or "").strip():
        raise ApplicationError(_("请列明需要补正的材料"), fields={"items": _("必填")})
    reply = periods.due("recon_supplement_reply", requested_on)
    sup = SupplementRequest.objects.create(
        case=case,
        requested_on=requested_on,
        items=items.strip(),
        reply_due=reply.date,
        reply_due_provisional=reply.provisional,
    )
    before = _snap(case, ["status", "acceptance_due"])
    case.status, case.acceptance_due = RS.SUPPLEMENT, None
    _bump(case, ["status", "acceptance_due"])
    audit.record(
        actor=actor,
        action="disputes.reconsideration_request_supplement",
        obj=case,
        before=before,
        after={"status": case.status, "reply_due": reply.date.isoformat(), "items": sup.items},
    )
    return sup


@transaction.atomic
def reconsideration_record_supplement(
    *, actor, case: ReconsiderationCase, supplied_on: dt.date, files=()
) -> ReconsiderationCase:
    """Materials arrived: the acceptance review starts again from that day (Art. 31)."""
    _require(actor, "disputes.handle_reconsideration")
    case = ReconsiderationCase.objects.select_for_update().get(pk=case.pk)
    _require_status(case, (RS.SUPPLEMENT,), _("本案没有待补正的通知"))
    sup = case.supplements.get(status=SupplementStatus.PENDING)
    _past(supplied_on, "supplied_on", _("补正日期"))
    _not_before(supplied_on, sup.requested_on, "supplied_on", _("补正日期不能早于补正通知日期"))
    for upload in files:
        validate_upload(upload)
    sup.supplied_on, sup.status = supplied_on, SupplementStatus.SUPPLIED
    sup.save(update_fields=["supplied_on", "status", "updated_at"])
    for upload in files:
        ReconsiderationAttachment.objects.create(
            case=case, file=upload, name=upload.name[:255], size=upload.size, uploaded_by=actor
        )
    due = periods.due("recon_acceptance", supplied_on)
    case.status, case.acceptance_due, case.acceptance_due_provisional = (
        RS.RECEIVED,
        due.date,
        due.provisional,
    )
    _bump(case, ["status", "acceptance_due", "acceptance_due_provisional"])
    audit.record(
        actor=actor,
        action="disputes.reconsideration_record_supplement",
        obj=case,
        after={"supplied_on": supplied_on.isoformat(), "acceptance_due": due.date.isoformat()},
    )
    return case


def _suspended_days(case: ReconsiderationCase) -> int:
    """Calendar days the case spent suspended (ended suspensions); they do not count (Art. 39)."""
    return sum(
        (s.resumed_on - s.started_on).days
        for s in ReconsiderationSuspension.objects.filter(case=case, resumed_on__isnull=False)
    )


def _decision_due(case: ReconsiderationCase, extra_days: int = 0):
    """The decision period from acceptance, plus approved extension days and suspended days."""
    key = (
        "recon_decision_simplified"
        if case.procedure == Procedure.SIMPLIFIED
        else "recon_decision_ordinary"
    )
    return periods.due(key, case.accepted_on, extra_days=extra_days + _suspended_days(case))


@transaction.atomic
def reconsideration_accept(
    *,
    actor,
    case: ReconsiderationCase,
    accepted_on: dt.date,
    procedure: str,
    is_major: bool = False,
    expected_version: int | None = None,
) -> ReconsiderationCase:
    _require(actor, "disputes.handle_reconsideration")
    case = ReconsiderationCase.objects.select_for_update().get(pk=case.pk)
    _check_version(case, expected_version)
    _require_status(
        case,
        (RS.RECEIVED,),
        _("案件当前状态为“%(status)s”,不能受理") % {"status": case.get_status_display()},
    )
    if procedure not in Procedure.values:
        raise ApplicationError(
            _("请选择审理程序(简易程序或普通程序)"), fields={"procedure": _("必填")}
        )
    _past(accepted_on, "accepted_on", _("受理日期"))
    _not_before(accepted_on, case.received_on, "accepted_on", _("受理日期不能早于收到申请日期"))
    if case.acceptance_due and accepted_on > case.acceptance_due:
        raise ApplicationError(
            _("受理审查期限已于 %(date)s 届满,本案已视为受理,受理日期应为该日")
            % {"date": day(case.acceptance_due)},
            fields={"accepted_on": _("超过受理审查期限")},
        )
    before = _snap(case, ["status", "accepted_on", "procedure", "decision_due"])
    case.status, case.accepted_on, case.procedure, case.is_major = (
        RS.ACCEPTED,
        accepted_on,
        procedure,
        bool(is_major),
    )
    due = _decision_due(case)
    case.decision_due, case.decision_due_provisional = due.date, due.provisional
    _bump(
        case,
        [
            "status",
            "accepted_on",
            "procedure",
            "is_major",
            "decision_due",
            "decision_due_provisional",
        ],
    )
    audit.record(
        actor=actor,
        action="disputes.reconsideration_accept",
        obj=case,
        before=before,
        after=_snap(case, ["status", "accepted_on", "procedure", "decision_due"]),
    )
    return case


@transaction.atomic
def reconsideration_refuse(
    *,
    actor,
    case: ReconsiderationCase,
    refused_on: dt.date,
    reason: str,
    expected_version: int | None = None,
) -> ReconsiderationCase:
    _require(actor, "disputes.handle_reconsideration")
    case = ReconsiderationCase.objects.select_for_update().get(pk=case.pk)
    _check_version(case, expected_version)
    _require_status(
        case,
        (RS.RECEIVED,),
        _("案件当前状态为“%(status)s”,不能作出不予受理决定")
        % {"status": case.get_status_display()},
    )
    _past(refused_on, "refused_on", _("不予受理日期"))
    _not_before(refused_on, case.received_on, "refused_on", _("不予受理日期不能早于收到申请日期"))
    if case.acceptance_due and refused_on > case.acceptance_due:
        raise ApplicationError(
            _("受理审查期限已于 %(date)s 届满,本案已视为受理,不能再不予受理")
            % {"date": day(case.acceptance_due)},
            fields={"refused_on": _("超过受理审查期限")},
        )
    if not (reason or "").strip():
        raise ApplicationError(_("请写明不予受理的理由"), fields={"reason": _("必填")})
    case.status, case.refused_on, case.refusal_reason = RS.REFUSED, refused_on, reason.strip()
    _bump(case, ["status", "refused_on", "refusal_reason"])
    audit.record(
        actor=actor,
        action="disputes.reconsideration_refuse",
        obj=case,
        after={"refused_on": refused_on.isoformat(), "reason": case.refusal_reason},
    )
    return case


@transaction.atomic
def reconsideration_apply_deadlines(*, on: dt.date | None = None) -> dict[str, int]:
    """Daily: cases past the review period are deemed accepted (Art. 30); unsupplied ones abandoned
    (Art. 31); cases suspended on grounds 39 (1), (2), (4) for more than 60 days terminated (Art. 41)."""
    on = on or today()
    counts = {"deemed_accepted": 0, "abandoned": 0, "terminated": 0}
    for case in ReconsiderationCase.objects.select_for_update().filter(
        status=RS.RECEIVED, acceptance_due__lt=on
    ):
        case.status, case.accepted_on, case.acceptance_deemed, case.procedure = (
            RS.ACCEPTED,
            case.acceptance_due,
            True,
            Procedure.ORDINARY,
        )
        due = _decision_due(case)
        case.decision_due, case.decision_due_provisional = due.date, due.provisional
        _bump(
            case,
            [
                "status",
                "accepted_on",
                "acceptance_deemed",
                "procedure",
                "decision_due",
                "decision_due_provisional",
            ],
        )
        audit.record(
            actor=SYSTEM,
            action="disputes.reconsideration_deemed_accepted",
            obj=case,
            after={
                "accepted_on": case.accepted_on.isoformat(),
                "decision_due": due.date.isoformat(),
            },
        )
        counts["deemed_accepted"] += 1
    for sup in (
        SupplementRequest.objects.select_for_update()
        .select_related("case")
        .filter(status=SupplementStatus.PENDING, reply_due__lt=on)
    ):
        sup.status = SupplementStatus.ABANDONED
        sup.save(update_fields=["status", "updated_at"])
        case = sup.case
        case.status = RS.ABANDONED
        _bump(case, ["status"])
        audit.record(
            actor=SYSTEM,
            action="disputes.reconsideration_abandoned",
            obj=case,
            after={"reply_due": sup.reply_due.isoformat()},
        )
        counts["abandoned"] += 1
    counts["terminated"] = _terminate_lapsed_suspensions(on)
    return counts


def _open_case(
    case_pk: int, message: str, expected_version: int | None = None
) -> ReconsiderationCase:
    case = ReconsiderationCase.objects.select_for_update().get(pk=case_pk)
    _check_version(case, expected_version)
    if case.status != RS.ACCEPTED:
        if case.status == RS.SUSPENDED:
            raise ApplicationError(
                _("案件已中止审理,%(message)s;请先恢复审理") % {"message": message},
                code="suspended",
            )
        if case.status in (RS.DECIDED, RS.PUBLISHED, RS.REFUSED, RS.ABANDONED, RS.TERMINATED):
            raise ApplicationError(
                _("案件已结案(“%(status)s”),%(message)s")
                % {"status": case.get_status_display(), "message": message},
                code="case_closed",
            )
        raise ApplicationError(
            _("案件尚未受理,%(message)s") % {"message": message}, code="not_accepted"
        )
    return case


@transaction.atomic
def reconsideration_send_copy(
    *, actor, case: ReconsiderationCase, sent_on: dt.date
) -> ReconsiderationCase:
    _require(actor, "disputes.handle_reconsideration")
    case = _open_case(case.pk, _("不能发送申请书副本"))
    _past(sent_on, "sent_on", _("发送日期"))
    _not_before(sent_on, case.accepted_on, "sent_on", _("发送日期不能早于受理日期"))
    key = (
        "recon_reply_simplified"
        if case.procedure == Procedure.SIMPLIFIED
        else "recon_reply_ordinary"
    )
    reply = periods.due(key, sent_on)
    case.copy_sent_on, case.respondent_reply_due = sent_on, reply.date
    _bump(case, ["copy_sent_on", "respondent_reply_due"])
    audit.record(
        actor=actor,
        action="disputes.reconsideration_send_copy",
        obj=case,
        after={"sent_on": sent_on.isoformat(), "reply_due": reply.date.isoformat()},
    )
    return case


@transaction.atomic
def reconsideration_submit_reply(
    *, actor, case: ReconsiderationCase, replied_on: dt.date, text: str
) -> ReconsiderationCase:
    """The respondent's written reply with its evidence (Art. 48)."""
    _require(
        actor, "disputes.reply_reconsideration", case, _("只有被申请人单位或复议机构可以提交答复")
    )
    case = _open_case(case.pk, _("不能再提交答复"))
    if case.copy_sent_on is None:
        raise ApplicationError(_("复议机构尚未发送申请书副本,暂不能提交答复"))
    _past(replied_on, "replied_on", _("答复日期"))
    _not_before(
        replied_on, case.copy_sent_on, "replied_on", _("答复日期不能早于收到申请书副本的日期")
    )
    if not (text or "").strip():
        raise ApplicationError(_("请填写书面答复内容"), fields={"text": _("必填")})
    case.respondent_replied_on, case.respondent_reply = replied_on, text.strip()
    _bump(case, ["respondent_replied_on", "respondent_reply"])
    audit.record(
        actor=actor,
        action="disputes.reconsideration_submit_reply",
        obj=case,
        after={"replied_on": replied_on.isoformat()},
    )
    return case


@transaction.atomic
def reconsideration_record_hearing(
    *,
    actor,
    case: ReconsiderationCase,
    kind: str,
    held_on: dt.date,
    notice_on: dt.date | None = None,
    place: str = "",
    participants: str = "",
    respondent_head_attended: bool = False,
    summary: str = "",
) -> ReconsiderationHearing:
    _require(actor, "disputes.handle_reconsideration")
    case = _open_case(case.pk, _("不能再安排听证或调查"))
    if kind not in HearingKind.values:
        raise ApplicationError(
            _("请选择方式(听证、听取意见或实地调查)"), fields={"kind": _("必填")}
        )
    if held_on is None:
        raise ApplicationError(_("请填写日期"), fields={"held_on": _("必填")})
    _not_before(held_on, case.accepted_on, "held_on", _("日期不能早于受理日期"))
    if kind == HearingKind.HEARING:
        if notice_on is None:
            raise ApplicationError(
                _("听证须提前通知当事人,请填写通知日期"), fields={"notice_on": _("必填")}
            )
        earliest = periods.due("recon_hearing_notice", notice_on)
        if held_on < earliest.date:
            raise ApplicationError(
                _("听证应在通知后 5 个工作日以后举行(最早 %(date)s)")
                % {"date": day(earliest.date)},
                fields={"held_on": _("通知期不足")},
            )
    else:
        _past(held_on, "held_on", _("日期"))
    hearing = ReconsiderationHearing(
        case=case,
        kind=kind,
        held_on=held_on,
        notice_on=notice_on,
        place=place.strip(),
        participants=participants.strip(),
        respondent_head_attended=bool(respondent_head_attended),
        summary=summary.strip(),
        recorded_by=actor,
    )
    _validate(hearing)
    hearing.save()
    audit.record(
        actor=actor,
        action="disputes.reconsideration_record_hearing",
        obj=case,
        after={"kind": kind, "held_on": held_on.isoformat()},
    )
    return hearing


@transaction.atomic
def reconsideration_consult_committee(
    *, actor, case: ReconsiderationCase, consulted_on: dt.date, opinion: str
) -> ReconsiderationCase:
    _require(actor, "disputes.handle_reconsideration")
    case = _open_case(case.pk, _("不能再提请复议委员会咨询"))
    if not case.is_major:
        raise ApplicationError(_("只有重大、疑难、复杂案件提请行政复议委员会咨询,请先标记案件性质"))
    _past(consulted_on, "consulted_on", _("咨询日期"))
    _not_before(consulted_on, case.accepted_on, "consulted_on", _("咨询日期不能早于受理日期"))
    if not (opinion or "").strip():
        raise ApplicationError(_("请填写委员会咨询意见"), fields={"opinion": _("必填")})
    case.committee_consulted_on, case.committee_opinion = consulted_on, opinion.strip()
    _bump(case, ["committee_consulted_on", "committee_opinion"])
    audit.record(
        actor=actor,
        action="disputes.reconsideration_consult_committee",
        obj=case,
        after={"consulted_on": consulted_on.isoformat()},
    )
    return case


@transaction.atomic
def reconsideration_extend(
    *, actor, case: ReconsiderationCase, approved_on: dt.date, approver: str, days: int, reason: str
) -> DecisionExtension:
    _require(actor, "disputes.handle_reconsideration")
    case = _open_case(case.pk, _("不能延长决定期限"))
    if case.procedure != Procedure.ORDINARY:
        raise ApplicationError(_("简易程序案件不能延长决定期限;案情复杂的,应先转为普通程序"))
    cap = periods.period("recon_extension_max").days
    used = case.extensions.aggregate(total=Sum("days"))["total"] or 0
    if days is None or days < 1 or used + days > cap:
        raise ApplicationError(
            _("决定期限最多延长 %(cap)s 日,本案已延长 %(used)s 日") % {"cap": cap, "used": used},
            fields={"days": _("最多还可延长 %(days)s 日") % {"days": cap - used}},
        )
    _past(approved_on, "approved_on", _("批准日期"))
    _not_before(approved_on, case.accepted_on, "approved_on", _("批准日期不能早于受理日期"))
    if approved_on > case.decision_due:
        raise ApplicationError(
            _("决定期限已于 %(date)s 届满,不能再延长") % {"date": day(case.decision_due)},
            fields={"approved_on": _("期限已过")},
        )
    if not (approver or "").strip() or not (reason or "").strip():
        raise ApplicationError(
            _("请填写批准人和延期理由"), fields={"approver": _("必填"), "reason": _("必填")}
        )
    ext = DecisionExtension.objects.create(
        case=case,
        approved_on=approved_on,
        approver=approver.strip(),
        days=days,
        reason=reason.strip(),
        recorded_by=actor,
    )
    before = case.decision_due
    due = _decision_due(case, used + days)
    case.decision_due, case.decision_due_provisional = due.date, due.provisional
    _bump(case, ["decision_due", "decision_due_provisional"])
    audit.record(
        actor=actor,
        action="disputes.reconsideration_extend",
        obj=case,
        before={"decision_due": before.isoformat()},
        after={"decision_due": due.date.isoformat(), "days": days},
    )
    return ext


@transaction.atomic
def reconsideration_decide(
    *,
    actor,
    case: ReconsiderationCase,
    decided_on: dt.date,
    decision_type: str,
    doc_number: str,
    text: str,
    expected_version: int | None = None,
) -> ReconsiderationCase:
    _require(actor, "disputes.handle_reconsideration")
    case = _open_case(case.pk, _("不能再作出决定"), expected_version)
    if decision_type not in DecisionType.values:
        raise ApplicationError(_("请选择决定类型"), fields={"decision_type": _("必填")})
    _past(decided_on, "decided_on", _("决定日期"))
    _not_before(
        decided_on,
        case.accepted_on,
        "decided_on",
        _("决定日期不能早于受理日期(%(date)s)") % {"date": day(case.accepted_on)},
    )
    doc_number = (doc_number or "").strip()
    if not DOC_NUMBER.match(doc_number):
        raise ApplicationError(
            _("决定书文号格式应为“天政复〔2026〕12号”"), fields={"doc_number": _("格式不正确")}
        )
    if (
        ReconsiderationCase.objects.filter(decision_doc_number=doc_number)
        .exclude(pk=case.pk)
        .exists()
    ):
        raise ApplicationError(
            _("文号“%(number)s”已被其他案件使用") % {"number": doc_number},
            fields={"doc_number": _("重复")},
        )
    if not (text or "").strip():
        raise ApplicationError(_("请填写决定书正文"), fields={"text": _("必填")})
    case.status, case.decided_on, case.decision_type = RS.DECIDED, decided_on, decision_type
    case.decision_doc_number, case.decision_text = doc_number, text.strip()
    _bump(case, ["status", "decided_on", "decision_type", "decision_doc_number", "decision_text"])
    audit.record(
        actor=actor,
        action="disputes.reconsideration_decide",
        obj=case,
        after=_snap(case, ["decided_on", "decision_type", "decision_doc_number"]),
    )
    return case


@transaction.atomic
def reconsideration_publish(
    *, actor, case: ReconsiderationCase, published_on: dt.date
) -> ReconsiderationCase:
    _require(actor, "disputes.handle_reconsideration")
    case = ReconsiderationCase.objects.select_for_update().get(pk=case.pk)
    _require_status(case, (RS.DECIDED,), _("只有已作出决定、尚未公开的案件可以公开"))
    _past(published_on, "published_on", _("公开日期"))
    _not_before(published_on, case.decided_on, "published_on", _("公开日期不能早于决定日期"))
    case.publication_text = mask_text(
        case.decision_text, [case.applicant_name] if case.applicant_kind == PartyKind.PERSON else []
    )
    case.status, case.published_on = RS.PUBLISHED, published_on
    _bump(case, ["status", "published_on", "publication_text"])
    audit.record(
        actor=actor,
        action="disputes.reconsideration_publish",
        obj=case,
        after={"published_on": published_on.isoformat()},
    )
    return case


# --- suspension (中止, Art. 39-40) and termination (终止, Art. 41) ----------------------------


def _notice_date(notified_on: dt.date | None, start: dt.date, field: str) -> dt.date:
    """The date the parties were told in writing (Art. 39 ¶3); the act's own date by default."""
    notified_on = notified_on or start
    _past(notified_on, field, _("书面告知日期"))
    _not_before(notified_on, start, field, _("书面告知日期不能早于中止、恢复或终止的日期"))
    return notified_on


@transaction.atomic
def reconsideration_suspend(
    *,
    actor,
    case: ReconsiderationCase,
    ground: str,
    suspended_on: dt.date,
    note: str = "",
    notified_on: dt.date | None = None,
    expected_version: int | None = None,
) -> ReconsiderationSuspension:
    """Suspend the hearing on one of the grounds of Art. 39; the decision period stops running."""
    _require(actor, "disputes.handle_reconsideration")
    case = ReconsiderationCase.objects.select_for_update().get(pk=case.pk)
    _check_version(case, expected_version)
    _require_status(
        case,
        (RS.ACCEPTED,),
        _("案件当前状态为“%(status)s”,只有已受理、尚未作出决定的案件可以中止审理")
        % {"status": case.get_status_display()},
    )
    if ground not in SuspensionGround.values:
        raise ApplicationError(
            _("请选择中止事由(行政复议法第39条第1款)"), fields={"ground": _("必填")}
        )
    note = (note or "").strip()
    if ground == SuspensionGround.OTHER and not note:
        raise ApplicationError(
            _("中止事由为“其他情形”的,请写明具体原因"), fields={"note": _("必填")}
        )
    _past(suspended_on, "suspended_on", _("中止日期"))
    _not_before(suspended_on, case.accepted_on, "suspended_on", _("中止日期不能早于受理日期"))
    if case.decision_due and suspended_on > case.decision_due:
        raise ApplicationError(
            _("决定期限已于 %(date)s 届满,不能再中止审理") % {"date": day(case.decision_due)},
            fields={"suspended_on": _("期限已过")},
        )
    notified_on = _notice_date(notified_on, suspended_on, "notified_on")
    lapses_on = (
        periods.due("recon_suspension_lapse", suspended_on).date
        if ground in LAPSING_SUSPENSION_GROUNDS
        else None
    )
    suspension = ReconsiderationSuspension.objects.create(
        case=case,
        ground=ground,
        started_on=suspended_on,
        notified_on=notified_on,
        note=note,
        lapses_on=lapses_on,
        recorded_by=actor,
    )
    before = _snap(case, ["status"])
    case.status = RS.SUSPENDED
    _bump(case, ["status"])
    audit.record(
        actor=actor,
        action="disputes.reconsideration_suspend",
        obj=case,
        before=before,
        after={
            "status": case.status,
            "ground": ground,
            "suspended_on": suspended_on.isoformat(),
            "notified_on": notified_on.isoformat(),
            "lapses_on": lapses_on.isoformat() if lapses_on else None,
        },
    )
    return suspension


@transaction.atomic
def reconsideration_resume(
    *,
    actor,
    case: ReconsiderationCase,
    resumed_on: dt.date,
    note: str = "",
    notified_on: dt.date | None = None,
    expected_version: int | None = None,
) -> ReconsiderationCase:
    """The cause of the suspension is gone: the hearing resumes and the decision date moves."""
    _require(actor, "disputes.handle_reconsideration")
    case = ReconsiderationCase.objects.select_for_update().get(pk=case.pk)
    _check_version(case, expected_version)
    _require_status(
        case,
        (RS.SUSPENDED,),
        _("案件未中止审理(当前状态为“%(status)s”),不能恢复审理")
        % {"status": case.get_status_display()},
    )
    suspension = case.suspensions.select_for_update().get(resumed_on__isnull=True)
    _past(resumed_on, "resumed_on", _("恢复审理日期"))
    _not_before(
        resumed_on,
        suspension.started_on,
        "resumed_on",
        _("恢复审理日期不能早于中止日期(%(date)s)") % {"date": day(suspension.started_on)},
    )
    notified_on = _notice_date(notified_on, resumed_on, "notified_on")
    suspension.resumed_on, suspension.resume_notified_on = resumed_on, notified_on
    suspension.resume_note = (note or "").strip()
    suspension.save(update_fields=["resumed_on", "resume_notified_on", "resume_note", "updated_at"])
    before = _snap(case, ["status", "decision_due"])
    used = case.extensions.aggregate(total=Sum("days"))["total"] or 0
    due = _decision_due(case, used)
    case.status = RS.ACCEPTED
    case.decision_due, case.decision_due_provisional = due.date, due.provisional
    _bump(case, ["status", "decision_due", "decision_due_provisional"])
    audit.record(
        actor=actor,
        action="disputes.reconsideration_resume",
        obj=case,
        before=before,
        after={
            "status": case.status,
            "decision_due": due.date.isoformat(),
            "resumed_on": resumed_on.isoformat(),
            "notified_on": notified_on.isoformat(),
            "suspended_days": suspension.days,
        },
    )
    return case


def _terminate(
    case: ReconsiderationCase,
    *,
    actor,
    ground: str,
    terminated_on: dt.date,
    notified_on: dt.date | None,
    note: str,
    action: str,
) -> ReconsiderationCase:
    before = _snap(case, ["status"])
    case.status, case.terminated_on, case.termination_ground = (
        RS.TERMINATED,
        terminated_on,
        ground,
    )
    case.termination_notified_on, case.termination_note = notified_on, note
    _bump(
        case,
        [
            "status",
            "terminated_on",
            "termination_ground",
            "termination_notified_on",
            "termination_note",
        ],
    )
    audit.record(
        actor=actor,
        action=action,
        obj=case,
        before=before,
        after={
            "status": case.status,
            "ground": ground,
            "terminated_on": terminated_on.isoformat(),
            "notified_on": notified_on.isoformat() if notified_on else None,
        },
    )
    return case


@transaction.atomic
def reconsideration_terminate(
    *,
    actor,
    case: ReconsiderationCase,
    ground: str,
    terminated_on: dt.date,
    note: str = "",
    notified_on: dt.date | None = None,
    expected_version: int | None = None,
) -> ReconsiderationCase:
    """Terminate an accepted or suspended case on one of the grounds of Art. 41 (a conclusion)."""
    _require(actor, "disputes.handle_reconsideration")
    case = ReconsiderationCase.objects.select_for_update().get(pk=case.pk)
    _check_version(case, expected_version)
    _require_status(
        case,
        (RS.ACCEPTED, RS.SUSPENDED),
        _("案件当前状态为“%(status)s”,只有审理中或中止审理的案件可以终止")
        % {"status": case.get_status_display()},
    )
    if ground not in TerminationGround.values:
        raise ApplicationError(_("请选择终止事由(行政复议法第41条)"), fields={"ground": _("必填")})
    _past(terminated_on, "terminated_on", _("终止日期"))
    _not_before(terminated_on, case.accepted_on, "terminated_on", _("终止日期不能早于受理日期"))
    suspension = (
        case.suspensions.filter(resumed_on__isnull=True).first()
        if case.status == RS.SUSPENDED
        else None
    )
    if suspension:
        _not_before(
            terminated_on,
            suspension.started_on,
            "terminated_on",
            _("终止日期不能早于中止日期(%(date)s)") % {"date": day(suspension.started_on)},
        )
    if ground == TerminationGround.SUSPENSION_LAPSED and not (
        suspension and suspension.lapses_on and terminated_on > suspension.lapses_on
    ):
        raise ApplicationError(
            _("只有因第39条第1款第1、2、4项中止满六十日、原因仍未消除的案件,才能依第41条第5项终止"),
            fields={"ground": _("条件不符")},
        )
    notified_on = _notice_date(notified_on, terminated_on, "notified_on")
    return _terminate(
        case,
        actor=actor,
        ground=ground,
        terminated_on=terminated_on,
        notified_on=notified_on,
        note=(note or "").strip(),
        action="disputes.reconsideration_terminate",
    )


def _terminate_lapsed_suspensions(on: dt.date) -> int:
    """Art. 41 (5): a case suspended on grounds 39 (1), (2) or (4) for more than 60 days ends."""
    count = 0
    for suspension in (
        ReconsiderationSuspension.objects.select_for_update()
        .select_related("case")
        .filter(resumed_on__isnull=True, case__status=RS.SUSPENDED, lapses_on__lt=on)
        .order_by("lapses_on", "pk")
    ):
        _terminate(
            suspension.case,
            actor=SYSTEM,
            ground=TerminationGround.SUSPENSION_LAPSED,
            terminated_on=suspension.terminates_on,
            notified_on=None,
            note="",
            action="disputes.reconsideration_terminated_lapsed",
        )
        count += 1
    return count


# --- letters (意见书, 建议书, 司法建议, 检察建议) ----------------------------------------------

LETTER_PERIOD = {
    LetterKind.OPINION: "recon_opinion_reply",
    LetterKind.RECOMMENDATION: "recon_recommendation_reply",
    LetterKind.JUDICIAL: "lit_judicial_reply",
    LetterKind.PROCURATORIAL: "lit_procuratorial_reply",
}


@transaction.atomic
def letter_issue(
    *,
    actor,
    kind: str,
    addressee: OrgUnit | None,
    issuer: str,
    doc_number: str,
    issued_on: dt.date,
    content: str,
    reconsideration: ReconsiderationCase | None = None,
    litigation: LitigationCase | None = None,
) -> OversightLetter:
    """Register a letter that demands a reply; the reply period runs from `issued_on`."""
    if kind in (LetterKind.OPINION, LetterKind.RECOMMENDATION):
        _require(
            actor, "disputes.handle_reconsideration", message=_("意见书、建议书由行政复议机构制发")
        )
    else:
        _require(
            actor,
            "disputes.issue_letter",
            message=_("只有行政复议机构或依法治县办可以登记司法建议、检察建议"),
        )
    if kind not in LETTER_PERIOD:
        raise ApplicationError(_("请选择文书类别"), fields={"kind": _("必填")})
    if addressee is None:
        raise ApplicationError(_("请选择收文单位"), fields={"addressee": _("必填")})
    _past(issued_on, "issued_on", _("制发/收到日期"))
    if not DOC_NUMBER.match((doc_number or "").strip()):
        raise ApplicationError(
            _("文号格式应为“天政复意〔2026〕3号”"), fields={"doc_number": _("格式不正确")}
        )
    due = periods.due(LETTER_PERIOD[kind], issued_on)
    letter = OversightLetter(
        kind=kind,
        addressee=addressee,
        issuer=(issuer or "").strip(),
        doc_number=doc_number.strip(),
        issued_on=issued_on,
        content=(content or "").strip(),
        reply_due=due.date,
        reply_due_provisional=due.provisional,
        reconsideration=reconsideration,
        litigation=litigation,
        created_by=actor,
    )
    _validate(letter)
    letter.save()
    audit.record(
        actor=actor,
        action="disputes.letter_issue",
        obj=letter,
        after={"kind": kind, "addressee": addressee.name, "reply_due": due.date.isoformat()},
    )
    return letter


@transaction.atomic
def letter_reply(
    *, actor, letter: OversightLetter, replied_on: dt.date, text: str
) -> OversightLetter:
    _require(actor, "disputes.reply_letter", letter, _("只有收文单位可以回复"))
    letter = OversightLetter.objects.select_for_update().get(pk=letter.pk)
    if letter.replied_on:
        raise ApplicationError(_("该文书已回复"))
    _past(replied_on, "replied_on", _("回复日期"))
    _not_before(replied_on, letter.issued_on, "replied_on", _("回复日期不能早于文书日期"))
    if not (text or "").strip():
        raise ApplicationError(_("请填写整改落实情况"), fields={"text": _("必填")})
    letter.replied_on, letter.reply_text = replied_on, text.strip()
    letter.save(update_fields=["replied_on", "reply_text", "updated_at"])
    audit.record(
        actor=actor,
        action="disputes.letter_reply",
        obj=letter,
        after={"replied_on": replied_on.isoformat()},
    )
    return letter


@transaction.atomic
def letter_follow_up(*, actor, letter: OversightLetter, note: str) -> OversightLetter:
    _require(
        actor,
        "disputes.follow_up_letter",
        letter,
        _("只有行政复议机构或依法治县办可以记录跟踪督促"),
    )
    if not (note or "").strip():
        raise ApplicationError(_("请填写督促情况"), fields={"note": _("必填")})
    letter = OversightLetter.objects.select_for_update().get(pk=letter.pk)
    # Saved to the letter: stays Chinese whoever writes it.
    line = f"{today():%Y年%m月%d日} {actor.display_name}:{note.strip()}"
    letter.follow_up = f"{letter.follow_up}\n{line}".strip()
    letter.save(update_fields=["follow_up", "updated_at"])
    audit.record(
        actor=actor, action="disputes.letter_follow_up", obj=letter, after={"note": note.strip()}
    )
    return letter


# --- litigation ------------------------------------------------------------------------------


@transaction.atomic
def litigation_register(
    *,
    actor,
    court_case_number: str,
    defendant: OrgUnit | None,
    plaintiff_name: str,
    cause: str,
    filed_on: dt.date,
    served_on: dt.date,
    court: str = "天镇县人民法院",
    instance: str = "first",
    head_notified: bool = False,
    reconsideration: ReconsiderationCase | None = None,
) -> LitigationCase:
    _require(
        actor,
        "disputes.add_litigation",
        message=_("只有被告单位填报员或行政复议机构可以登记应诉案件"),
    )
    if defendant is None:
        raise ApplicationError(_("请选择被告单位"), fields={"defendant": _("必填")})
    if not actor.has_perm("disputes.handle_reconsideration") and defendant.pk != actor.unit_id:
        raise PermissionDenied(_("只能登记本单位作为被告的案件"))
    _past(filed_on, "filed_on", _("立案日期"))
    _past(served_on, "served_on", _("送达日期"))
    _not_before(served_on, filed_on, "served_on", _("起诉状副本送达日期不能早于立案日期"))
    due = periods.due("lit_defence", served_on)
    case = LitigationCase(
        court_case_number=(court_case_number or "").strip(),
        court=(court or "").strip() or "天镇县人民法院",
        instance=instance,
        defendant=defendant,
        plaintiff_name=(plaintiff_name or "").strip(),
        cause=(cause or "").strip(),
        filed_on=filed_on,
        served_on=served_on,
        defence_due=due.date,
        defence_due_provisional=due.provisional,
        head_notified=bool(head_notified),
        reconsideration=reconsideration,
        created_by=actor,
    )
    _validate(case)
    case.save()
    audit.record(
        actor=actor,
        action="disputes.litigation_register",
        obj=case,
        after={
            "defendant": defendant.name,
            "served_on": served_on.isoformat(),
            "defence_due": due.date.isoformat(),
        },
    )
    return case


def _pending_litigation(case_pk: int, message: str) -> LitigationCase:
    case = LitigationCase.objects.select_for_update().get(pk=case_pk)
    if case.status != LitigationStatus.PENDING:
        raise ApplicationError(
            _("案件已结案,%(message)s") % {"message": message}, code="case_closed"
        )
    return case


@transaction.atomic
def litigation_submit_defence(
    *, actor, case: LitigationCase, submitted_on: dt.date
) -> LitigationCase:
    _require(actor, "disputes.change_litigation", case, _("只有被告单位或行政复议机构可以登记答辩"))
    case = _pending_litigation(case.pk, _("不能再登记答辩"))
    _past(submitted_on, "submitted_on", _("提交答辩日期"))
    _not_before(submitted_on, case.served_on, "submitted_on", _("提交答辩日期不能早于送达日期"))
    case.defence_submitted_on = submitted_on
    _bump(case, ["defence_submitted_on"])
    audit.record(
        actor=actor,
        action="disputes.litigation_submit_defence",
        obj=case,
        after={
            "submitted_on": submitted_on.isoformat(),
            "on_time": submitted_on <= case.defence_due,
        },
    )
    return case


@transaction.atomic
def litigation_record_hearing(
    *,
    actor,
    case: LitigationCase,
    held_on: dt.date,
    appearance: str,
    head_name: str = "",
    head_title: str = "",
    head_spoke: bool = False,
    staff_names: str = "",
    absence_reason: str = "",
) -> CourtHearing:
    _require(
        actor, "disputes.change_litigation", case, _("只有被告单位或行政复议机构可以登记出庭情况")
    )
    case = _pending_litigation(case.pk, _("不能再登记庭审"))
    if appearance not in Appearance.values:
        raise ApplicationError(_("请选择出庭情况"), fields={"appearance": _("必填")})
    _past(held_on, "held_on", _("开庭日期"))
    _not_before(held_on, case.filed_on, "held_on", _("开庭日期不能早于立案日期"))
    head = appearance in HEAD_APPEARANCES
    if head and not (head_name or "").strip():
        raise ApplicationError(
            _("负责人出庭的,请填写出庭负责人姓名和职务"), fields={"head_name": _("必填")}
        )
    if not head and not (absence_reason or "").strip():
        raise ApplicationError(
            _("负责人未出庭的,请写明理由(不可抗力、意外事件、需履行他人不能代替的公务等)"),
            fields={"absence_reason": _("必填")},
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
    _validate(hearing)
    hearing.save()
    audit.record(
        actor=actor,
        action="disputes.litigation_record_hearing",
        obj=case,
        after={
            "held_on": held_on.isoformat(),
            "appearance": appearance,
            "head_spoke": hearing.head_spoke,
        },
    )
    return hearing


@transaction.atomic
def litigation_close(
    *,
    actor,
    case: LitigationCase,
    closed_on: dt.date,
    outcome: str,
    summary: str = "",
    expected_version: int | None = None,
) -> LitigationCase:
    _require(actor, "disputes.change_litigation", case, _("只有被告单位或行政复议机构可以登记结案"))
    case = _pending_litigation(case.pk, _("不能重复结案"))
    _check_version(case, expected_version)
    if outcome not in Outcome.values:
        raise ApplicationError(_("请选择案件结果"), fields={"outcome": _("必填")})
    _past(closed_on, "closed_on", _("结案日期"))
    _not_before(closed_on, case.filed_on, "closed_on", _("结案日期不能早于立案日期"))
    case.status, case.closed_on, case.outcome, case.judgment_summary = (
        LitigationStatus.CLOSED,
        closed_on,
        outcome,
        (summary or "").strip(),
    )
    _bump(case, ["status", "closed_on", "outcome", "judgment_summary"])
    audit.record(
        actor=actor,
        action="disputes.litigation_close",
        obj=case,
        after={"closed_on": closed_on.isoformat(), "outcome": outcome},
    )
    return case


# --- mediation, adjudication, petitions -----------------------------------------------------


def _casework_unit(actor, unit: OrgUnit | None, label: str) -> OrgUnit:
    _require(actor, "disputes.add_casework", message=_("您无权登记此类案件"))
    if unit is None:
        raise ApplicationError(_("请选择%(label)s") % {"label": label}, fields={"unit": _("必填")})
    if not actor.has_perm("disputes.handle_reconsideration") and unit.pk != actor.unit_id:
        raise PermissionDenied(_("只能登记本单位作为%(label)s的案件") % {"label": label})
    return unit


def _serial(model, prefix: str, year: int) -> str:
    head = f"{prefix}〔{year}〕"
    return f"{head}{model.objects.filter(number__startswith=head).count() + 1}号"


@transaction.atomic
def mediation_register(
    *,
    actor,
    unit: OrgUnit | None,
    kind: str,
    category: str,
    parties: str,
    subject: str,
    received_on: dt.date,
) -> MediationCase:
    unit = _casework_unit(actor, unit, _("调解单位"))
    _past(received_on, "received_on", _("受理日期"))
    case = MediationCase(
        number=_serial(MediationCase, "天调", received_on.year),
        unit=unit,
        kind=kind,
        category=(category or "").strip(),
        parties=(parties or "").strip(),
        subject=(subject or "").strip(),
        received_on=received_on,
        created_by=actor,
    )
    _validate(case)
    case.save()
    audit.record(
        actor=actor,
        action="disputes.mediation_register",
        obj=case,
        after={"unit": unit.name, "received_on": received_on.isoformat()},
    )
    return case


@transaction.atomic
def mediation_record_result(
    *, actor, case: MediationCase, agreed: bool, on: dt.date, summary: str = ""
) -> MediationCase:
    _require(actor, "disputes.change_casework", case)
    case = MediationCase.objects.select_for_update().get(pk=case.pk)
    if case.status != MediationStatus.IN_PROGRESS:
        raise ApplicationError(_("该调解已有结果"))
    _past(on, "on", _("日期"))
    _not_before(on, case.received_on, "on", _("日期不能早于受理日期"))
    if agreed:
        if not (summary or "").strip():
            raise ApplicationError(_("请填写协议内容"), fields={"summary": _("必填")})
        case.status, case.agreement_on, case.agreement_summary = (
            MediationStatus.AGREED,
            on,
            summary.strip(),
        )
    else:
        case.status, case.closed_on = MediationStatus.FAILED, on
    case.save(
        update_fields=["status", "agreement_on", "agreement_summary", "closed_on", "updated_at"]
    )
    audit.record(
        actor=actor,
        action="disputes.mediation_record_result",
        obj=case,
        after={"status": case.status, "on": on.isoformat()},
    )
    return case


@transaction.atomic
def mediation_refer_confirmation(
    *, actor, case: MediationCase, requested_on: dt.date, confirmed_on: dt.date | None = None
) -> MediationCase:
    """Referral of an agreement to the court for judicial confirmation (司法确认), and its result."""
    _require(actor, "disputes.change_casework", case)
    case = MediationCase.objects.select_for_update().get(pk=case.pk)
    if case.status != MediationStatus.AGREED:
        raise ApplicationError(_("只有达成调解协议的案件可以申请司法确认"))
    _past(requested_on, "requested_on", _("申请日期"))
    _not_before(requested_on, case.agreement_on, "requested_on", _("申请日期不能早于协议日期"))
    case.confirmation_requested_on = requested_on
    if confirmed_on:
        _past(confirmed_on, "confirmed_on", _("确认日期"))
        _not_before(confirmed_on, requested_on, "confirmed_on", _("确认日期不能早于申请日期"))
        case.confirmed_on, case.closed_on, case.status = (
            confirmed_on,
            confirmed_on,
            MediationStatus.CONFIRMED,
        )
    case.save(
        update_fields=[
            "confirmation_requested_on",
            "confirmed_on",
            "closed_on",
            "status",
            "updated_at",
        ]
    )
    audit.record(
        actor=actor,
        action="disputes.mediation_refer_confirmation",
        obj=case,
        after={
            "requested_on": requested_on.isoformat(),
            "confirmed_on": confirmed_on.isoformat() if confirmed_on else None,
        },
    )
    return case


@transaction.atomic
def adjudication_item_save(
    *, actor, name: str, legal_basis: str, unit: OrgUnit | None
) -> AdjudicationItem:
    _require(
        actor, "disputes.handle_reconsideration", message=_("行政裁决事项目录由县司法局统一管理")
    )
    if unit is None:
        raise ApplicationError(_("请选择实施主体"), fields={"unit": _("必填")})
    item, created = AdjudicationItem.objects.get_or_create(
        unit=unit, name=(name or "").strip(), defaults={"legal_basis": (legal_basis or "").strip()}
    )
    if not created:
        item.legal_basis, item.is_active = (legal_basis or "").strip(), True
    _validate(item)
    item.save()
    audit.record(
        actor=actor,
        action="disputes.adjudication_item_save",
        obj=item,
        after={"name": item.name, "unit": unit.name, "created": created},
    )
    return item


@transaction.atomic
def adjudication_register(
    *,
    actor,
    item: AdjudicationItem | None,
    applicant_name: str,
    other_party: str,
    received_on: dt.date,
) -> AdjudicationCase:
    if item is None:
        raise ApplicationError(_("请选择裁决事项"), fields={"item": _("必填")})
    _casework_unit(actor, item.unit, _("实施主体"))
    _past(received_on, "received_on", _("受理日期"))
    case = AdjudicationCase(
        item=item,
        number=_serial(AdjudicationCase, "天裁", received_on.year),
        applicant_name=(applicant_name or "").strip(),
        other_party=(other_party or "").strip(),
        received_on=received_on,
        created_by=actor,
    )
    _validate(case)
    case.save()
    audit.record(
        actor=actor, action="disputes.adjudication_register", obj=case, after={"item": item.name}
    )
    return case


@transaction.atomic
def adjudication_decide(
    *, actor, case: AdjudicationCase, decided_on: dt.date, result: str
) -> AdjudicationCase:
    _require(actor, "disputes.change_casework", case.item)
    case = AdjudicationCase.objects.select_for_update().get(pk=case.pk)
    if case.status != AdjudicationStatus.PENDING:
        raise ApplicationError(_("该裁决案件已结案"))
    _past(decided_on, "decided_on", _("裁决日期"))
    _not_before(decided_on, case.received_on, "decided_on", _("裁决日期不能早于受理日期"))
    if not (result or "").strip():
        raise ApplicationError(_("请填写裁决结果"), fields={"result": _("必填")})
    case.status, case.decided_on, case.result = (
        AdjudicationStatus.DECIDED,
        decided_on,
        result.strip(),
    )
    case.save(update_fields=["status", "decided_on", "result", "updated_at"])
    audit.record(
        actor=actor,
        action="disputes.adjudication_decide",
        obj=case,
        after={"decided_on": decided_on.isoformat()},
    )
    return case


@transaction.atomic
def petition_register(
    *,
    actor,
    unit: OrgUnit | None,
    petitioner_name: str,
    subject: str,
    content: str,
    received_on: dt.date,
    channel: str = Channel.COUNTER,
) -> Petition:
    unit = _casework_unit(actor, unit, _("办理单位"))
    _past(received_on, "received_on", _("收到日期"))
    due = periods.due("petition_acceptance", received_on)
    petition = Petition(
        number=_serial(Petition, "天信", received_on.year),
        unit=unit,
        petitioner_name=(petitioner_name or "").strip(),
        subject=(subject or "").strip(),
        content=(content or "").strip(),
        received_on=received_on,
        channel=channel,
        acceptance_due=due.date,
        acceptance_due_provisional=due.provisional,
        created_by=actor,
    )
    _validate(petition)
    petition.save()
    audit.record(
        actor=actor,
        action="disputes.petition_register",
        obj=petition,
        after={"unit": unit.name, "acceptance_due": due.date.isoformat()},
    )
    return petition


@transaction.atomic
def petition_accept(
    *, actor, petition: Petition, accepted_on: dt.date, redirect_route: str = ""
) -> Petition:
    """Accept a residual matter (60-day clock), or direct it to its statutory channel (Art. 31)."""
    _require(actor, "disputes.change_casework", petition)
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if petition.status != PetitionStatus.RECEIVED:
        raise ApplicationError(_("该信访事项已受理或已导入其他途径"))
    _past(accepted_on, "accepted_on", _("受理日期"))
    _not_before(accepted_on, petition.received_on, "accepted_on", _("受理日期不能早于收到日期"))
    petition.accepted_on = accepted_on
    if (redirect_route or "").strip():
        petition.status, petition.redirect_route = PetitionStatus.REDIRECTED, redirect_route.strip()
    else:
        due = periods.due("petition_handling", accepted_on)
        petition.status, petition.handling_due, petition.handling_due_provisional = (
            PetitionStatus.ACCEPTED,
            due.date,
            due.provisional,
        )
    petition.save(
        update_fields=[
            "status",
            "accepted_on",
            "redirect_route",
            "handling_due",
            "handling_due_provisional",
            "updated_at",
        ]
    )
    audit.record(
        actor=actor,
        action="disputes.petition_accept",
        obj=petition,
        after={
            "status": petition.status,
            "handling_due": petition.handling_due.isoformat() if petition.handling_due else None,
        },
    )
    return petition


@transaction.atomic
def petition_extend(*, actor, petition: Petition, days: int, reason: str) -> Petition:
    _require(actor, "disputes.change_casework", petition)
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if petition.status != PetitionStatus.ACCEPTED:
        raise ApplicationError(_("只有办理中的信访事项可以延期"))
    cap = periods.period("petition_extension_max").days
    if days is None or days < 1 or petition.extension_days + days > cap:
        raise ApplicationError(
            _("办理期限最多延长 %(cap)s 日,已延长 %(used)s 日")
            % {"cap": cap, "used": petition.extension_days},
            fields={"days": _("超过上限")},
        )
    if petition.handling_due < today():
        raise ApplicationError(_("办理期限已过,不能再延长"))
    if not (reason or "").strip():
        raise ApplicationError(_("请写明延期理由(需告知信访人)"), fields={"reason": _("必填")})
    petition.extension_days += days
    petition.extension_reason = reason.strip()
    due = periods.due("petition_handling", petition.accepted_on, extra_days=petition.extension_days)
    petition.handling_due, petition.handling_due_provisional = due.date, due.provisional
    petition.save(
        update_fields=[
            "extension_days",
            "extension_reason",
            "handling_due",
            "handling_due_provisional",
            "updated_at",
        ]
    )
    audit.record(
        actor=actor,
        action="disputes.petition_extend",
        obj=petition,
        after={"days": days, "handling_due": due.date.isoformat()},
    )
    return petition


@transaction.atomic
def petition_reply(
    *, actor, petition: Petition, replied_on: dt.date, reply_kind: str, text: str
) -> Petition:
    _require(actor, "disputes.change_casework", petition)
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if petition.status != PetitionStatus.ACCEPTED:
        raise ApplicationError(_("只有已受理、办理中的信访事项可以出具处理意见"))
    if reply_kind not in PetitionReply.values:
        raise ApplicationError(
            _("请选择处理意见(支持、解释说明或不予支持)"), fields={"reply_kind": _("必填")}
        )
    _past(replied_on, "replied_on", _("出具日期"))
    _not_before(replied_on, petition.accepted_on, "replied_on", _("出具日期不能早于受理日期"))
    if not (text or "").strip():
        raise ApplicationError(_("请填写处理意见书内容"), fields={"text": _("必填")})
    petition.status, petition.replied_on, petition.reply_kind, petition.reply_text = (
        PetitionStatus.REPLIED,
        replied_on,
        reply_kind,
        text.strip(),
    )
    petition.save(update_fields=["status", "replied_on", "reply_kind", "reply_text", "updated_at"])
    audit.record(
        actor=actor,
        action="disputes.petition_reply",
        obj=petition,
        after={"replied_on": replied_on.isoformat(), "reply_kind": reply_kind},
    )
    return petition


@transaction.atomic
def period_update(*, actor, key: str, days: int, working: bool, note: str = ""):
    """Administrators adjust a period to a provincial or local rule (the row keeps its article)."""
    from .models import StatutoryPeriod

    if not (actor and (actor.is_superuser or actor.has_perm("core.change_directory"))):
        raise PermissionDenied(_("只有管理员或依法治县办可以调整法定期限"))
    default = periods.DEFAULTS.get(key)
    if default is None:
        raise ApplicationError(_("未知的期限代码"))
    if days < 1:
        raise ApplicationError(_("天数应大于0"), fields={"days": _("应大于0")})
    row, _created = StatutoryPeriod.objects.get_or_create(
        key=key,
        defaults={
            "label": default.label,
            "days": default.days,
            "working": default.working,
            "law": default.law,
            "article": default.article,
            "note": default.note,
        },
    )
    before = audit.snapshot(row, ["days", "working", "note"])
    row.days, row.working, row.note = days, working, note or row.note
    row.save(update_fields=["days", "working", "note", "updated_at"])
    audit.record(
        actor=actor,
        action="disputes.period_update",
        obj=row,
        before=before,
        after=audit.snapshot(row, ["days", "working", "note"]),
    )
    transaction.on_commit(periods.invalidate)
    return row
