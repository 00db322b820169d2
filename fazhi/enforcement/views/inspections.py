"""Double-random inspection pages: plans, the verifiable draw, visits, the target register."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from fazhi.core import dates
from fazhi.core.errors import ApplicationError
from fazhi.core.listing import listing
from fazhi.core.pages import Col, detail_url

from .. import filters, forms, selectors, services
from ..choices import DrawStatus, InspectionOutcome
from ..errors import EnforcementError
from .common import ChineseExport, ListPage, fail, or_404

view_inspection = permission_required("enforcement.view_inspection", raise_exception=True)


def _draw_status(plan) -> str:
    row = getattr(plan, "draw", None)
    return row.get_status_display() if row else _("未抽取")


class PlanList(ListPage):
    permission = "enforcement.view_inspection"
    selector = staticmethod(selectors.plan_list)
    filterset = filters.PlanFilter
    title = gettext_lazy("双随机、一公开")
    export_name = gettext_lazy("抽查计划")
    template_name = "enforcement/plan_list.html"
    table_template = "enforcement/partials/plan_table.html"
    default_sort = "-year"
    shown = ("title", "year", "body", "joint_bodies", "ratio", "draw")
    columns = [
        Col("title", gettext_lazy("计划名称"), link=detail_url("enforcement:plan_detail")),
        Col("year", gettext_lazy("年度")),
        Col("body", gettext_lazy("牵头部门"), value=lambda p: p.body.unit.name, sort=False),
        Col(
            "joint_bodies",
            gettext_lazy("联合部门"),
            value=lambda p: "、".join(b.unit.name for b in p.joint_bodies.all()),
            sort=False,
        ),
        Col("ratio", gettext_lazy("比例"), value=lambda p: p.ratio_percent, sort=False),
        Col("status", gettext_lazy("状态"), value=lambda p: p.get_status_display(), sort=False),
        Col("draw", gettext_lazy("抽取状态"), value=_draw_status, sort=False, export=False),
    ]

    def page_context(self, request, listing):
        return {
            "can_manage": selectors.own_body(request.user) is not None
            and request.user.has_perm("enforcement.manage_inspection"),
            "target_count": selectors.target_count(),
        }


plan_list = PlanList.as_view()


@login_required
@permission_required("enforcement.manage_inspection", raise_exception=True)
def plan_create(request):
    body = selectors.own_body(request.user)
    if body is None:
        raise DjangoPermissionDenied(_("您所在单位不是执法主体"))
    form = forms.PlanForm(
        request.POST or None,
        categories=selectors.target_categories(),
        initial={"year": dates.today().year, "ratio_percent": 5},
    )
    form.fields["joint_bodies"].queryset = selectors.joint_body_choices(request.user, body)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            plan = services.plan_create(
                actor=request.user,
                body=body,
                title=d["title"],
                year=d["year"],
                scope=d["scope"],
                ratio_bp=int(d["ratio_percent"] * 100),
                categories=d["categories"],
                joint_bodies=list(d["joint_bodies"]),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("enforcement:plan_detail", plan_id=plan.pk)
    return render(request, "enforcement/plan_form.html", {"form": form, "body": body})


def _plan_or_404(request, plan_id):
    return or_404(selectors.plan_get_for_user, user=request.user, plan_id=plan_id)


@require_GET
@login_required
@view_inspection
def plan_detail(request, plan_id: int):
    plan = _plan_or_404(request, plan_id)
    draw_row = getattr(plan, "draw", None)
    context = {
        "plan": plan,
        "draw": draw_row,
        "can_manage": request.user.has_perm("enforcement.manage_plan", plan),
        "result_form": forms.ResultForm(initial={"inspected_on": dates.today()}),
    }
    if draw_row and draw_row.status == DrawStatus.REVEALED:
        outcome = request.GET.get("outcome", "")
        context["listing"] = listing(
            request,
            selectors.draw_visits(
                draw_row, outcome=outcome if outcome in InspectionOutcome.values else ""
            ),
            sortable={"rank": "rank"},
            default_sort="rank",
            per_page=50,
        )
        context["loads"] = selectors.officer_loads(draw_row)
        context["outcomes"] = InspectionOutcome.choices
        context["filters"] = request.GET
    return render(request, "enforcement/plan_detail.html", context)


@require_POST
@login_required
@view_inspection
def draw_commit(request, plan_id: int):
    plan = _plan_or_404(request, plan_id)
    try:
        services.draw_commit(actor=request.user, plan=plan)
    except ApplicationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("已冻结名单并公布种子承诺;揭示种子后即完成抽取"))
    return redirect("enforcement:plan_detail", plan_id=plan.pk)


@require_POST
@login_required
@view_inspection
def draw_reveal(request, plan_id: int):
    draw_row = or_404(selectors.draw_get_for_user, user=request.user, plan_id=plan_id)
    plan = draw_row.plan
    try:
        services.draw_reveal(actor=request.user, draw_row=draw_row)
    except ApplicationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("已揭示种子并完成抽取和人员分派"))
    return redirect("enforcement:plan_detail", plan_id=plan.pk)


@require_POST
@login_required
@view_inspection
def visit_result(request, visit_id: int):
    visit = or_404(selectors.visit_get_for_user, user=request.user, visit_id=visit_id)
    plan = visit.draw.plan
    form = forms.ResultForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("请选择检查结果并填写检查日期"))
        d = form.cleaned_data
        services.visit_record_result(
            actor=request.user,
            visit=visit,
            outcome=d["outcome"],
            note=d["note"],
            inspected_on=d["inspected_on"],
        )
    except ApplicationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("已录入 %(target)s 的检查结果") % {"target": visit.target.name})
    return redirect("enforcement:plan_detail", plan_id=plan.pk)


@require_POST
@login_required
@view_inspection
def draw_publish(request, plan_id: int):
    draw_row = or_404(selectors.draw_get_for_user, user=request.user, plan_id=plan_id)
    plan = draw_row.plan
    try:
        count = services.draw_publish_results(actor=request.user, draw_row=draw_row)
    except ApplicationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("已公示 %(count)s 条检查结果") % {"count": count})
    return redirect("enforcement:plan_detail", plan_id=plan.pk)


class TargetList(ChineseExport, ListPage):
    permission = "enforcement.view_inspection"
    selector = staticmethod(selectors.target_list)
    filterset = filters.TargetFilter
    title = gettext_lazy("检查对象名录库")
    export_name = gettext_lazy("检查对象名录")
    template_name = "enforcement/target_list.html"
    table_template = "enforcement/partials/target_table.html"
    default_sort = "uscc"
    # The labels are the import headers (importing.TARGET_HEADERS): the export reads back in.
    columns = [
        Col("uscc", gettext_lazy("统一社会信用代码")),
        Col("name", gettext_lazy("名称")),
        Col("category", gettext_lazy("行业类别")),
        Col("address", gettext_lazy("住所"), sort=False),
    ]

    def page_context(self, request, listing):
        return {
            "upload_form": forms.UploadForm(),
            "can_import": request.user.has_perm("enforcement.import_target"),
        }


target_list = TargetList.as_view()


@require_POST
@login_required
@view_inspection
def target_import(request):
    form = forms.UploadForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ApplicationError(_("请选择文件"), code=EnforcementError.EMPTY)
        count = services.target_import_file(actor=request.user, upload=form.cleaned_data["upload"])
    except ApplicationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("已导入 %(count)s 个检查对象") % {"count": count})
    return redirect("enforcement:target_list")
