"""Execution, post-decision evaluation and change (Arts. 34–37)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import periods
from fazhi.core.errors import ApplicationError
from fazhi.core.validators import past_date
from fazhi.core.writes import created, guarded, require_perm

from ..choices import MEETINGS, ChangeKind, EvaluationTrigger, MeetingKind, Stage
from ..errors import DecisionsError, invalid
from ..events import Event
from ..models import Decision, DecisionChange, Evaluation, ExecutionReport
from .steps import DRAFT, LAW, dossier_step

IN_FORCE = (Stage.PUBLISHED, Stage.SUSPENDED)


def schedule_report(*, actor, decision: Decision, start: dt.date) -> ExecutionReport:
    """The next execution report, due one reporting period after `start` (inside a service)."""
    due = periods.due("decisions.execution_report", start, region=decision.body.region_id).date
    report = ExecutionReport(decision=decision, due_on=due)
    return created(report, actor=actor, action=Event.REPORT_SCHEDULE)


@transaction.atomic
def report_submit(
    *,
    actor,
    report_id: int,
    version: int | None,
    submitted_on: dt.date,
    progress: str,
    problems: str = "",
) -> ExecutionReport:
    past_date(submitted_on, label=_("报送日期"), field="submitted_on")
    g = guarded(
        ExecutionReport, report_id, actor=actor, version=version, action=Event.REPORT_SUBMIT
    )
    with g as report:
        decision = report.decision
        require_perm(actor, "decisions.implement_decision", decision)
        if report.submitted_on is not None:
            raise ApplicationError(_("该期报告已报送"), code=DecisionsError.CHANGE_STATE)
        if not progress.strip():
            raise invalid(_("请填写执行情况"), "progress")
        report.submitted_on = submitted_on
        report.progress = progress.strip()
        report.problems = problems.strip()
    if decision.stage == Stage.PUBLISHED:
        schedule_report(actor=actor, decision=decision, start=report.due_on)
    return report


def pre_decision_assessors(decision: Decision) -> set[str]:
    """Who did the main argumentation or assessment before the decision (Art. 36 ¶2)."""
    names = {decision.risk_assessor} if decision.risk_assessor else set()
    names |= set(decision.opinions.values_list("expert__employer", flat=True))
    return names


@transaction.atomic
def evaluation_start(
    *,
    actor,
    decision_id: int,
    version: int | None,
    trigger: str,
    evaluator: str,
    third_party: bool,
    started_on: dt.date,
) -> Evaluation:
    past_date(started_on, label=_("开始日期"), field="started_on")
    g = dossier_step(
        decision_id,
        actor=actor,
        version=version,
        allowed=IN_FORCE + (Stage.STOPPED,),
        refusal=_("决策公布实施后才能组织决策后评估(%(law)s第36条)") % {"law": LAW},
        action=Event.EVALUATION_START,
    )
    with g as decision:
        if trigger not in EvaluationTrigger.values:
            raise invalid(_("请选择评估原因"), "trigger")
        if not evaluator.strip():
            raise invalid(
                _("请填写承担评估具体工作的单位(%(law)s第36条)") % {"law": LAW}, "evaluator"
            )
        if third_party and evaluator.strip() in pre_decision_assessors(decision):
            message = _(
                "“%(name)s”在决策作出前承担了主要论证评估工作,不能受托进行决策后评估"
                "(%(law)s第36条第2款)"
            ) % {"name": evaluator.strip(), "law": LAW}
            raise invalid(message, "evaluator", DecisionsError.EVALUATOR_NOT_INDEPENDENT)
        evaluation = Evaluation(
            decision=decision,
            trigger=trigger,
            evaluator=evaluator.strip(),
            third_party=third_party,
            started_on=started_on,
        )
        created(evaluation, actor=actor, action=Event.EVALUATION_START)
        g.note(evaluation=evaluation.pk)
    return evaluation


@transaction.atomic
def evaluation_complete(
    *, actor, evaluation_id: int, version: int | None, conclusion: str, completed_on: dt.date
) -> Evaluation:
    past_date(completed_on, label=_("完成日期"), field="completed_on")
    g = guarded(
        Evaluation, evaluation_id, actor=actor, version=version, action=Event.EVALUATION_COMPLETE
    )
    with g as evaluation:
        require_perm(actor, DRAFT, evaluation.decision)
        if evaluation.completed_on is not None:
            raise ApplicationError(_("评估已完成"), code=DecisionsError.CHANGE_STATE)
        if not conclusion.strip() or completed_on < evaluation.started_on:
            raise invalid(_("请填写评估结论,完成日期不能早于开始日期"), "conclusion")
        evaluation.conclusion = conclusion.strip()
        evaluation.completed_on = completed_on
    return evaluation


def _check_meeting_after_publication(decision: Decision, meeting_on: dt.date) -> None:
    if meeting_on < decision.published_on:
        raise invalid(_("会议日期不能早于决策公布日期"), "meeting_on")


_NEXT = {
    ChangeKind.CHANGE: {Stage.PUBLISHED: Stage.PUBLISHED},
    ChangeKind.SUSPEND: {Stage.PUBLISHED: Stage.SUSPENDED},
    ChangeKind.RESUME: {Stage.SUSPENDED: Stage.PUBLISHED},
    ChangeKind.STOP: {Stage.PUBLISHED: Stage.STOPPED, Stage.SUSPENDED: Stage.STOPPED},
}


@transaction.atomic
def decision_change(
    *,
    actor,
    decision_id: int,
    version: int | None,
    kind: str,
    reason: str,
    meeting_kind: str,
    meeting_on: dt.date,
    content: str = "",
    major: bool = False,
) -> DecisionChange:
    """Art. 37: change, suspend, resume or stop only by the body's meeting, with its reason;
    in an emergency the head may first suspend alone; a major adjustment is a new dossier."""
    past_date(meeting_on, label=_("会议日期"), field="meeting_on")
    g = dossier_step(decision_id, actor=actor, version=version, action=Event.DECISION_CHANGE)
    with g as decision:
        target = _NEXT.get(kind, {}).get(decision.stage)
        if target is None:
            raise ApplicationError(
                _("当前状态为“%(stage)s”,不能%(kind)s(%(law)s第37条)")
                % {
                    "stage": decision.get_stage_display(),
                    "kind": ChangeKind(kind).label if kind in ChangeKind.values else kind,
                    "law": LAW,
                },
                code=DecisionsError.CHANGE_STATE,
            )
        if not reason.strip() or meeting_kind not in MeetingKind.values:
            raise invalid(
                _("变更、暂停或停止执行须经决策机关会议研究并说明理由(%(law)s第37条)")
                % {"law": LAW},
                "reason",
            )
        if meeting_kind == MeetingKind.HEAD and kind != ChangeKind.SUSPEND:
            message = _(
                "行政首长只能在情况紧急时先决定中止执行;变更、停止或恢复执行须经决策机关会议研究"
                "(%(law)s第37条)"
            ) % {"law": LAW}
            raise invalid(message, "meeting_kind")
        if major:
            message = _(
                "需要作出重大调整的,应当依照条例重新履行相关法定程序:请使用“重大调整”新建决策案卷,"
                "本决策可先中止执行(%(law)s第37条)"
            ) % {"law": LAW}
            raise invalid(message, "major", DecisionsError.MAJOR_ADJUSTMENT)
        if kind == ChangeKind.CHANGE and not content.strip():
            raise invalid(_("请写明变更内容"), "content")
        _check_meeting_after_publication(decision, meeting_on)
        change = DecisionChange(
            decision=decision,
            kind=kind,
            reason=reason.strip(),
            meeting_kind=meeting_kind,
            meeting_on=meeting_on,
            content=content.strip(),
        )
        created(change, actor=actor, action=Event.DECISION_CHANGE)
        decision.stage = target
        g.note(change=change.pk, kind=kind)
    return change


# Stages after which an adjustment dossier no longer runs: it was decided against or is in force.
ENDED = (Stage.WITHDRAWN, *IN_FORCE, Stage.STOPPED)


@transaction.atomic
def decision_adjust_major(
    *,
    actor,
    decision_id: int,
    version: int | None,
    reason: str,
    meeting_kind: str,
    meeting_on: dt.date,
    title: str,
    options: str,
    justification: str,
) -> Decision:
    """Art. 37: a major adjustment of a decision in force runs the statutory procedures again,
    in a new dossier linked to this one (调整自 / 调整为); this decision stays as it is until
    changed, suspended or stopped by its own procedure."""
    from .dossier import decision_create

    past_date(meeting_on, label=_("会议日期"), field="meeting_on")
    g = dossier_step(
        decision_id,
        actor=actor,
        version=version,
        allowed=IN_FORCE,
        refusal=_("只有已公布实施的决策可以重大调整(%(law)s第37条)") % {"law": LAW},
        action=Event.DECISION_ADJUST_MAJOR,
    )
    with g as original:
        if not reason.strip() or meeting_kind not in MEETINGS:
            message = _("重大调整须经决策机关会议研究并说明理由(%(law)s第37条)") % {"law": LAW}
            raise invalid(message, "reason")
        _check_meeting_after_publication(original, meeting_on)
        pending = original.adjustments.exclude(stage__in=ENDED).first()
        if pending is not None:
            raise ApplicationError(
                _("本决策已有进行中的重大调整案卷%(number)s") % {"number": pending.number},
                code=DecisionsError.MAJOR_ADJUSTMENT,
            )
        new = decision_create(
            actor=actor,
            body=original.body,
            drafting_unit=original.drafting_unit,
            title=title,
            options=options,
            justification=justification,
            entry=original.entry,
            procedures=original.procedures,
            requires_party_report=original.requires_party_report,
            adjusts=original,
        )
        change = DecisionChange(
            decision=original,
            kind=ChangeKind.MAJOR,
            reason=reason.strip(),
            meeting_kind=meeting_kind,
            meeting_on=meeting_on,
            content=new.number,
        )
        created(change, actor=actor, action=Event.DECISION_CHANGE)
        g.note(change=change.pk, adjusted_to=new.number)
    return new


def _of_decision(decision_id: int, row, field: str, message: str) -> int:
    """`row`'s key, once it is seen to belong to the decision the page is about."""
    if row.decision_id != decision_id:
        raise ApplicationError(message, code="invalid", fields={field: _("有误")})
    return row.pk


@transaction.atomic
def decision_submit_report(
    *,
    actor,
    decision_id: int,
    report,
    submitted_on: dt.date,
    progress: str,
    problems: str = "",
) -> ExecutionReport:
    """The dossier page's form: the implementing unit reports on a scheduled report."""
    return report_submit(
        actor=actor,
        report_id=_of_decision(decision_id, report, "report", _("该报告不属于本决策")),
        version=report.version,
        submitted_on=submitted_on,
        progress=progress,
        problems=problems,
    )


@transaction.atomic
def decision_complete_evaluation(
    *, actor, decision_id: int, evaluation, conclusion: str, completed_on: dt.date
) -> Evaluation:
    """The dossier page's form: record the conclusion of an open evaluation."""
    return evaluation_complete(
        actor=actor,
        evaluation_id=_of_decision(decision_id, evaluation, "evaluation", _("该评估不属于本决策")),
        version=evaluation.version,
        conclusion=conclusion,
        completed_on=completed_on,
    )
