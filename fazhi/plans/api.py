"""The plans API: the ledger, the dashboard, progress reports and supervision notices. The same
selectors (scoped by unit and region), FilterSets and services as the pages."""

from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, PageNumberPagination, paginate

from fazhi.core.errors import ApplicationError, NotFound
from fazhi.core.schemas import RowId, query_params
from fazhi.core.scoping import user_region

from . import linking, selectors, services
from .errors import PlansError
from .models import Measure
from .schemas import (
    DashboardOut,
    LinkOut,
    NoticeOut,
    OpenMeasureOut,
    ReplyIn,
    ReportIn,
    ReportOut,
    ReviewIn,
    TaskOut,
)

router = Router(tags=["实施方案督办"])
PAGE_SIZE = 50


@router.get("/tasks", response=list[TaskOut])
@paginate(LimitOffsetPagination, max_limit=500)
def tasks(
    request,
    plan: RowId | None = None,
    chapter: RowId | None = None,
    unit: RowId | None = None,
    role: str = "",
    status: str = "",
    year: int | None = Query(None, ge=2000, le=2100),
    q: str = Query("", max_length=100),
):
    """The ledger as the user may see it, filtered like the page (TaskFilter); `{items, count}`."""
    params = query_params(
        plan=plan, chapter=chapter, unit=unit, role=role, status=status, year=year, q=q
    )
    qs = selectors.task_list(user=request.user, params=params, strict=True)
    return qs.order_by("measure__plan_id", "measure__position", "position", "pk")


@router.get("/tasks/{task_id}", response=TaskOut)
def task(request, task_id: RowId):
    return selectors.task_get_for_user(user=request.user, task_id=task_id)


@router.get("/dashboard", response=DashboardOut)
def dashboard(request, plan: RowId | None = None):
    found = selectors.plan_get_for_user(user=request.user, plan_id=plan)
    if found is None:
        raise NotFound(_("实施方案不存在"))
    return selectors.dashboard(user=request.user, plan=found)


@router.get("/reports", response=list[ReportOut])
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def reports(request, status: str = "", unit: RowId | None = None, task: RowId | None = None):
    """Progress reports the user sees, filtered like the review page (ReportFilter)."""
    params = query_params(status=status, unit=unit, task=task)
    qs = selectors.report_list(user=request.user, params=params, strict=True)
    return qs.order_by("-reported_on", "-pk")


@router.post("/tasks/{task_id}/reports", response={201: ReportOut})
def report_submit(request, task_id: RowId, payload: ReportIn):
    found = selectors.task_get_for_user(user=request.user, task_id=task_id)
    obligation = None
    if payload.obligation_id:
        obligation = next(
            (o for o in found.obligations.all() if o.pk == payload.obligation_id), None
        )
        if obligation is None:
            raise ApplicationError(
                _("所选时间节点不属于该任务或已完成"),
                code=PlansError.BAD_OBLIGATION,
                fields={"obligation_id": _("无效")},
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
    return Status(201, selectors.report_get_for_user(user=request.user, report_id=report.pk))


@router.post("/reports/{report_id}/review", response=ReportOut)
def report_review(request, report_id: RowId, payload: ReviewIn):
    report = selectors.report_get_for_user(user=request.user, report_id=report_id)
    if payload.decision == "accept":
        service = services.progress_report_accept
    elif payload.decision == "return":
        service = services.progress_report_return
    else:
        raise ApplicationError(
            _("decision 应为 accept 或 return"),
            code=PlansError.INVALID,
            fields={"decision": "accept/return"},
        )
    service(actor=request.user, report=report, comment=payload.comment, version=payload.version)
    return selectors.report_get_for_user(user=request.user, report_id=report_id)


@router.get("/notices", response=list[NoticeOut])
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def notices(request, status: str = "", overdue: bool = False, unit: RowId | None = None):
    """督办单 the user sees (a unit those sent to it), filtered like the page (NoticeFilter)."""
    params = query_params(status=status, overdue="true" if overdue else "", unit=unit)
    qs = selectors.notice_list(user=request.user, params=params, strict=True)
    return qs.order_by("-year", "-serial")


@router.get("/notices/{notice_id}", response=NoticeOut)
def notice(request, notice_id: RowId):
    return selectors.notice_get_for_user(user=request.user, id=notice_id)


@router.post("/notices/{notice_id}/reply", response=NoticeOut)
def notice_reply(request, notice_id: RowId, payload: ReplyIn):
    found = selectors.notice_get_for_user(user=request.user, id=notice_id)
    services.supervision_notice_reply(
        actor=request.user, notice=found, reply=payload.reply, version=payload.version
    )
    return selectors.notice_get_for_user(user=request.user, id=notice_id)


@router.get("/links", response=list[LinkOut])
@paginate(LimitOffsetPagination, max_limit=500)
def links(request, plan: RowId | None = None, reference: RowId | None = None):
    """Which task implements which higher measure, for the tasks the user may see."""
    return linking.links(user=request.user, plan_id=plan, reference_id=reference)


@router.get("/reference-measures/open", response=list[OpenMeasureOut])
@paginate(LimitOffsetPagination, max_limit=500)
def open_measures(request, region: str = Query("", pattern=r"^(\d{6})?$")):
    """未落实的上级措施: measures of a region's reference plans no current task implements
    (the user's own region unless another it may see is given)."""
    code = region or user_region(request.user)
    if not code:
        return Measure.objects.none()
    return linking.unimplemented_measures(user=request.user, region_id=code)
