"""Supervision: statistics and alerts, case-file reviews, guiding cases; the draw files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from fazhi.core import dates, files
from fazhi.core.errors import ApplicationError
from fazhi.core.excel import table_response
from fazhi.core.pages import Col

from .. import filters, forms, rubric, selectors, services
from ..choices import DrawStatus
from ..models import InspectionDraw
from ..templatetags.enforcement_tags import short_unit
from .common import ListPage, int_or_none, or_404


@require_GET
@login_required
@permission_required("enforcement.view_supervision", raise_exception=True)
def supervision(request):
    year = int_or_none(request.GET.get("year")) or dates.today().year
    rows = selectors.statistics(user=request.user, year=year)
    if request.GET.get("format") == "xlsx":
        data = (
            (
                r["body"].unit.name,
                r["total"],
                r["decided"],
                r["penalties"],
                r["fines"],
                r["major"],
                r["major_reviewed"],
                r["overdue"],
                r["exemptions"],
                r["drawn"],
                r["inspected"],
            )
            for r in rows
        )
        return table_response(
            _("执法统计"),
            [
                _("执法主体"),
                _("案件数"),
                _("已决定"),
                _("处罚"),
                _("罚款(元)"),
                _("重大案件"),
                _("已法制审核"),
                _("超期环节"),
                _("免罚轻罚"),
                _("抽查数"),
                _("已检查"),
            ],
            data,
            _("%(year)s年执法统计.xlsx") % {"year": year},
        )
    alerts = selectors.case_alerts(user=request.user).order_by("decision_due")[:20]
    chart = {
        "xAxis": {
            "type": "category",
            "data": [short_unit(r["body"].unit) for r in rows],
        },
        "yAxis": {"type": "value"},
        "tooltip": {},
        "legend": {},
        "series": [
            {
                "name": _("案件数"),
                "type": "bar",
                "data": [
                    {
                        "value": r["total"],
                        "url": f"/enforcement/cases/?body={r['body'].pk}&year={year}",
                    }
                    for r in rows
                ],
            },
            {
                "name": _("超期环节"),
                "type": "bar",
                "data": [
                    {
                        "value": r["overdue"],
                        "url": f"/enforcement/cases/?body={r['body'].pk}&due=overdue",
                    }
                    for r in rows
                ],
            },
        ],
    }
    return render(
        request,
        "enforcement/supervision.html",
        {
            "rows": rows,
            "year": year,
            "alerts": alerts,
            "chart": chart,
            "reviews": selectors.file_review_list(user=request.user)[:20],
            "removed_matters": selectors.matter_list(
                user=request.user, params={"power": "removed"}
            ).count(),
            "uncited_cases": selectors.case_list(user=request.user, params={"year": year})
            .filter(power_item__isnull=True)
            .count(),
        },
    )


@login_required
@permission_required("enforcement.review_case_file", raise_exception=True)
def file_review_create(request, case_id: int):
    case = or_404(selectors.case_get_for_user, user=request.user, case_id=case_id)
    if request.method == "POST":
        scores = {key: int_or_none(request.POST.get(key)) for key, _label, _points in rubric.ITEMS}
        try:
            if any(v is None for v in scores.values()):
                raise ApplicationError(_("请为每一项打分"))
            services.file_review_record(
                actor=request.user,
                case=case,
                scores=scores,
                comment=request.POST.get("comment", ""),
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("评查结果已保存"))
            return redirect("enforcement:supervision")
    return render(
        request,
        "enforcement/file_review_form.html",
        {"case": case, "items": rubric.ITEMS, "max_total": rubric.MAX_TOTAL},
    )


class GuidingCaseList(ListPage):
    """The guiding cases; the justice bureau publishes a new one from the form below the list."""

    permission = "enforcement.view_supervision"
    selector = staticmethod(selectors.guiding_case_list)
    filterset = filters.GuidingCaseFilter
    title = gettext_lazy("指导案例库")
    export_name = gettext_lazy("指导案例")
    template_name = "enforcement/guiding_case_list.html"
    table_template = "enforcement/partials/guiding_case_cards.html"
    default_sort = "-published_on"
    per_page = 20
    columns = [
        Col("title", gettext_lazy("标题")),
        Col("field", gettext_lazy("领域"), sort=False),
        Col("published_on", gettext_lazy("发布日期")),
        Col("summary", gettext_lazy("基本案情"), sort=False),
        Col("key_points", gettext_lazy("指导意义"), sort=False),
    ]
    form = None

    def page_context(self, request, listing):
        can_manage = request.user.has_perm("enforcement.manage_guiding_case")
        return {
            "can_manage": can_manage,
            "form": self.form or (forms.GuidingCaseForm() if can_manage else None),
        }

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("enforcement.manage_guiding_case"):
            raise DjangoPermissionDenied
        form = forms.GuidingCaseForm(request.POST)
        if form.is_valid():
            try:
                services.guiding_case_create(actor=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("已发布指导案例"))
                return redirect("enforcement:guiding_case_list")
        self.form = form
        return self.get(request, *args, **kwargs)


guiding_case_list = GuidingCaseList.as_view()


# ---------------------------------------------------------------- files shared with the portal


def draw_file(request, draw_id: int, kind: str):
    """The frozen target list, or the selection, as published text files (also served publicly)."""
    row = InspectionDraw.objects.filter(pk=draw_id).first()
    if row is None:
        raise Http404
    if kind == "targets":
        return files.serve(
            request,
            row.target_list,
            filename=f"draw-{row.pk}-targets.txt",
            expected=row.list_sm3,
            content_type="text/plain; charset=utf-8",
        )
    if kind == "selection" and row.status == DrawStatus.REVEALED:
        response = HttpResponse(
            selectors.selection_text(row), content_type="text/plain; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="draw-{row.pk}-selection.txt"'
        return response
    raise Http404
