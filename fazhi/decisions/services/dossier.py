"""The decision dossier: the five procedures in statutory order (Arts. 14–32).

Each step is one service; `order.require_stage` refuses a step taken out of order, citing the
article, before anything is written.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import numbering, periods
from fazhi.core.actors import user_or_none
from fazhi.core.dates import day
from fazhi.core.errors import ApplicationError
from fazhi.core.validators import past_date
from fazhi.core.writes import created

from ..choices import (
    MEETINGS,
    CommentStatus,
    ConsultationStatus,
    HeadDecision,
    Procedure,
    ReviewConclusion,
    RiskLevel,
    Stage,
)
from ..errors import DecisionsError, invalid
from ..events import Event
from ..models import Consultation, Decision, Hearing, LegalAdvice
from .catalogs import check_procedures
from .order import next_stage, require_stage
from .steps import LAW, REVIEW, dossier_step


def _next_number(body) -> str:
    """The dossier's number in the body's region: 140222-2026-0001. The serial is the highest of
    the region and year plus one (a gap, an imported number or a serial past 9999 never gives
    one already taken), read under a lock on that number space (`core.numbering`)."""
    year = dt.date.today().year
    head = f"{body.region_id or '000000'}-{year}-"
    numbering.lock_number_space(head, year)
    return f"{head}{numbering.highest_serial(Decision.objects.all(), head) + 1:04d}"


@transaction.atomic
def decision_create(
    *,
    actor,
    body,
    drafting_unit,
    title: str,
    options: str,
    justification: str,
    entry=None,
    procedures=(),
    requires_party_report: bool = False,
    number: str = "",
    adjusts: Decision | None = None,
) -> Decision:
    if entry is not None:
        # An adjustment (Art. 37) keeps its original's matter, though that catalogue revision
        # may since have been superseded by an adjusted one.
        inherited = adjusts is not None and entry.pk == adjusts.entry_id
        published = entry.catalog.status == "published" or inherited
        if not published or entry.catalog.body_id != body.pk:
            raise invalid(_("只能选用本机关已公布目录中的事项"), "entry")
        procedures = [*entry.procedures, *procedures]
    decision = Decision(
        number=number or _next_number(body),
        title=title,
        body=body,
        drafting_unit=drafting_unit,
        entry=entry,
        options=options,
        justification=justification,
        procedures=check_procedures(procedures),
        requires_party_report=requires_party_report,
        adjusts=adjusts,
        created_by=user_or_none(actor),
    )
    return created(
        decision,
        actor=actor,
        action=Event.DECISION_CREATE,
        perm="decisions.create_decision",
        note={"adjusts": adjusts.number} if adjusts else None,
    )


# --- 公众参与 (Arts. 14–18) ---------------------------------------------------------------------


@transaction.atomic
def decision_open_consultation(
    *,
    actor,
    decision_id: int,
    version: int | None,
    opens_on: dt.date,
    closes_on: dt.date,
    draft_text: str,
    short_reason: str = "",
) -> Consultation:
    g = dossier_step(
        decision_id, actor=actor, version=version, action=Event.DECISION_OPEN_CONSULTATION
    )
    with g as decision:
        if decision.stage != Stage.DRAFTING or not decision.needs(Procedure.PUBLIC_PARTICIPATION):
            require_stage(decision, Stage.PARTICIPATION)
            raise ApplicationError(_("已公开征求意见"), code=DecisionsError.OUT_OF_ORDER)
        if closes_on < opens_on:
            raise invalid(_("截止日期不能早于开始日期"), "closes_on")
        # A minimum length, not a deadline: the last day may fall on a rest day.
        days = periods.value("decisions.comment_period", region=decision.body.region_id)
        if (closes_on - opens_on).days < days and not short_reason.strip():
            raise invalid(
                _("征求意见期限为%(given)s日,少于%(days)s日,须说明理由(%(law)s第15条)")
                % {"given": (closes_on - opens_on).days, "days": days, "law": LAW},
                "short_reason",
                DecisionsError.COMMENT_PERIOD_SHORT,
            )
        consultation = Consultation(
            unit=decision.body,
            target_type=ContentType.objects.get_for_model(Decision),
            target_id=decision.pk,
            title=decision.title,
            draft_text=draft_text,
            opens_on=opens_on,
            closes_on=closes_on,
            short_reason=short_reason.strip(),
        )
        created(consultation, actor=actor, action=Event.DECISION_OPEN_CONSULTATION)
        decision.stage = Stage.PARTICIPATION
        g.note(consultation=consultation.pk)
    return consultation


def decision_consultation(decision) -> Consultation | None:
    return (
        Consultation.objects.filter(
            target_type=ContentType.objects.get_for_model(Decision), target_id=decision.pk
        )
        .order_by("-id")
        .first()
    )


@transaction.atomic
def decision_record_hearing(
    *,
    actor,
    decision_id: int,
    version: int | None,
    draft_published_on: dt.date,
    materials_sent_on: dt.date,
    held_on: dt.date,
    participants: str,
    record: str,
) -> Hearing:
    past_date(draft_published_on, label=_("公布听证草案日期"), field="draft_published_on")
    past_date(materials_sent_on, label=_("材料送达参加人日期"), field="materials_sent_on")
    past_date(held_on, label=_("听证日期"), field="held_on")
    g = dossier_step(
        decision_id, actor=actor, version=version, action=Event.DECISION_RECORD_HEARING
    )
    with g as decision:
        require_stage(decision, Stage.PARTICIPATION)
        if draft_published_on >= held_on:
            raise invalid(
                _("听证草案须在听证前公布(%(law)s第16条)") % {"law": LAW},
                "draft_published_on",
                DecisionsError.HEARING_NOTICE,
            )
        days = periods.value("decisions.hearing_materials", region=decision.body.region_id)
        if (held_on - materials_sent_on).days < days:
            raise invalid(
                _("听证材料须于听证%(days)s日前送达听证参加人(%(law)s第16条)")
                % {"days": days, "law": LAW},
                "materials_sent_on",
                DecisionsError.HEARING_NOTICE,
            )
        hearing = Hearing(
            decision=decision,
            draft_published_on=draft_published_on,
            materials_sent_on=materials_sent_on,
            held_on=held_on,
            participants=participants,
            record=record,
        )
        created(hearing, actor=actor, action=Event.DECISION_RECORD_HEARING)
        g.note(hearing=hearing.pk, held_on=held_on)
    return hearing


@transaction.atomic
def decision_finish_participation(
    *, actor, decision_id: int, version: int | None, done_on: dt.date
) -> Decision:
    past_date(done_on, label=_("完成日期"), field="done_on")
    g = dossier_step(
        decision_id, actor=actor, version=version, action=Event.DECISION_FINISH_PARTICIPATION
    )
    with g as decision:
        require_stage(decision, Stage.PARTICIPATION)
        consultation = decision_consultation(decision)
        if consultation is None or done_on <= consultation.closes_on:
            raise ApplicationError(
                _("公开征求意见期限尚未届满(%(law)s第15条)") % {"law": LAW},
                code=DecisionsError.COMMENT_OPEN,
            )
        if consultation.status != ConsultationStatus.SUMMARISED:
            raise ApplicationError(
                _("请先公布公众意见的采纳情况及理由(%(law)s第18条)") % {"law": LAW},
                code=DecisionsError.SUMMARY_MISSING,
            )
        if consultation.comments.filter(status=CommentStatus.PENDING).exists():
            raise ApplicationError(_("还有未审核的公众意见"), code=DecisionsError.SUMMARY_MISSING)
        if decision.entry_id and decision.entry.hearing and not decision.hearings.exists():
            raise ApplicationError(
                _("目录确定本事项须听证,尚未举行听证(%(law)s第16条)") % {"law": LAW},
                code=DecisionsError.HEARING_MISSING,
            )
        decision.participation_done_on = done_on
        decision.stage = next_stage(decision, Stage.PARTICIPATION)
    return decision


# --- 风险评估 (Arts. 22–24) ---------------------------------------------------------------------


@transaction.atomic
def decision_assess_risk(
    *,
    actor,
    decision_id: int,
    version: int | None,
    level: str,
    report: str,
    assessed_on: dt.date,
    assessor: str = "",
) -> Decision:
    past_date(assessed_on, label=_("风险评估日期"), field="assessed_on")
    g = dossier_step(decision_id, actor=actor, version=version, action=Event.DECISION_ASSESS_RISK)
    with g as decision:
        if decision.stage != Stage.RISK or decision.risk_level != RiskLevel.UNCONTROLLABLE:
            require_stage(decision, Stage.RISK)
        if decision.risk_level == RiskLevel.UNCONTROLLABLE:
            raise ApplicationError(
                _("风险不可控的决策草案须先调整,再重新评估(%(law)s第24条)") % {"law": LAW},
                code=DecisionsError.RISK_UNCONTROLLABLE,
            )
        if level not in RiskLevel.values:
            raise invalid(_("请选择风险评估结论"), "level")
        decision.risk_level = level
        decision.risk_report = report
        decision.risk_assessed_on = assessed_on
        decision.risk_assessor = assessor.strip()
        if level == RiskLevel.CONTROLLABLE:
            decision.stage = next_stage(decision, Stage.RISK)
    return decision


@transaction.atomic
def decision_adjust_draft(
    *, actor, decision_id: int, version: int | None, options: str, adjustment: str
) -> Decision:
    """Art. 24: after an uncontrollable risk the draft is adjusted, then assessed again."""
    g = dossier_step(decision_id, actor=actor, version=version, action=Event.DECISION_ADJUST_DRAFT)
    with g as decision:
        if decision.stage != Stage.RISK or decision.risk_level != RiskLevel.UNCONTROLLABLE:
            raise ApplicationError(
                _("只有风险评估认为不可控的决策草案需要在此调整"),
                code=DecisionsError.OUT_OF_ORDER,
            )
        if not adjustment.strip():
            raise invalid(_("请说明草案如何调整以控制风险"), "adjustment")
        decision.options = options
        decision.draft_adjustment = adjustment.strip()
        decision.risk_level = ""
    return decision


# --- 合法性审查 (Arts. 25–28) -------------------------------------------------------------------


def review_time_floor(decision, submitted_on: dt.date) -> dt.date:
    """The day the reviewer's time (Art. 26 ¶2, "一般不少于7个工作日") runs to."""
    return periods.due(
        "decisions.legality_review", submitted_on, region=decision.body.region_id
    ).date


@transaction.atomic
def decision_submit_review(
    *,
    actor,
    decision_id: int,
    version: int | None,
    review_unit,
    submitted_on: dt.date,
    basis: str,
    due_on: dt.date,
    short_reason: str = "",
) -> Decision:
    """Art. 26: the draft goes with its legal basis and the account of the procedures taken, and
    the reviewer is given the necessary time: generally at least the registry's period, a shorter
    one only with the reason recorded. The reviewer may answer sooner (Art. 28: 及时)."""
    past_date(submitted_on, label=_("送审日期"), field="submitted_on")
    g = dossier_step(decision_id, actor=actor, version=version, action=Event.DECISION_SUBMIT_REVIEW)
    with g as decision:
        require_stage(decision, Stage.LEGALITY)
        if decision.review_submitted_on is not None:
            raise ApplicationError(_("已送请合法性审查"), code=DecisionsError.OUT_OF_ORDER)
        if review_unit.pk == decision.drafting_unit_id:
            raise invalid(
                _(
                    "合法性审查应当由决策机关的合法性审查机构进行,不能由决策承办单位自行审查"
                    "(%(law)s第25条)"
                )
                % {"law": LAW},
                "review_unit",
                DecisionsError.REVIEW_BY_DRAFTER,
            )
        if not basis.strip():
            raise invalid(
                _(
                    "送请合法性审查应当提供有关法律、法规、规章等依据和履行决策法定程序的说明(%(law)s第26条)"
                )
                % {"law": LAW},
                "basis",
            )
        if due_on < submitted_on:
            raise invalid(_("要求审查完成日期不能早于送审日期"), "due_on")
        if decision.review_returned_on and submitted_on < decision.review_returned_on:
            raise invalid(_("重新送审日期不能早于退回补充材料的日期"), "submitted_on")
        floor = review_time_floor(decision, submitted_on)
        if due_on < floor and not short_reason.strip():
            days = periods.value("decisions.legality_review", region=decision.body.region_id)
            raise invalid(
                _(
                    "送请合法性审查应当保证必要的审查时间,一般不少于%(days)s个工作日(至%(date)s);"
                    "确需缩短的,请说明理由(%(law)s第26条第2款)"
                )
                % {"days": days, "date": day(floor), "law": LAW},
                "short_reason",
                DecisionsError.REVIEW_TIME,
            )
        decision.review_unit = review_unit
        decision.review_submitted_on = submitted_on
        decision.review_basis = basis.strip()
        decision.review_due_on = due_on
        decision.review_short_reason = short_reason.strip() if due_on < floor else ""
        decision.review_conclusion = ""
    return decision


def _require_submitted(decision) -> None:
    """A step of the review body: at the legality stage, on a draft submitted to it."""
    require_stage(decision, Stage.LEGALITY)
    if decision.review_submitted_on is None:
        raise ApplicationError(_("尚未送请合法性审查"), code=DecisionsError.OUT_OF_ORDER)


@transaction.atomic
def decision_return_materials(
    *, actor, decision_id: int, version: int | None, missing: str, returned_on: dt.date
) -> Decision:
    """Art. 26 ¶1: the review body returns a submission whose materials fall short, naming what
    is missing; the drafter resubmits and the review time runs again from the complete one."""
    past_date(returned_on, label=_("退回日期"), field="returned_on")
    g = dossier_step(
        decision_id,
        actor=actor,
        version=version,
        action=Event.DECISION_RETURN_MATERIALS,
        perm=REVIEW,
    )
    with g as decision:
        _require_submitted(decision)
        if not missing.strip():
            raise invalid(_("退回须写明需补充的材料(%(law)s第26条第1款)") % {"law": LAW}, "missing")
        if returned_on < decision.review_submitted_on:
            raise invalid(_("退回日期不能早于送审日期"), "returned_on")
        g.note(submitted_on=decision.review_submitted_on)
        decision.review_returned_on = returned_on
        decision.review_missing = missing.strip()
        decision.review_submitted_on = None
        decision.review_due_on = None
        decision.review_short_reason = ""
    return decision


@transaction.atomic
def decision_record_advice(
    *, actor, decision_id: int, version: int | None, adviser, text: str, given_on: dt.date
) -> LegalAdvice:
    past_date(given_on, label=_("出具日期"), field="given_on")
    g = dossier_step(
        decision_id, actor=actor, version=version, action=Event.DECISION_RECORD_ADVICE, perm=REVIEW
    )
    with g as decision:
        _require_submitted(decision)
        if not adviser.is_active:
            raise invalid(_("该法律顾问已不在聘"), "adviser")
        advice = LegalAdvice(decision=decision, adviser=adviser, text=text, given_on=given_on)
        created(advice, actor=actor, action=Event.DECISION_RECORD_ADVICE)
        g.note(advice=advice.pk, adviser=adviser.name)
    return advice


@transaction.atomic
def decision_review(
    *,
    actor,
    decision_id: int,
    version: int | None,
    conclusion: str,
    opinion: str,
    done_on: dt.date,
) -> Decision:
    past_date(done_on, label=_("审查完成日期"), field="done_on")
    g = dossier_step(
        decision_id, actor=actor, version=version, action=Event.DECISION_REVIEW, perm=REVIEW
    )
    with g as decision:
        _require_submitted(decision)
        if done_on < decision.review_submitted_on:
            raise invalid(_("审查完成日期不能早于送审日期"), "done_on")
        if not decision.advice.exists():
            raise ApplicationError(
                _("合法性审查应当组织法律顾问、公职律师提出法律意见(%(law)s第28条)") % {"law": LAW},
                code=DecisionsError.ADVISER_MISSING,
            )
        if conclusion not in ReviewConclusion.values or not opinion.strip():
            raise invalid(_("请填写审查结论和审查意见"), "opinion")
        decision.review_conclusion = conclusion
        decision.review_opinion = opinion.strip()
        decision.review_done_on = done_on
        if conclusion == ReviewConclusion.UNLAWFUL:
            # Art. 25: an unlawful draft is not put to discussion; it is revised and resubmitted.
            decision.review_submitted_on = None
            decision.review_due_on = None
        else:
            decision.stage = next_stage(decision, Stage.LEGALITY)
    return decision


# --- 集体讨论决定 (Art. 30), 党委 (Art. 31), 公布 (Art. 32) ------------------------------------


@transaction.atomic
def decision_discuss(
    *,
    actor,
    decision_id: int,
    version: int | None,
    meeting_kind: str,
    meeting_on: dt.date,
    minutes: str,
    head_name: str,
    head_decision: str,
    dissent: str,
) -> Decision:
    past_date(meeting_on, label=_("会议日期"), field="meeting_on")
    g = dossier_step(decision_id, actor=actor, version=version, action=Event.DECISION_DISCUSS)
    with g as decision:
        require_stage(decision, Stage.DISCUSSION)
        if meeting_kind not in MEETINGS:
            raise invalid(
                _("决策草案应当经决策机关常务会议或者全体会议讨论(%(law)s第30条)") % {"law": LAW},
                "meeting_kind",
            )
        if decision.review_done_on and meeting_on < decision.review_done_on:
            raise invalid(
                _("集体讨论须在合法性审查之后(%(law)s第25条)") % {"law": LAW}, "meeting_on"
            )
        if not dissent.strip():
            raise invalid(
                _("请如实载明不同意见;没有不同意见的,写明“无”(%(law)s第30条)") % {"law": LAW},
                "dissent",
            )
        if not head_name.strip() or head_decision not in HeadDecision.values:
            raise invalid(
                _("须由行政首长在集体讨论基础上作出决定(%(law)s第30条)") % {"law": LAW}, "head_name"
            )
        decision.meeting_kind = meeting_kind
        decision.meeting_on = meeting_on
        decision.minutes = minutes
        decision.head_name = head_name.strip()
        decision.head_decision = head_decision
        decision.dissent = dissent.strip()
        if head_decision == HeadDecision.ADOPT:
            decision.stage = next_stage(decision, Stage.DISCUSSION)
        elif head_decision == HeadDecision.REJECT:
            decision.stage = Stage.WITHDRAWN
    return decision


@transaction.atomic
def decision_report_party(
    *, actor, decision_id: int, version: int | None, reported_on: dt.date, report_ref: str
) -> Decision:
    past_date(reported_on, label=_("报请党委日期"), field="reported_on")
    g = dossier_step(decision_id, actor=actor, version=version, action=Event.DECISION_REPORT_PARTY)
    with g as decision:
        require_stage(decision, Stage.PARTY_REPORT)
        if reported_on < decision.meeting_on:
            raise invalid(_("报请党委的日期不能早于集体讨论"), "reported_on")
        decision.party_reported_on = reported_on
        decision.party_report_ref = report_ref
        decision.stage = Stage.DECIDED
    return decision


@transaction.atomic
def decision_publish(
    *,
    actor,
    decision_id: int,
    version: int | None,
    published_on: dt.date,
    explanation: str,
    implementing_unit,
) -> Decision:
    from .execution import schedule_report

    past_date(published_on, label=_("公布日期"), field="published_on")
    g = dossier_step(decision_id, actor=actor, version=version, action=Event.DECISION_PUBLISH)
    with g as decision:
        require_stage(decision, Stage.DECIDED)
        heard = decision.needs(Procedure.PUBLIC_PARTICIPATION) or decision.needs(
            Procedure.EXPERT_ARGUMENTATION
        )
        if heard and not explanation.strip():
            raise invalid(
                _("公布决策须说明公众意见、专家论证意见的采纳情况(%(law)s第32条)") % {"law": LAW},
                "explanation",
            )
        decision.published_on = published_on
        decision.explanation = explanation.strip()
        decision.implementing_unit = implementing_unit
        decision.stage = Stage.PUBLISHED
    schedule_report(actor=actor, decision=decision, start=published_on)
    return decision


@transaction.atomic
def decision_complete_draft(*, actor, decision_id: int, version: int | None) -> Decision:
    """A draft whose catalogue entry does not call for public participation moves on."""
    g = dossier_step(
        decision_id, actor=actor, version=version, action=Event.DECISION_COMPLETE_DRAFT
    )
    with g as decision:
        require_stage(decision, Stage.DRAFTING)
        if decision.needs(Procedure.PUBLIC_PARTICIPATION):
            raise ApplicationError(
                _("本决策须先公开征求意见(%(law)s第14条、第15条)") % {"law": LAW},
                code=DecisionsError.OUT_OF_ORDER,
            )
        decision.stage = next_stage(decision, Stage.DRAFTING)
    return decision


ATTACHMENT_KINDS = ("pdf", "docx", "ofd", "xlsx", "jpg", "png", "mp4", "mp3", "txt")


@transaction.atomic
def decision_attach(*, actor, decision_id: int, version: int | None, title: str, upload):
    """A document of the dossier, hashed (SM3) as it is stored; checked by core's upload guard."""
    import hashlib

    from fazhi.core import uploads

    from ..models import Attachment

    g = dossier_step(decision_id, actor=actor, version=version, action=Event.DECISION_ATTACH)
    with g as decision:
        uploads.check(upload, kinds=ATTACHMENT_KINDS, field="upload")
        digest = hashlib.new("sm3")
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        attachment = Attachment(
            decision=decision, title=title, file=upload, size=upload.size, sm3=digest.hexdigest()
        )
        attachment.file.save(upload.name, upload, save=False)
        created(attachment, actor=actor, action=Event.DECISION_ATTACH)
        g.note(attachment=attachment.pk, sm3=attachment.sm3)
    return attachment
