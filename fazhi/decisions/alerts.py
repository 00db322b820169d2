"""Deadline alerts of decisions (notifications' producer contract): an execution report falling
due (Art. 34), to the implementing unit's reporters, before the default lead time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from fazhi.core.choices import Role
from fazhi.notifications.producers import Alert, horizon

from .choices import Stage
from .models import ExecutionReport

LEAD = "notifications.deadline_lead"


def upcoming(on: dt.date) -> Iterator[Alert]:
    reports = ExecutionReport.objects.filter(
        submitted_on=None,
        due_on__gte=on,
        due_on__lte=horizon(on, LEAD),
        decision__stage__in=(Stage.PUBLISHED, Stage.SUSPENDED),
        decision__implementing_unit__isnull=False,
    ).select_related("decision__body")
    for report in reports.order_by("due_on", "pk"):
        d = report.decision
        yield Alert(
            key=f"decisions.execution_report:{report.pk}",
            due_on=report.due_on,
            title=f"重大行政决策《{d.title[:60]}》执行情况应于 {report.due_on:%Y-%m-%d} 前报告",
            body=d.number,
            url=d.get_absolute_url(),
            units=(d.implementing_unit_id,),
            roles=(Role.REPORTER,),
            region=d.body.region_id,
            lead=LEAD,
        )
