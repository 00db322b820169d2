"""Discretion standards: the list (exported in the import layout), a standard, the import."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET

from fazhi.core import audit
from fazhi.core.excel import table_response
from fazhi.core.pages import Col, detail_url

from .. import filters, importing, selectors, services
from ..choices import ExemptionKind
from .common import ImportListPage, import_view


class StandardList(ImportListPage):
    permission = "enforcement.view_standard"
    selector = staticmethod(selectors.standard_list)
    filterset = filters.StandardFilter
    title = gettext_lazy("行政处罚裁量基准与免罚轻罚清单")
    export_name = gettext_lazy("裁量基准")
    template_name = "enforcement/standard_list.html"
    table_template = "enforcement/partials/standard_table.html"
    default_sort = "code"
    import_perm = "enforcement.import_standard"
    shown = ("code", "violation", "penalty_basis", "level_count", "exemption_count")
    columns = [
        Col("code", pgettext_lazy("code", "编号"), link=detail_url("enforcement:standard_detail")),
        Col("violation", gettext_lazy("违法行为")),
        Col("legal_basis", gettext_lazy("违法依据"), sort=False),
        Col("penalty_basis", gettext_lazy("处罚依据"), sort=False),
        Col("level_count", gettext_lazy("档次"), sort=False),
        Col("exemption_count", gettext_lazy("免罚轻罚"), sort=False),
    ]


standard_list = StandardList.as_view()


@require_GET
@login_required
@permission_required("enforcement.view_standard", raise_exception=True)
def standard_export(request):
    """The standards in the import layout, so that a body can edit and import them back."""
    qs = selectors.standard_list(user=request.user, params=request.GET)
    audit.export_recorded(actor=request.user, what="裁量基准", filters=request.GET.dict())
    # The importer reads this workbook back: headers, levels and exemptions stay Chinese.
    with translation.override("zh-hans"):
        rows = _standard_rows(qs)
    return table_response("裁量基准", list(importing.STANDARD_HEADERS), rows, "裁量基准.xlsx")


def _standard_rows(qs) -> list[tuple]:
    """The standards in the layout of the import template, one row per level and per exemption."""
    rows = []
    for s in qs.prefetch_related("levels", "exemptions").order_by("code"):
        for lv in s.levels.all():
            rows.append(
                (
                    s.code,
                    s.violation,
                    s.legal_basis,
                    s.penalty_basis,
                    str(lv.get_level_display()),
                    lv.description,
                    lv.fine_min,
                    lv.fine_max,
                    lv.other_penalty,
                    "",
                    "",
                )
            )
        for e in s.exemptions.all():
            rows.append(
                (
                    s.code,
                    s.violation,
                    s.legal_basis,
                    s.penalty_basis,
                    "",
                    "",
                    "",
                    "",
                    "",
                    str(ExemptionKind(e.kind).label),
                    e.condition,
                )
            )
    return rows


@require_GET
@login_required
@permission_required("enforcement.view_standard", raise_exception=True)
def standard_detail(request, standard_id: int):
    standard = selectors.standard_get_for_user(user=request.user, standard_id=standard_id)
    return render(request, "enforcement/standard_detail.html", {"standard": standard})


standard_import = import_view(
    services.standard_import,
    perm="enforcement.import_standard",
    back="enforcement:standard_list",
    missing=gettext_lazy("请选择要导入的 Excel 文件"),
    done=gettext_lazy("已导入 %(count)s 项裁量基准"),
)


@require_GET
@login_required
def standard_template(request):
    example = [
        (
            "SJ-001",
            "示例违法行为",
            "《某法》第X条",
            "《某法》第Y条",
            "一般",
            "适用情形说明",
            1000,
            5000,
            "",
            "首违不罚",
            "初次违法且危害后果轻微并及时改正",
        )
    ]
    return table_response(
        "裁量基准", list(importing.STANDARD_HEADERS), example, "裁量基准导入模板.xlsx"
    )
