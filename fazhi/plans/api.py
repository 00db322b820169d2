"""The plans API: the ledger, the dashboard, and progress reports. Same selectors and services."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from fazhi.core.errors import ApplicationError

from . import selectors, services
from .choices import TaskStatus
from .models import ProgressReport, Task
from .schemas import DashboardOut, ReportIn, ReportOut, ReviewIn, TaskOut, TaskPageOut

router = Router(tags=["实施方案督办"])


def _task_out(task: Task) -> TaskOut:
    return TaskOut(
        id=task.pk,
        code=task.code,
        measure=str(task.measure),
        text=task.text,
        lead_units=task.lead_names,
        participating_units=task.participating_names,
        deadline_text=task.deadline_text,
        next_due=task.next_due,
        status=task.status,
        status_label=str(TaskStatus(task.status).label),
        percent_done=task.percent_done,
        version=task.version,
    )


def _report_out(report: ProgressReport) -> ReportOut:
    return ReportOut(
        id=report.pk,
        task_id=report.task_id,
        unit=report.unit.name,
        text=report.text,
        percent_done=report.percent_done,
        reported_on=report.reported_on,
        status=report.status,
    )


@router.get("/tasks", response=TaskPageOut)
def tasks(
    request,
    plan: int | None = None,
    chapter: int | None = None,
    unit: int | None = None,
    status: str = "",
    year: int | None = None,
    q: str = Query("", max_length=100),
    offset: int = Query(0, ge=0),
    limit: int = Query(50, ge=1, le=500),
):
    if status and status not in TaskStatus.values:
        raise ApplicationError(_("未知状态"), code="invalid", fields={"status": _("未知")})
    qs = selectors.task_list(
        user=request.user, plan=plan, chapter=chapter, unit=unit, status=status, year=year, query=q
    )
    qs = qs.order_by("measure__plan_id", "measure__position", "position")
    return TaskPageOut(count=qs.count(), items=[_task_out(t) for t in qs[offset : offset + limit]])


@router.get("/tasks/{task_id}", response=TaskOut)
def task(request, task_id: int):
    found = selectors.task_list(user=request.user).filter(pk=task_id).first()
    if found is None:
        raise Http404
    return _task_out(found)


@router.get("/dashboard", response=DashboardOut)
def dashboard(request, plan: int | None = None):
    found = selectors.plan_get_for_user(user=request.user, plan_id=plan)
    if found is None:
        raise Http404
    data = selectors.dashboard(user=request.user, plan=found)
    return DashboardOut(
        plan_id=found.pk,
        doc_number=found.doc_number,
        total=data["total"],
        done_rate=data["done_rate"],
        totals=data["totals"],
        chapters=[
            {
                "id": c["chapter"].pk,
                "title": str(c["chapter"]),
                "total": c["total"],
                "counts": c["counts"],
            }
            for c in data["chapters"]
        ],
    )


@router.post("/tasks/{task_id}/reports", response={201: ReportOut})
def report_submit(request, task_id: int, payload: ReportIn):
    found = selectors.task_get_for_user(user=request.user, task_id=task_id)
    obligation = (
        found.obligations.filter(pk=payload.obligation_id).first()
        if payload.obligation_id
        else None
    )
    report = services.progress_report_submit(
        actor=request.user,
        task=found,
        text=payload.text,
        percent_done=payload.percent_done,
        obligation=obligation,
        completes_obligation=payload.completes_obligation,
        target_values=payload.target_values,
    )
    return Status(201, _report_out(report))


@router.post("/reports/{report_id}/review", response=ReportOut)
def report_review(request, report_id: int, payload: ReviewIn):
    report = selectors.report_get_for_user(user=request.user, report_id=report_id)
    if payload.decision == "accept":
        report = services.progress_report_accept(
            actor=request.user, report=report, comment=payload.comment
        )
    elif payload.decision == "return":
        report = services.progress_report_return(
            actor=request.user, report=report, comment=payload.comment
        )
    else:
        raise ApplicationError(
            _("decision 应为 accept 或 return"),
            code="invalid",
            fields={"decision": "accept/return"},
        )
    return _report_out(report)
