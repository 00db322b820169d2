"""The deadline board (期限预警), the yearly statistics, and the old periods address."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import Workbook

from fazhi.core import dates
from fazhi.core.excel import table_response, workbook_response, write_sheet
from fazhi.core.listing import Listing

from .. import forms, selectors


def _require_view(request, perm: str = "disputes.view"):
    if not request.user.has_perm(perm):
        raise DjangoPermissionDenied(_("您无权查看此页面"))


# --- deadlines and statistics ----------------------------------------------------------------

PER_PAGE = 50


class _Known:
    """A list whose length is known from a count query although only its head was read."""

    def __init__(self, head: list, total: int):
        self.head, self.total = head, max(total, len(head))

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        return self.head[index]


DEADLINE_SORT = {
    "due": lambda i: (i.due, i.title),
    "kind": lambda i: (i.kind_label, i.due),
    "unit": lambda i: (i.unit, i.due),
}


@login_required
def deadlines(request):
    _require_view(request)
    today = dates.today()
    try:
        within = max(0, min(int(request.GET.get("within", 15)), 365))
    except ValueError:
        within = 15
    kind = request.GET.get("kind", "")
    kind = kind if kind in selectors.DEADLINE_KINDS else ""
    counts = selectors.deadline_counts(user=request.user, within_days=within, today=today)
    sort = request.GET.get("sort", "due")
    key = sort.lstrip("-")
    if key not in DEADLINE_SORT:
        sort, key = "due", "due"
    export = request.GET.get("format") == "xlsx"
    try:
        page_number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page_number = 1
    # Sorted by due date, the first pages only need the soonest rows of each kind.
    soonest_only = sort == "due" and not export
    items = selectors.upcoming_deadlines(
        request.user,
        within,
        today=today,
        kind=kind,
        limit_per_kind=page_number * PER_PAGE if soonest_only else None,
    )
    if export:
        rows = (
            (
                i.kind_label,
                i.title,
                i.unit,
                dates.day(i.due),
                i.days_left(today),
                _("暂定") if i.provisional else "",
            )
            for i in items
        )
        return table_response(
            _("期限预警"),
            [_("事项"), _("案件"), _("单位"), _("期限"), _("剩余天数(负数为逾期)"), _("说明")],
            rows,
            _("期限预警.xlsx"),
        )
    total = sum(c["overdue"] + c["upcoming"] for k, c in counts.items() if not kind or k == kind)
    if not soonest_only:
        items.sort(key=DEADLINE_SORT[key], reverse=sort.startswith("-"))
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("sort", None)
    page = Listing(
        page=Paginator(_Known(items, total), PER_PAGE).get_page(page_number),
        sort=sort,
        querystring=params.urlencode(),
    )
    summary = [
        {"kind": k, "label": label, **counts[k]} for k, label in selectors.DEADLINE_KINDS.items()
    ]
    return render(
        request,
        "disputes/deadlines.html",
        {
            "listing": page,
            "within": within,
            "kind": kind,
            "summary": summary,
            "kinds": selectors.DEADLINE_KINDS.items(),
            "today": today,
            "overdue": sum(s["overdue"] for s in summary),
            "suspended": [
                (s, (today - s.started_on).days)
                for s in selectors.suspended_cases(user=request.user)
            ],
        },
    )


def period_list(request):
    """The periods now live on the kernel's page, filtered to this app."""
    return redirect(f"{reverse('core:period_list')}?app=disputes")


def _year(request) -> int:
    form = forms.StatisticsForm(request.GET or None)
    return form.cleaned_data["year"] if form.is_valid() else dates.today().year


@login_required
def statistics(request):
    _require_view(request, "disputes.view_statistics")
    year = _year(request)
    user = request.user
    recon = selectors.reconsideration_statistics(year=year, user=user)
    lit = selectors.litigation_statistics(year=year, user=user)
    trend = selectors.litigation_trend(years=range(max(2022, year - 4), year + 1), user=user)
    petitions = selectors.petition_statistics(year=year, user=user)
    if request.GET.get("format") == "xlsx":
        return _statistics_workbook(year, recon, lit, trend)
    chart = {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": [_("行政诉讼案件"), _("败诉案件"), _("负责人出庭应诉率(%)")]},
        "xAxis": {"type": "category", "data": [str(t["year"]) for t in trend]},
        "yAxis": [{"type": "value", "name": _("件")}, {"type": "value", "name": "%", "max": 100}],
        "series": [
            {
                "name": _("行政诉讼案件"),
                "type": "bar",
                "data": [
                    {
                        "value": t["filed"],
                        "url": reverse("disputes:litigation_list") + f"?year={t['year']}",
                    }
                    for t in trend
                ],
            },
            {
                "name": _("败诉案件"),
                "type": "bar",
                "data": [
                    {
                        "value": t["lost"],
                        "url": reverse("disputes:litigation_list")
                        + f"?year={t['year']}&outcome=lost",
                    }
                    for t in trend
                ],
            },
            {
                "name": _("负责人出庭应诉率(%)"),
                "type": "line",
                "yAxisIndex": 1,
                "data": [t["appearance_rate"] for t in trend],
                "markLine": {
                    "data": [{"yAxis": 100, "name": _("2025年目标")}],
                    "label": {"formatter": _("目标100%")},
                },
            },
        ],
    }
    return render(
        request,
        "disputes/statistics.html",
        {
            "year": year,
            "recon": recon,
            "lit": lit,
            "trend": trend,
            "petitions": petitions,
            "chart": chart,
            "years": range(dates.today().year, 2021, -1),
        },
    )


# The yearly statistics workbook: each sheet's columns as (header, key of the row); a key
# ending in "_rate" is a percentage.
RECONSIDERATION_COLUMNS = [
    (gettext_lazy("被申请人"), "unit"),
    (gettext_lazy("收案"), "received"),
    (pgettext_lazy("count", "受理"), "accepted"),
    (gettext_lazy("不予受理"), "refused"),
    (gettext_lazy("审结"), "concluded"),
    (gettext_lazy("其中:作出决定"), "decided"),
    (gettext_lazy("其中:终止"), "terminated"),
    (gettext_lazy("中止中"), "suspended"),
    (gettext_lazy("纠错"), "corrected"),
    (gettext_lazy("纠错率"), "correction_rate"),
    (gettext_lazy("听证案件"), "hearings"),
    (gettext_lazy("听证率"), "hearing_rate"),
    (gettext_lazy("实地调查"), "sites"),
    (gettext_lazy("实地调查率"), "site_rate"),
    (gettext_lazy("超期"), "overdue"),
]
LITIGATION_COLUMNS = [
    (gettext_lazy("被告单位"), "unit"),
    (gettext_lazy("新收案件"), "filed"),
    (gettext_lazy("审结"), "closed"),
    (gettext_lazy("败诉"), "lost"),
    (gettext_lazy("开庭案件"), "heard"),
    (gettext_lazy("负责人出庭案件"), "head"),
    (gettext_lazy("正职出庭"), "principal"),
    (gettext_lazy("负责人出声"), "spoke"),
    (gettext_lazy("出庭应诉率"), "appearance_rate"),
]
TREND_COLUMNS = [
    (gettext_lazy("年度"), "year"),
    (gettext_lazy("行政诉讼案件"), "filed"),
    (gettext_lazy("败诉案件"), "lost"),
    (gettext_lazy("开庭案件"), "heard"),
    (gettext_lazy("负责人出庭案件"), "head"),
    (gettext_lazy("出庭应诉率"), "appearance_rate"),
]


def _pct(value) -> str:
    return "—" if value is None else f"{value}%"


def _sheet(ws, columns, rows) -> None:
    write_sheet(
        ws,
        [str(header) for header, _key in columns],
        [
            tuple(_pct(r[key]) if key.endswith("_rate") else r[key] for _header, key in columns)
            for r in rows
        ],
    )


def _statistics_workbook(year, recon, lit, trend):
    wb = Workbook()
    ws = wb.active
    ws.title = _("行政复议")
    _sheet(ws, RECONSIDERATION_COLUMNS, [*recon["rows"], recon["total"]])
    _sheet(wb.create_sheet(_("行政应诉")), LITIGATION_COLUMNS, [*lit["rows"], lit["total"]])
    _sheet(wb.create_sheet(_("逐年趋势")), TREND_COLUMNS, trend)
    return workbook_response(wb, _("纠纷化解年度统计%(year)s.xlsx") % {"year": year})
