"""ECharts options for the dashboard; every bar and slice carries the URL of the tasks behind it."""

from __future__ import annotations

import re
from urllib.parse import quote_plus

from django.urls import reverse
from django.utils.translation import gettext as _

from .choices import TaskStatus

COLOURS = {
    TaskStatus.NOT_STARTED: "#adb5bd",
    TaskStatus.ON_TRACK: "#0d6efd",
    TaskStatus.DUE_SOON: "#ffc107",
    TaskStatus.OVERDUE: "#dc3545",
    TaskStatus.DONE: "#198754",
}


def ledger_url(**params) -> str:
    """The ledger filtered by `params` (a chart names one per bar: the address is reversed
    once per chart, by `_ledger_urls`)."""
    return _ledger_urls()(**params)


def _ledger_urls():
    base = reverse("plans:task_list")

    def url(**params) -> str:
        query = "&".join(_pair(k, v) for k, v in params.items() if v not in (None, ""))
        return f"{base}?{query}" if query else base

    return url


_PLAIN = re.compile(r"[A-Za-z0-9_.\-]*")


def _pair(key: str, value) -> str:
    """`urlencode`'s `key=value` without quoting what needs none (the ids and status codes of
    the dashboard's 150-odd links: quoting each was 2 ms of the page)."""
    text = str(value)
    return f"{key}={text if _PLAIN.fullmatch(text) else quote_plus(text)}"


def status_pie(plan_id: int, totals: dict) -> dict:
    ledger_url = _ledger_urls()
    return {
        "tooltip": {"trigger": "item"},
        "legend": {"bottom": 0},
        "series": [
            {
                "type": "pie",
                "radius": ["40%", "70%"],
                "label": {"show": False},
                "data": [
                    {
                        "name": str(status.label),
                        "value": totals[status],
                        "url": ledger_url(plan=plan_id, status=status.value),
                        "itemStyle": {"color": COLOURS[status]},
                    }
                    for status in TaskStatus
                ],
            }
        ],
    }


def stacked_bars(labels: list[str], counts: list[dict], urls: list[dict], plan_id: int) -> dict:
    """Horizontal stacked bars, one series per status; `urls[i]` are the row's ledger filters."""
    ledger_url = _ledger_urls()
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 24, "top": 32, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "inverse": True, "data": labels},
        "series": [
            {
                "name": str(status.label),
                "type": "bar",
                "stack": "tasks",
                "itemStyle": {"color": COLOURS[status]},
                "data": [
                    {"value": c[status], "url": ledger_url(plan=plan_id, status=status.value, **u)}
                    for c, u in zip(counts, urls, strict=True)
                ],
            }
            for status in TaskStatus
        ],
    }


def timeline(plan_id: int, rows: list[dict]) -> dict:
    years = [str(r["year"]) for r in rows]
    ledger_url = _ledger_urls()
    series = [
        (_("已完成"), "done", "#198754", lambda r: r["done"]),
        (_("已逾期"), "overdue", "#dc3545", lambda r: r["overdue"]),
        (_("未到期"), "open", "#0d6efd", lambda r: r["total"] - r["done"] - r["overdue"]),
    ]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 16, "top": 32, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "category", "data": years},
        "yAxis": {"type": "value", "minInterval": 1, "name": _("时间节点")},
        "series": [
            {
                "name": name,
                "type": "bar",
                "stack": "due",
                "itemStyle": {"color": colour},
                "data": [
                    {"value": value(r), "url": ledger_url(plan=plan_id, year=r["year"])}
                    for r in rows
                ],
            }
            for name, _key, colour, value in series
        ],
    }
