"""Double-random inspection pages: plans, the verifiable draw, visits, the target register."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fazhi.core import dates, uploads
from fazhi.core.errors import ApplicationError
from fazhi.core.excel import table_response
from fazhi.core.listing import listing

from .. import forms, importing, selectors, services
from ..choices import DrawStatus, InspectionOutcome
from .common import fail, int_or_none, or_404

view_inspection = permission_required("enforcement.view_inspection", raise_exception=True)


@require_GET
@login_required
@view_inspection
def plan_list(request):
    qs = selectors.plan_list(user=request.user, year=int_or_none(request.GET.get("year")))
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                p.title,
                p.year,
                p.body.unit.name,
                "、".join(b.unit.name for b in p.joint_bodies.all()),
                p.ratio_percent,
                p.get_status_display(),
            )
            for p in qs
        )
        return table_response(
            _("抽查计划"),
            [_("计划名称"), _("年度"), _("牵头部门"), _("联合部门"), _("比例"), _("状态")],
            rows,
            _("抽查计划.xlsx"),
        )
    page = listing(request, qs, sortable={"year": "year", "title": "title"}, default_sort="-year")
    return render(
        request,
        "enforcement/plan_list.html",
        {
            "listing": page,
            "filters": request.GET,
            "can_manage": selectors.own_body(request.user) is not None
            and request.user.has_perm("enforcement.manage_inspection"),
            "target_count": selectors.target_count(),
        },
    )


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


@require_GET
@login_required
@view_inspection
def target_list(request):
    g = request.GET
    qs = selectors.target_list(
        user=request.user, query=g.get("q", "").strip()[:100], category=g.get("category", "")
    )
    if g.get("format") == "xlsx":
        rows = ((t.uscc, t.name, t.category, t.address) for t in qs.order_by("uscc")[:100000])
        # The importer reads this workbook back: its headers stay Chinese.
        return table_response(
            "检查对象名录",
            ["统一社会信用代码", "名称", "行业类别", "住所"],
            rows,
            "检查对象名录.xlsx",
        )
    page = listing(
        request,
        qs,
        sortable={"uscc": "uscc", "name": "name", "category": "category"},
        default_sort="uscc",
    )
    return render(
        request,
        "enforcement/target_list.html",
        {
            "listing": page,
            "filters": g,
            "categories": selectors.target_categories(),
            "upload_form": forms.UploadForm(),
            "can_import": request.user.has_perm("enforcement.import_target"),
        },
    )


def read_target_rows(upload):
    """Rows (without header) from an uploaded CSV (UTF-8, GBK accepted) or .xlsx file."""
    name = upload.name.lower()
    if name.endswith(".csv"):
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
        rows = csv.reader(io.StringIO(text))
        header = next(rows, [])
        return header, rows
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        wb = load_workbook(upload, read_only=True, data_only=True)
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = next(rows, ())
        return header, rows
    raise ApplicationError(_("请上传 .csv 或 .xlsx 文件"), code="bad_type")


@require_POST
@login_required
@view_inspection
def target_import(request):
    form = forms.UploadForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ApplicationError(_("请选择文件"))
        upload = form.cleaned_data["upload"]
        kind = uploads.check(upload, kinds=("csv", "xlsx"))
        with uploads.parsing(upload.name, kind):
            header, rows = read_target_rows(upload)
            rows = list(rows)  # parse the whole file here: a damaged one is refused, not a 500
        problem = importing.check_headers(header, importing.TARGET_HEADERS)
        if problem:
            raise ApplicationError(problem)
        count = services.target_import(actor=request.user, rows=rows)
    except ApplicationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("已导入 %(count)s 个检查对象") % {"count": count})
    return redirect("enforcement:target_list")
