"""Execution, post-decision evaluation and change (Arts. 34–37)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import periods
from fazhi.core.errors import ApplicationError
from fazhi.core.writes import created, guarded, require_perm

from ..choices import ChangeKind, EvaluationTrigger, MeetingKind, Stage
from ..errors import DecisionsError
from ..events import Event
from ..models import Decision, DecisionChange, Evaluation, ExecutionReport

LAW = gettext_lazy("《重大行政决策程序暂行条例》")
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
    g = guarded(
        ExecutionReport, report_id, actor=actor, version=version, action=Event.REPORT_SUBMIT
    )
    with g as report:
        decision = report.decision
        require_perm(actor, "decisions.implement_decision", decision)
        if report.submitted_on is not None:
            raise ApplicationError(_("该期报告已报送"), code=DecisionsError.CHANGE_STATE)
        if not progress.strip():
            raise ApplicationError(
                _("请填写执行情况"), code="invalid", fields={"progress": _("必填")}
            )
        report.submitted_on = submitted_on
        report.progress = progress.strip()
        report.problems = problems.strip()
    if decision.stage == Stage.PUBLISHED:
        schedule_report(actor=actor, decision=decision, start=report.due_on)
    return report


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
    g = guarded(
        Decision,
        decision_id,
        actor=actor,
        perm="decisions.draft_decision",
        version=version,
        allowed=IN_FORCE + (Stage.STOPPED,),
        status_field="stage",
        refusal=_("决策公布实施后才能组织决策后评估(%(law)s第36条)") % {"law": LAW},
        action=Event.EVALUATION_START,
    )
    with g as decision:
        if trigger not in EvaluationTrigger.values:
            raise ApplicationError(
                _("请选择评估原因"), code="invalid", fields={"trigger": _("必填")}
            )
        evaluation = Evaluation(
            decision=decision,
            trigger=trigger,
            evaluator=evaluator,
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
    g = guarded(
        Evaluation, evaluation_id, actor=actor, version=version, action=Event.EVALUATION_COMPLETE
    )
    with g as evaluation:
        require_perm(actor, "decisions.draft_decision", evaluation.decision)
        if evaluation.completed_on is not None:
            raise ApplicationError(_("评估已完成"), code=DecisionsError.CHANGE_STATE)
        if not conclusion.strip() or completed_on < evaluation.started_on:
            raise ApplicationError(
                _("请填写评估结论,完成日期不能早于开始日期"),
                code="invalid",
                fields={"conclusion": _("必填")},
            )
        evaluation.conclusion = conclusion.strip()
        evaluation.completed_on = completed_on
    return evaluation


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
) -> DecisionChange:
    """Art. 37: change, suspend, resume or stop only by the body's meeting, with its reason."""
    g = guarded(
        Decision,
        decision_id,
        actor=actor,
        perm="decisions.draft_decision",
        version=version,
        action=Event.DECISION_CHANGE,
    )
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
            raise ApplicationError(
                _("变更、暂停或停止执行须经决策机关会议研究并说明理由(%(law)s第37条)")
                % {"law": LAW},
                code="invalid",
                fields={"reason": _("必填")},
            )
        if kind == ChangeKind.CHANGE and not content.strip():
            raise ApplicationError(
                _("请写明变更内容"), code="invalid", fields={"content": _("必填")}
            )
        if meeting_on < decision.published_on:
            raise ApplicationError(
                _("会议日期不能早于决策公布日期"),
                code="invalid",
                fields={"meeting_on": _("日期有误")},
            )
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
