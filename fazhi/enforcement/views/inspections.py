"""Double-random inspection pages: plans, the verifiable draw, visits, the target register."""

from __future__ import annotations

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from fazhi.core import dates
from fazhi.core.errors import ApplicationError
from fazhi.core.listing import listing
from fazhi.core.pages import Action, Col, ObjectDetailView, detail_url, refused

from .. import filters, forms, selectors, services
from ..choices import DrawStatus, InspectionOutcome
from .common import ChineseExport, ImportListPage, ListPage, OwnBodyCreatePage, import_view

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


class PlanCreate(OwnBodyCreatePage):
    """A random-inspection plan led by the user's body, with the bodies that join it."""

    permission = "enforcement.manage_inspection"
    form_class = forms.PlanForm
    title = gettext_lazy("新建抽查计划")
    back = "enforcement:plan_list"
    detail = "enforcement:plan_detail"
    note = gettext_lazy(
        '选择联合部门即为"综合查一次":每个抽中对象一次检查,'
        "牵头部门两名、每个联合部门一名持证人员同去。"
    )

    def initial(self, request) -> dict:
        return {"year": dates.today().year, "ratio_percent": 5}

    def form_kwargs(self, request) -> dict:
        return {
            "categories": selectors.target_categories(),
            "joint_bodies": selectors.joint_body_choices(request.user, self.body),
        }

    def subtitle(self, request) -> str:
        return _("牵头部门:") + self.body.unit.name

    def create(self, request, data: dict):
        ratio = data.pop("ratio_percent")
        data["joint_bodies"] = list(data["joint_bodies"])
        return services.plan_create(
            actor=request.user, body=self.body, ratio_bp=int(ratio * 100), **data
        )


plan_create = PlanCreate.as_view()


def _reveal(*, actor, plan):
    return services.draw_reveal(actor=actor, draw_row=plan.draw)


def _publish(*, actor, plan):
    return services.draw_publish_results(actor=actor, draw_row=plan.draw)


def _draw_step(name, label, service, success, offered, **extra) -> Action:
    """A step of the plan's draw, for its members; `offered` is a test of the plan's draw."""
    return Action(
        name,
        label,
        django_forms.Form,
        service,
        perm="enforcement.manage_plan",
        target="plan",
        success=success,
        visible=lambda user, plan: offered(getattr(plan, "draw", None)),
        **extra,
    )


class PlanDetail(ObjectDetailView):
    """The plan, its verifiable draw in two steps, the drawn targets with their inspectors and
    results. A refused step shows on the page; each step posts to its own address."""

    permission = "enforcement.view_inspection"
    template_name = "enforcement/plan_detail.html"
    pk_kwarg = "plan_id"
    actions = [
        _draw_step(
            "commit",
            gettext_lazy("冻结名单并公布种子承诺"),
            services.draw_commit,
            gettext_lazy("已冻结名单并公布种子承诺;揭示种子后即完成抽取"),
            lambda row: row is None,
        ),
        # Offered once committed: a second reveal is the service's refusal, shown on the page.
        _draw_step(
            "reveal",
            gettext_lazy("揭示种子并抽取"),
            _reveal,
            gettext_lazy("已揭示种子并完成抽取和人员分派"),
            lambda row: row is not None,
            confirm=gettext_lazy("揭示种子后抽取结果即确定,不能重做。确定揭示?"),
        ),
        _draw_step(
            "publish",
            gettext_lazy("公示已录入的检查结果"),
            _publish,
            lambda count: _("已公示 %(count)s 条检查结果") % {"count": count},
            lambda row: row is not None and row.status == DrawStatus.REVEALED,
        ),
    ]

    def get_object(self, request, pk):
        return selectors.plan_get_for_user(user=request.user, plan_id=pk)

    def action_url(self, request, obj, action) -> str:
        return reverse(f"enforcement:draw_{action.name}", args=[obj.pk])

    def success_url(self, request, obj, result) -> str:
        return reverse("enforcement:plan_detail", args=[obj.pk])

    def extra_context(self, request, plan):
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
        return context


plan_detail = require_GET(PlanDetail.as_view())
plan_act = require_POST(PlanDetail.as_view())


@require_POST
@login_required
@view_inspection
def visit_result(request, visit_id: int):
    visit = selectors.visit_get_for_user(user=request.user, visit_id=visit_id)
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
        refused(request, exc)
    else:
        messages.success(request, _("已录入 %(target)s 的检查结果") % {"target": visit.target.name})
    return redirect("enforcement:plan_detail", plan_id=plan.pk)


class TargetList(ChineseExport, ImportListPage):
    permission = "enforcement.view_inspection"
    selector = staticmethod(selectors.target_list)
    filterset = filters.TargetFilter
    title = gettext_lazy("检查对象名录库")
    export_name = gettext_lazy("检查对象名录")
    template_name = "enforcement/target_list.html"
    table_template = "enforcement/partials/target_table.html"
    default_sort = "uscc"
    import_perm = "enforcement.import_target"
    # The labels are the import headers (importing.TARGET_HEADERS): the export reads back in.
    columns = [
        Col("uscc", gettext_lazy("统一社会信用代码")),
        Col("name", gettext_lazy("名称")),
        Col("category", gettext_lazy("行业类别")),
        Col("address", gettext_lazy("住所"), sort=False),
    ]


target_list = TargetList.as_view()
target_import = import_view(
    services.target_import_file,
    perm="enforcement.view_inspection",
    back="enforcement:target_list",
    missing=gettext_lazy("请选择文件"),
    done=gettext_lazy("已导入 %(count)s 个检查对象"),
)
