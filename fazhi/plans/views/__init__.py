"""Pages of the plans app: thin — parse input, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core import files
from fazhi.core.errors import ApplicationError
from fazhi.core.excel import table_response, workbook_response
from fazhi.core.listing import listing
from fazhi.core.rules import sees_everything

from .. import charts, selectors, services
from ..choices import STATUS_COLOURS, NoticeStatus, ReportStatus, TaskStatus
from ..excel import ledger_workbook
from ..forms import (
    LedgerUploadForm,
    NoticeFilterForm,
    NoticeForm,
    NoticeReplyForm,
    ReminderForm,
    ReportFilterForm,
    ReportForm,
    ReviewForm,
    TargetEditForm,
    TaskEditForm,
    TaskFilterForm,
)
from ..indicators import registry
from ..models import Target
from .common import _fail, _not_found_as_404, _plan_param


@require_GET
@login_required
@_not_found_as_404
def dashboard(request):
    """督办总览. A reporter's first page is its own unit's page instead."""
    if not sees_everything(request.user) and request.user.unit_id:
        return redirect("plans:unit_overview")
    plan = selectors.plan_get_for_user(user=request.user, plan_id=_plan_param(request))
    if plan is None:
        return render(request, "plans/dashboard.html", {"plan": None})
    data = selectors.dashboard(user=request.user, plan=plan)
    context = {
        **data,
        "plans": selectors.plan_list(user=request.user),
        "statuses": list(TaskStatus),
        "colours": STATUS_COLOURS,
        "pie": charts.status_pie(plan.pk, data["totals"]),
        "chapter_chart": charts.stacked_bars(
            [f"{c['chapter'].label}、{c['chapter'].title[:14]}" for c in data["chapters"]],
            [c["counts"] for c in data["chapters"]],
            [{"chapter": c["chapter"].pk} for c in data["chapters"]],
            plan.pk,
        ),
        "unit_chart": charts.stacked_bars(
            [u["name"].removeprefix("天镇县") for u in data["units"][:20]],
            [u["counts"] for u in data["units"][:20]],
            [{"unit": u["unit_id"], "role": ""} for u in data["units"][:20]],
            plan.pk,
        ),
        "timeline_chart": charts.timeline(plan.pk, data["timeline"]),
        "chart_height": max(240, 28 * len(data["units"][:20]) + 60),
    }
    return render(request, "plans/dashboard.html", context)


@require_GET
@login_required
@_not_found_as_404
def task_list(request):
    """任务台账: filter, sort, page, export."""
    plan = selectors.plan_get_for_user(user=request.user, plan_id=_plan_param(request))
    chapters = plan.chapters.order_by("position") if plan else []
    form = TaskFilterForm(request.GET or None, chapters=chapters)
    filters = form.cleaned_data if form.is_valid() else {}
    if request.GET.get("format") == "xlsx" and plan is not None:
        wb = ledger_workbook(user=request.user, plan=plan)
        return workbook_response(wb, f"{plan.doc_number}任务台账.xlsx")
    qs = selectors.task_list(
        user=request.user,
        plan=plan.pk if plan else None,
        chapter=filters.get("chapter"),
        unit=filters["unit"].pk if filters.get("unit") else None,
        role=filters.get("role") or "",
        status=filters.get("status") or "",
        year=filters.get("year"),
        query=filters.get("q") or "",
    )
    page = listing(
        request,
        qs,
        sortable={
            "code": "measure__position",
            "due": "next_due",
            "status": "status",
            "percent": "percent_done",
        },
        default_sort="code",
    )
    return render(
        request,
        "plans/task_list.html",
        {
            "listing": page,
            "form": form,
            "plan": plan,
            "plans": selectors.plan_list(user=request.user),
            "colours": STATUS_COLOURS,
            "upload": LedgerUploadForm(),
        },
    )


@require_GET
@login_required
@_not_found_as_404
def task_detail(request, task_id: int):
    task = selectors.task_get_for_user(user=request.user, task_id=task_id)
    user = request.user
    owners = selectors.owner_units(task)
    lead = selectors.lead_unit(task)
    can_report = (
        user.has_perm("plans.report_progress")
        and any(u.pk == user.unit_id for u in owners)
        and not task.completed_on
    )
    open_obligations = [o for o in task.obligations.all() if not o.done_on]
    indicators = registry()
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "owners": owners,
            "notice_unit": lead,
            "colours": STATUS_COLOURS,
            "targets": selectors.target_rows(task.targets.all()),
            "can_report": can_report,
            "report_form": ReportForm(
                obligations=open_obligations, initial={"percent_done": task.percent_done}
            )
            if can_report
            else None,
            "can_review": user.has_perm("plans.review_report"),
            "can_supervise": user.has_perm("plans.issue_notice") and not task.completed_on,
            # The prefilled reminder and notice texts are sent to the units and saved: Chinese.
            "reminder_form": ReminderForm(
                initial={"message": f"请抓紧推进“{task.code}”任务,并及时填报进展。"}
            ),
            "notice_form": NoticeForm(
                units=owners,
                initial={
                    "unit": lead,
                    "request": f"你单位承担的“{task.code}”任务已逾期,请说明原因并提出整改措施。",
                },
            ),
            "can_edit": user.has_perm("plans.change_task"),
            "edit_form": TaskEditForm(
                initial={"version": task.version, "text": task.text, "note": task.note}
            ),
            "target_forms": [
                (
                    t,
                    TargetEditForm(
                        indicators=indicators,
                        initial={
                            "version": t.version,
                            "baseline": t.baseline or "",
                            "goal": t.goal or "",
                            "current": t.current or "",
                            "indicator_key": t.indicator_key,
                        },
                    ),
                )
                for t in task.targets.all()
            ],
        },
    )


def _task_url(task_id: int) -> str:
    return reverse("plans:task_detail", args=[task_id])


@require_POST
@login_required
@_not_found_as_404
def report_submit(request, task_id: int):
    task = selectors.task_get_for_user(user=request.user, task_id=task_id)
    form = ReportForm(
        request.POST, request.FILES, obligations=task.obligations.filter(done_on__isnull=True)
    )
    if not form.is_valid():
        messages.error(
            request,
            _("填报内容有误:%(errors)s")
            % {"errors": "; ".join(e for errs in form.errors.values() for e in errs)},
        )
        return redirect(_task_url(task_id))
    data = form.cleaned_data
    obligation = (
        task.obligations.filter(pk=data["obligation"]).first() if data["obligation"] else None
    )
    try:
        services.progress_report_submit(
            actor=request.user,
            task=task,
            text=data["text"],
            percent_done=data["percent_done"],
            obligation=obligation,
            completes_obligation=data["completes_obligation"],
            target_values={
                k.removeprefix("target_"): v
                for k, v in request.POST.items()
                if k.startswith("target_")
            },
            files=request.FILES.getlist("evidence"),
        )
    except ApplicationError as exc:
        return _fail(request, exc, _task_url(task_id))
    messages.success(request, _("进展已提交,等待依法治县办审核"))
    return redirect(_task_url(task_id))


@require_POST
@login_required
@_not_found_as_404
def report_review(request, report_id: int):
    report = selectors.report_get_for_user(user=request.user, report_id=report_id)
    form = ReviewForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = _task_url(report.task_id)
    if not form.is_valid():
        messages.error(request, _("请选择采纳或退回"))
        return redirect(back)
    try:
        if form.cleaned_data["decision"] == "accept":
            services.progress_report_accept(
                actor=request.user, report=report, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("已采纳该进展"))
        else:
            services.progress_report_return(
                actor=request.user, report=report, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("已退回该进展"))
    except ApplicationError as exc:
        return _fail(request, exc, back)
    return redirect(back)


@require_POST
@login_required
@_not_found_as_404
def reminder_send(request, task_id: int):
    task = selectors.task_get_for_user(user=request.user, task_id=task_id)
    form = ReminderForm(request.POST)
    try:
        reminders = services.reminder_send(
            actor=request.user, task=task, message=form.data.get("message", "")
        )
    except ApplicationError as exc:
        return _fail(request, exc, _task_url(task_id))
    messages.success(
        request,
        ngettext("已向 %(n)s 个单位催办", "已向 %(n)s 个单位催办", len(reminders))
        % {"n": len(reminders)},
    )
    return redirect(_task_url(task_id))


@require_POST
@login_required
@_not_found_as_404
def notice_issue(request, task_id: int):
    task = selectors.task_get_for_user(user=request.user, task_id=task_id)
    form = NoticeForm(request.POST, units=selectors.owner_units(task))
    if not form.is_valid():
        messages.error(request, _("请选择督办单位并填写督办事项"))
        return redirect(_task_url(task_id))
    try:
        notice = services.supervision_notice_issue(
            actor=request.user,
            task=task,
            unit=form.cleaned_data["unit"],
            request=form.cleaned_data["request"],
        )
    except ApplicationError as exc:
        return _fail(request, exc, _task_url(task_id))
    messages.success(
        request,
        _("已签发督办单 %(number)s,回复期限 %(due)s")
        % {
            "number": notice.number,
            "due": dateformat.format(notice.reply_due_on, _("Y年m月d日")),
        },
    )
    return redirect("plans:notice_detail", notice_id=notice.pk)


@require_POST
@login_required
@_not_found_as_404
def task_edit(request, task_id: int):
    task = selectors.task_get_for_user(user=request.user, task_id=task_id)
    form = TaskEditForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("任务内容不能为空"))
        return redirect(_task_url(task_id))
    try:
        services.task_update(actor=request.user, task=task, **form.cleaned_data)
    except ApplicationError as exc:
        return _fail(request, exc, _task_url(task_id))
    messages.success(request, _("任务已保存"))
    return redirect(_task_url(task_id))


@require_POST
@login_required
@_not_found_as_404
def target_edit(request, target_id: int):
    target = Target.objects.filter(pk=target_id).select_related("task").first()
    if target is None:
        raise Http404(_("目标不存在"))
    selectors.task_get_for_user(user=request.user, task_id=target.task_id)
    form = TargetEditForm(request.POST, indicators=registry())
    if not form.is_valid():
        messages.error(request, _("目标填写有误"))
        return redirect(_task_url(target.task_id))
    try:
        services.target_update(actor=request.user, target=target, **form.cleaned_data)
    except ApplicationError as exc:
        return _fail(request, exc, _task_url(target.task_id))
    messages.success(request, _("目标已保存"))
    return redirect(_task_url(target.task_id))


@require_GET
@login_required
@_not_found_as_404
def evidence_download(request, evidence_id: int):
    evidence = selectors.evidence_get_for_user(user=request.user, evidence_id=evidence_id)
    return files.serve(request, evidence.file, filename=evidence.name)


@require_GET
@login_required
@_not_found_as_404
def unit_overview(request):
    """本单位任务: what the unit owes, and when."""
    unit = request.user.unit
    unit_id = request.GET.get("unit", "")
    if unit_id.isdigit() and sees_everything(request.user):
        from fazhi.core.models import OrgUnit

        unit = OrgUnit.objects.filter(pk=int(unit_id)).first()
    if unit is None:
        raise Http404(_("没有所属单位"))
    plan = selectors.plan_get_for_user(user=request.user, plan_id=_plan_param(request))
    data = selectors.unit_overview(user=request.user, unit=unit, plan=plan)
    context = {
        **data,
        "plans": selectors.plan_list(user=request.user),
        "colours": STATUS_COLOURS,
        "statuses": list(TaskStatus),
    }
    return render(request, "plans/unit_overview.html", context)


@require_GET
@login_required
def report_list(request):
    """待审核进展 (the office) / 本单位填报记录 (a unit)."""
    form = ReportFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    if not request.GET and request.user.has_perm("plans.review_report"):
        status = ReportStatus.SUBMITTED
    qs = selectors.report_list(user=request.user, status=status)
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                r.task.code,
                r.unit.name,
                r.text,
                r.percent_done,
                r.reported_on,
                r.get_status_display(),
                r.review_comment,
            )
            for r in qs.order_by("-reported_on")
        )
        # A listing for reading, never imported back: it follows the interface language.
        return table_response(
            _("进展填报"),
            [
                _("任务"),
                _("填报单位"),
                _("进展情况"),
                _("完成进度(%)"),
                _("填报日期"),
                _("状态"),
                _("审核意见"),
            ],
            rows,
            _("进展填报") + ".xlsx",
        )
    page = listing(
        request,
        qs,
        sortable={"date": "reported_on", "unit": "unit__name", "status": "status"},
        default_sort="-date",
    )
    return render(
        request,
        "plans/report_list.html",
        {
            "listing": page,
            "form": form,
            "status": status,
            "can_review": request.user.has_perm("plans.review_report"),
        },
    )


@require_GET
@login_required
def notice_list(request):
    form = NoticeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.notice_list(
        user=request.user, status=filters.get("status") or "", overdue=bool(filters.get("overdue"))
    )
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                n.number,
                n.unit.name,
                n.task.code,
                n.request,
                n.issued_on,
                n.reply_due_on,
                n.get_status_display(),
                n.replied_on,
                n.reply,
            )
            for n in qs.order_by("-issued_on")
        )
        # A listing for reading, never imported back: it follows the interface language.
        return table_response(
            _("督办单"),
            [
                _("编号"),
                _("督办单位"),
                _("任务"),
                _("督办事项"),
                _("签发日期"),
                _("回复期限"),
                _("状态"),
                _("回复日期"),
                _("回复内容"),
            ],
            rows,
            _("督办单") + ".xlsx",
        )
    page = listing(
        request,
        qs,
        sortable={
            "number": "serial",
            "issued": "issued_on",
            "due": "reply_due_on",
            "unit": "unit__name",
            "status": "status",
        },
        default_sort="-issued",
    )
    return render(
        request,
        "plans/notice_list.html",
        {"listing": page, "form": form, "today": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
@login_required
@_not_found_as_404
def notice_detail(request, notice_id: int):
    notice = selectors.notice_get_for_user(user=request.user, notice_id=notice_id)
    form = NoticeReplyForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.supervision_notice_reply(
                    actor=request.user, notice=notice, reply=form.cleaned_data["reply"]
                )
            except ApplicationError as exc:
                return _fail(request, exc, request.path)
            messages.success(request, _("回复已提交"))
            return redirect(request.path)
        messages.error(request, _("请填写回复内容"))
    can_reply = (
        notice.status == NoticeStatus.ISSUED
        and request.user.has_perm("plans.reply_notice")
        and request.user.unit_id == notice.unit_id
    )
    return render(
        request,
        "plans/notice_detail.html",
        {"notice": notice, "form": form, "can_reply": can_reply},
    )


@require_GET
@login_required
@_not_found_as_404
def notice_docx(request, notice_id: int):
    """督办单 as a Word file to print and send (GB/T 9704 layout)."""
    from fazhi.core.documents import DOCX_TYPE

    from ..documents import notice_document

    notice = selectors.notice_get_for_user(user=request.user, notice_id=notice_id)
    response = HttpResponse(notice_document(notice), content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{notice.number}.docx")
    return response


# The import pages live in their own module; re-exported for urls.py.
from .importing import import_review, ledger_import, plan_import  # noqa: E402

__all__ = [
    "dashboard",
    "task_list",
    "task_detail",
    "report_submit",
    "report_review",
    "reminder_send",
    "notice_issue",
    "task_edit",
    "target_edit",
    "evidence_download",
    "unit_overview",
    "report_list",
    "notice_list",
    "notice_detail",
    "notice_docx",
    "plan_import",
    "import_review",
    "ledger_import",
]
