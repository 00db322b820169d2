"""Supervision: statistics and alerts, case-file reviews, guiding cases; the draw files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from fazhi.core import files
from fazhi.core.errors import ApplicationError
from fazhi.core.pages import Col, refused

from .. import filters, forms, rubric, selectors, services
from ..choices import DrawStatus
from ..models import InspectionDraw
from ..templatetags.enforcement_tags import short_unit
from .common import ListPage, int_or_none


def _cases_url(body, **params) -> str:
    return f"{reverse('enforcement:case_list')}?{urlencode({'body': body.pk, **params})}"


class Supervision(ListPage):
    """执法监督: each body's figures of the year (the same columns feed the Excel export), the
    chart, deadline alerts and the latest case-file reviews."""

    permission = "enforcement.view_supervision"
    selector = staticmethod(selectors.statistics_list)
    filterset = filters.StatisticsFilter
    title = gettext_lazy("执法监督")
    template_name = "enforcement/supervision.html"
    table_template = "enforcement/partials/statistics_table.html"
    default_sort = "body"
    per_page = 100
    shown = (
        "body",
        "total",
        "open",
        "decided",
        "penalties",
        "fines",
        "review_rate",
        "overdue",
        "exemptions",
        "outside_range",
        "coverage",
    )
    columns = [
        Col("body", gettext_lazy("执法主体"), value=lambda b: b.unit.name, sort="unit__name"),
        Col("total", gettext_lazy("案件数")),
        Col("open", gettext_lazy("办理中"), export=False),
        Col("decided", gettext_lazy("已决定")),
        Col("penalties", pgettext_lazy("count", "处罚")),
        Col("fines", gettext_lazy("罚款(元)")),
        Col("major", gettext_lazy("重大案件")),
        Col("major_reviewed", gettext_lazy("已法制审核")),
        Col("review_rate", gettext_lazy("重大案件法制审核率"), export=False),
        Col("overdue", gettext_lazy("超期环节")),
        Col("exemptions", gettext_lazy("免罚轻罚")),
        Col("outside_range", gettext_lazy("超裁量范围"), export=False),
        Col("drawn", gettext_lazy("抽查数")),
        Col("inspected", gettext_lazy("已检查")),
        Col("coverage", gettext_lazy("抽查覆盖(已查/抽中)"), export=False),
    ]

    def get(self, request, *args, **kwargs):
        self.year = self.filterset(request.GET or None, request=request).year_value
        self.export_name = _("%(year)s年执法统计") % {"year": self.year}
        return super().get(request, *args, **kwargs)

    def page_context(self, request, listing):
        user, year = request.user, self.year
        return {
            "year": year,
            "chart": _chart(listing.rows, year),
            "alerts": selectors.case_alerts(user=user).order_by("decision_due")[:20],
            "reviews": selectors.file_review_list(user=user)[:20],
            "removed_matters": selectors.matter_list(
                user=user, params={"power": "removed"}
            ).count(),
            "uncited_cases": selectors.case_list(user=user, params={"year": year})
            .filter(power_item__isnull=True)
            .count(),
        }


def _chart(bodies, year: int) -> dict:
    """The bars of cases and overdue steps per body; a bar leads to those cases."""

    def bars(name, figure, **params):
        return {
            "name": name,
            "type": "bar",
            "data": [{"value": getattr(b, figure), "url": _cases_url(b, **params)} for b in bodies],
        }

    return {
        "xAxis": {"type": "category", "data": [short_unit(b.unit) for b in bodies]},
        "yAxis": {"type": "value"},
        "tooltip": {},
        "legend": {},
        "series": [
            bars(_("案件数"), "total", year=year),
            bars(_("超期环节"), "overdue", due="overdue"),
        ],
    }


supervision = Supervision.as_view()


@login_required
@permission_required("enforcement.review_case_file", raise_exception=True)
def file_review_create(request, case_id: int):
    case = selectors.case_get_for_user(user=request.user, case_id=case_id)
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
            refused(request, exc)
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
