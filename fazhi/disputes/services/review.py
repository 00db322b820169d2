"""Reconsideration hearing and decision: the copy to the respondent and its reply (Art. 48),
hearing the parties (Arts. 49-50), the committee (Art. 52), extension and decision (Art. 62),
publication (Art. 79)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dates, periods
from fazhi.core.actors import Actor
from fazhi.core.errors import ApplicationError
from fazhi.core.masking import mask_text
from fazhi.core.writes import validate

from ..choices import (
    RECONSIDERATION_CLOSED,
    DecisionType,
    HearingKind,
    PartyKind,
    Procedure,
    ReconsiderationStatus,
)
from ..errors import DisputesError
from ..events import Event
from ..models import DecisionExtension, ReconsiderationCase, ReconsiderationHearing
from ..periods import by_procedure
from .common import DOC_NUMBER, not_before, past, refuse
from .common import text as required_text
from .reconsideration import extension_days, handled, set_decision_due

RS = ReconsiderationStatus
# Art. 49: in the ordinary procedure the parties' views are heard (a hearing also hears them),
# or, where a party's own cause prevents it, the reason for a review on the papers is recorded.
VIEWS_HEARD = (HearingKind.HEARING, HearingKind.VIEWS, HearingKind.WRITTEN_REVIEW)


def require_open(case: ReconsiderationCase, message: str) -> None:
    """The case is accepted and being heard; say why not otherwise."""
    if case.status == RS.ACCEPTED:
        return
    if case.status == RS.SUSPENDED:
        raise ApplicationError(
            _("案件已中止审理,%(message)s;请先恢复审理") % {"message": message},
            code=DisputesError.SUSPENDED,
        )
    if case.status in RECONSIDERATION_CLOSED:
        raise ApplicationError(
            _("案件已结案(“%(status)s”),%(message)s")
            % {"status": case.get_status_display(), "message": message},
            code=DisputesError.CASE_CLOSED,
        )
    raise ApplicationError(
        _("案件尚未受理,%(message)s") % {"message": message}, code=DisputesError.NOT_ACCEPTED
    )


@transaction.atomic
def reconsideration_send_copy(
    *, actor: Actor, case: ReconsiderationCase, sent_on: dt.date, version: int | None = None
) -> ReconsiderationCase:
    g = handled(case, actor=actor, action=Event.RECONSIDERATION_SEND_COPY, version=version)
    with g as case:
        require_open(case, _("不能发送申请书副本"))
        past(sent_on, "sent_on", _("发送日期"))
        not_before(sent_on, case.accepted_on, "sent_on", _("发送日期不能早于受理日期"))
        case.copy_sent_on = sent_on
        key = by_procedure("reply", case.procedure)
        case.respondent_reply_due = periods.due(key, sent_on).date
    return case


@transaction.atomic
def reconsideration_submit_reply(
    *,
    actor: Actor,
    case: ReconsiderationCase,
    replied_on: dt.date,
    text: str,
    version: int | None = None,
) -> ReconsiderationCase:
    """The respondent's written reply with its evidence (Art. 48)."""
    g = handled(
        case,
        actor=actor,
        action=Event.RECONSIDERATION_SUBMIT_REPLY,
        version=version,
        perm="disputes.reply_reconsideration",
        denied=_("只有被申请人单位或复议机构可以提交答复"),
    )
    with g as case:
        require_open(case, _("不能再提交答复"))
        if case.copy_sent_on is None:
            raise ApplicationError(
                _("复议机构尚未发送申请书副本,暂不能提交答复"), code=DisputesError.NO_COPY_SENT
            )
        past(replied_on, "replied_on", _("答复日期"))
        not_before(
            replied_on,
            case.copy_sent_on,
            "replied_on",
            _("答复日期不能早于收到申请书副本的日期"),
        )
        case.respondent_reply = required_text(text, "text", _("请填写书面答复内容"))
        case.respondent_replied_on = replied_on
    return case


@transaction.atomic
def reconsideration_record_hearing(
    *,
    actor: Actor,
    case: ReconsiderationCase,
    kind: str,
    held_on: dt.date,
    notice_on: dt.date | None = None,
    place: str = "",
    participants: str = "",
    respondent_head_attended: bool = False,
    summary: str = "",
    version: int | None = None,
) -> ReconsiderationHearing:
    g = handled(case, actor=actor, action=Event.RECONSIDERATION_RECORD_HEARING, version=version)
    with g as case:
        require_open(case, _("不能再安排听证或调查"))
        if kind not in HearingKind.values:
            raise refuse(_("请选择方式(听证、听取意见或实地调查)"), "kind", _("必填"))
        if held_on is None:
            raise refuse(_("请填写日期"), "held_on", _("必填"))
        not_before(held_on, case.accepted_on, "held_on", _("日期不能早于受理日期"))
        if kind == HearingKind.HEARING:
            if notice_on is None:
                raise refuse(_("听证须提前通知当事人,请填写通知日期"), "notice_on", _("必填"))
            earliest = periods.due("disputes.recon_hearing_notice", notice_on)
            if held_on < earliest.date:
                raise refuse(
                    _("听证应在通知后 5 个工作日以后举行(最早 %(date)s)")
                    % {"date": dates.day(earliest.date)},
                    "held_on",
                    _("通知期不足"),
                    code=DisputesError.HEARING_NOTICE,
                )
        else:
            past(held_on, "held_on", _("日期"))
        if kind == HearingKind.WRITTEN_REVIEW:
            summary = required_text(
                summary,
                "summary",
                _("书面审理的,请在情况记录中写明因当事人何种原因不能听取意见(行政复议法第49条)"),
            )
        hearing = ReconsiderationHearing(
            case=case,
            kind=kind,
            held_on=held_on,
            notice_on=notice_on,
            place=(place or "").strip(),
            participants=(participants or "").strip(),
            respondent_head_attended=bool(respondent_head_attended),
            summary=(summary or "").strip(),
            recorded_by=actor,
        )
        validate(hearing)
        hearing.save()
        g.note(kind=kind, held_on=held_on)
    return hearing


@transaction.atomic
def reconsideration_consult_committee(
    *,
    actor: Actor,
    case: ReconsiderationCase,
    consulted_on: dt.date,
    opinion: str,
    version: int | None = None,
) -> ReconsiderationCase:
    g = handled(case, actor=actor, action=Event.RECONSIDERATION_CONSULT_COMMITTEE, version=version)
    with g as case:
        require_open(case, _("不能再提请复议委员会咨询"))
        if not case.is_major:
            raise ApplicationError(
                _("只有重大、疑难、复杂案件提请行政复议委员会咨询,请先标记案件性质"),
                code=DisputesError.NOT_MAJOR,
            )
        past(consulted_on, "consulted_on", _("咨询日期"))
        not_before(consulted_on, case.accepted_on, "consulted_on", _("咨询日期不能早于受理日期"))
        case.committee_opinion = required_text(opinion, "opinion", _("请填写委员会咨询意见"))
        case.committee_consulted_on = consulted_on
    return case


@transaction.atomic
def reconsideration_extend(
    *,
    actor: Actor,
    case: ReconsiderationCase,
    approved_on: dt.date,
    approver: str,
    days: int,
    reason: str,
    version: int | None = None,
) -> DecisionExtension:
    g = handled(case, actor=actor, action=Event.RECONSIDERATION_EXTEND, version=version)
    with g as case:
        require_open(case, _("不能延长决定期限"))
        if case.procedure != Procedure.ORDINARY:
            raise ApplicationError(
                _("简易程序案件不能延长决定期限;案情复杂的,应先转为普通程序"),
                code=DisputesError.SIMPLIFIED_NO_EXTENSION,
            )
        cap = periods.value("disputes.recon_extension_max")
        used = extension_days(case)
        if days is None or days < 1 or used + days > cap:
            raise ApplicationError(
                _("决定期限最多延长 %(cap)s 日,本案已延长 %(used)s 日")
                % {"cap": cap, "used": used},
                code=DisputesError.EXTENSION_CAP,
                fields={"days": _("最多还可延长 %(days)s 日") % {"days": cap - used}},
            )
        past(approved_on, "approved_on", _("批准日期"))
        not_before(approved_on, case.accepted_on, "approved_on", _("批准日期不能早于受理日期"))
        if approved_on > case.decision_due:
            raise refuse(
                _("决定期限已于 %(date)s 届满,不能再延长") % {"date": dates.day(case.decision_due)},
                "approved_on",
                _("期限已过"),
                code=DisputesError.PERIOD_PASSED,
            )
        if not (approver or "").strip() or not (reason or "").strip():
            raise ApplicationError(
                _("请填写批准人和延期理由"),
                code=DisputesError.REQUIRED,
                fields={"approver": _("必填"), "reason": _("必填")},
            )
        ext = DecisionExtension(
            case=case,
            approved_on=approved_on,
            approver=approver.strip(),
            days=days,
            reason=reason.strip(),
            recorded_by=actor,
        )
        validate(ext)
        ext.save()
        set_decision_due(case, used + days)
        g.note(days=days)
    return ext


@transaction.atomic
def reconsideration_decide(
    *,
    actor: Actor,
    case: ReconsiderationCase,
    decided_on: dt.date,
    decision_type: str,
    doc_number: str,
    text: str,
    version: int | None = None,
) -> ReconsiderationCase:
    with handled(case, actor=actor, action=Event.RECONSIDERATION_DECIDE, version=version) as case:
        require_open(case, _("不能再作出决定"))
        if decision_type not in DecisionType.values:
            raise refuse(_("请选择决定类型"), "decision_type", _("必填"))
        past(decided_on, "decided_on", _("决定日期"))
        not_before(
            decided_on,
            case.accepted_on,
            "decided_on",
            _("决定日期不能早于受理日期(%(date)s)") % {"date": dates.day(case.accepted_on)},
        )
        doc_number = (doc_number or "").strip()
        if not DOC_NUMBER.match(doc_number):
            raise refuse(
                _("决定书文号格式应为“天政复〔2026〕12号”"),
                "doc_number",
                _("格式不正确"),
                code=DisputesError.DOC_NUMBER,
            )
        if (
            ReconsiderationCase.objects.filter(decision_doc_number=doc_number)
            .exclude(pk=case.pk)
            .exists()
        ):
            raise refuse(
                _("文号“%(number)s”已被其他案件使用") % {"number": doc_number},
                "doc_number",
                _("重复"),
                code=DisputesError.DUPLICATE_NUMBER,
            )
        decision_text = required_text(text, "text", _("请填写决定书正文"))
        if (
            case.procedure == Procedure.ORDINARY
            and not case.hearings.filter(kind__in=VIEWS_HEARD, held_on__lte=decided_on).exists()
        ):
            raise ApplicationError(
                _(
                    "普通程序审理的案件,应当当面或者通过互联网、电话等方式听取当事人的意见并记录在案;"
                    "因当事人原因不能听取意见的,应记录书面审理的原因(行政复议法第49条)。"
                    "请先记录听取意见、听证或书面审理的原因"
                ),
                code=DisputesError.VIEWS_NOT_HEARD,
            )
        case.status, case.decided_on, case.decision_type = RS.DECIDED, decided_on, decision_type
        case.decision_doc_number, case.decision_text = doc_number, decision_text
    return case


@transaction.atomic
def reconsideration_publish(
    *,
    actor: Actor,
    case: ReconsiderationCase,
    published_on: dt.date,
    version: int | None = None,
) -> ReconsiderationCase:
    with handled(
        case,
        actor=actor,
        action=Event.RECONSIDERATION_PUBLISH,
        version=version,
        allowed=(RS.DECIDED,),
        refusal=_("只有已作出决定、尚未公开的案件可以公开"),
    ) as case:
        past(published_on, "published_on", _("公开日期"))
        not_before(published_on, case.decided_on, "published_on", _("公开日期不能早于决定日期"))
        names = [case.applicant_name] if case.applicant_kind == PartyKind.PERSON else []
        case.publication_text = mask_text(case.decision_text, names)
        case.status, case.published_on = RS.PUBLISHED, published_on
    return case
