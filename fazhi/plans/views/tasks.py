"""The dashboard, the ledger, a task's page with its actions, and a unit's own page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from fazhi.core import dates, files
from fazhi.core.errors import ApplicationError
from fazhi.core.excel import workbook_response
from fazhi.core.models import OrgUnit
from fazhi.core.pagecache import cached_page
from fazhi.core.pages import Action, Col, ObjectDetailView, ObjectListView, refused

from .. import cells, charts, linking, selectors, services
from ..choices import STATUS_COLOURS, TaskStatus
from ..excel import ledger_workbook
from ..filters import TaskFilter, ledger_query, plan_options, task_filter_bar
from ..forms import (
    LedgerUploadForm,
    NoticeForm,
    ReminderForm,
    ReportForm,
    TargetEditForm,
    TaskEditForm,
)
from ..indicators import registry
from ..models import SupervisionNotice
from .common import _plan_param


@require_GET
@login_required
@cached_page
def dashboard(request):
    """督办总览. A reporter's first page is its own unit's page instead."""
    if not selectors.sees_all(request.user) and request.user.unit_id:
        return redirect("plans:unit_overview")
    plans, plan = selectors.plans_with_chosen(user=request.user, plan_id=_plan_param(request))
    if plan is None:
        return render(request, "plans/dashboard.html", {"plan": None})
    data = selectors.dashboard(user=request.user, plan=plan)
    units = data["units"][:20]
    ledger_url = reverse("plans:task_list")  # the cards and chapter rows' links, once
    context = {
        **data,
        "plan_options": plan_options(plans, plan.pk),
        "ledger_url": ledger_url,
        "chapter_rows": cells.chapter_rows_html(data["chapters"], ledger_url, plan.pk),
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
            [u["short_name"] for u in units],
            [u["counts"] for u in units],
            [{"unit": u["unit_id"], "role": ""} for u in units],
            plan.pk,
        ),
        "timeline_chart": charts.timeline(plan.pk, data["timeline"]),
        "chart_height": max(240, 28 * len(units) + 60),
    }
    return render(request, "plans/dashboard.html", context)


class TaskList(ObjectListView):
    """任务台账: one plan's tasks, filtered, sorted, paged; the export is the ledger workbook."""

    permission = "plans.view_plan"
    selector = staticmethod(selectors.task_list)
    filterset = TaskFilter
    template_name = "plans/task_list.html"
    table_template = "plans/partials/task_table.html"
    title = gettext_lazy("任务台账")
    export_name = gettext_lazy("任务台账")
    default_sort = "code"
    columns = [
        Col("code", gettext_lazy("编号"), sort="measure__position"),
        Col("text", gettext_lazy("任务"), sort=False),
        Col("lead_names", gettext_lazy("牵头/责任单位"), sort=False),
        Col("participating_names", gettext_lazy("参加单位"), sort=False),
        Col("due", gettext_lazy("下一节点"), value=lambda t: t.next_due, sort="next_due"),
        Col("percent", gettext_lazy("进度"), value=lambda t: t.percent_done, sort="percent_done"),
        Col(
            "status",
            gettext_lazy("状态"),
            value=lambda t: TaskStatus(t.status).label,
            sort="status",
        ),
    ]

    def get_queryset(self, request):
        self.plan = selectors.plan_get_for_user(user=request.user, plan_id=_plan_param(request))
        params, status = ledger_query(request.GET)
        return self.selector(
            user=request.user,
            params=params,
            status=status,
            plan=self.plan.pk if self.plan else None,
            plan_obj=self.plan,
        )

    def filter_form(self, request):
        return None  # the page's filter bar is `filters.task_filter_bar` (plain data)

    def table_rows(self, rows, columns):
        rows = cells.ledger_rows(rows)
        self.rows_html = cells.ledger_rows_html(rows)  # the table prints them as one string
        return rows

    def export(self, request, qs, columns):
        if self.plan is None:
            raise Http404(_("实施方案不存在"))
        workbook = ledger_workbook(user=request.user, plan=self.plan)
        return workbook_response(workbook, f"{self.plan.label}任务台账.xlsx")

    def extra_context(self, request, listing):
        return {
            "rows_html": self.rows_html,
            "bar": task_filter_bar(request, self.plan),
            "plan": self.plan,
            "colours": STATUS_COLOURS,
            "upload": LedgerUploadForm(),
            **linking.ledger_context(user=request.user, plan=self.plan),
        }


def _owners(user, task):
    return {"task": task, "units": selectors.owner_units(task), "lead": selectors.lead_unit(task)}


def _open(user, task) -> bool:
    return not task.completed_on and not task.withdrawn_on


def _reminded(reminders) -> str:
    return ngettext("已向 %(n)s 个单位催办", "已向 %(n)s 个单位催办", len(reminders)) % {
        "n": len(reminders)
    }


def _issued(notice) -> str:
    return _("已签发督办单 %(number)s,回复期限 %(due)s") % {
        "number": notice.number,
        "due": dates.day(notice.reply_due_on),
    }


class TaskDetail(ObjectDetailView):
    """A task with its units, deadlines, targets, reports, reminders and notices; the actions
    are those the user may take now (file progress, remind, issue a 督办单, correct the task)."""

    permission = "plans.view_plan"
    template_name = "plans/task_detail.html"
    pk_kwarg = "task_id"
    action_target = "task"
    actions = [
        Action(
            "report",
            gettext_lazy("填报进展"),
            ReportForm,
            services.progress_report_submit,
            perm="plans.report_progress",
            visible=_open,
            form_kwargs=lambda user, task: {"task": task},
            success=gettext_lazy("进展已提交,等待依法治县办审核"),
        ),
        Action(
            "remind",
            gettext_lazy("催办"),
            ReminderForm,
            services.reminder_send,
            perm="plans.send_reminder",
            visible=_open,
            form_kwargs=lambda user, task: {"task": task},
            success=_reminded,
        ),
        Action(
            "notice",
            gettext_lazy("签发督办单"),
            NoticeForm,
            services.supervision_notice_issue,
            perm="plans.issue_notice",
            visible=lambda user, task: _open(user, task) and task.status == TaskStatus.OVERDUE,
            form_kwargs=_owners,
            danger=True,
            confirm=gettext_lazy("确定签发督办单?"),
            success=_issued,
        ),
        Action(
            "edit",
            gettext_lazy("修改任务"),
            TaskEditForm,
            services.task_update,
            perm="plans.change_task",
            shows=("text", "note"),
            success=gettext_lazy("任务已保存"),
        ),
    ]

    @staticmethod
    def selector(*, user, id):
        return selectors.task_get_for_user(user=user, task_id=id)

    def success_url(self, request, obj, result):
        if isinstance(result, SupervisionNotice):
            return reverse("plans:notice_detail", args=[result.pk])
        return request.path

    def extra_context(self, request, task):
        user = request.user
        can_edit = user.has_perm("plans.change_task", task)
        indicators = registry() if can_edit else {}
        return {
            "task": task,
            "colours": STATUS_COLOURS,
            "targets": selectors.target_rows(
                task.targets.all(), region=task.measure.plan.region_id
            ),
            "can_review": user.has_perm("plans.review_report"),
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
            ]
            if can_edit
            else [],
        }


def _task_url(task_id: int) -> str:
    return reverse("plans:task_detail", args=[task_id])


@require_POST
@login_required
def target_edit(request, target_id: int):
    target = selectors.target_get_for_user(user=request.user, target_id=target_id)
    form = TargetEditForm(request.POST, indicators=registry())
    if not form.is_valid():
        messages.error(request, _("目标填写有误"))
        return redirect(_task_url(target.task_id))
    try:
        services.target_update(actor=request.user, target=target, **form.cleaned_data)
    except ApplicationError as exc:
        refused(request, exc)
    messages.success(request, _("目标已保存"))
    return redirect(_task_url(target.task_id))


@require_GET
@login_required
def evidence_download(request, evidence_id: int):
    evidence = selectors.evidence_get_for_user(user=request.user, evidence_id=evidence_id)
    return files.serve(request, evidence.file, filename=evidence.name)


@require_GET
@login_required
@cached_page
def unit_overview(request):
    """本单位任务: what the unit owes, and when. Supervisors may look at a unit of their region."""
    unit = request.user.unit
    unit_id = request.GET.get("unit", "")
    if unit_id.isdigit() and selectors.sees_all(request.user):
        unit = OrgUnit.objects.select_related("region").filter(pk=int(unit_id)).first()
    if unit is None:
        raise Http404(_("没有所属单位"))
    plans, plan = selectors.plans_with_chosen(user=request.user, plan_id=_plan_param(request))
    data = selectors.unit_overview(user=request.user, unit=unit, plan=plan)
    context = {
        **data,
        "plan": plan,
        "plan_options": plan_options(plans, plan.pk if plan else None),
        "ledger_url": reverse("plans:task_list"),  # the cards and chapter rows' links, once
        "colours": STATUS_COLOURS,
        "statuses": list(TaskStatus),
    }
    return render(request, "plans/unit_overview.html", context)
