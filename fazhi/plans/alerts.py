"""Deadline alerts of the plans app (notifications' producer contract): each open time node
(时间节点) of a current task, to its lead and responsible units' reporters, and each unanswered
supervision notice (督办单), to the supervised unit's reporters."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.urls import reverse

from fazhi.core.choices import Role
from fazhi.notifications.producers import Alert, horizon

from .choices import NoticeStatus, OwnerRole
from .models import Obligation, SupervisionNotice, TaskOwner

OBLIGATION_LEAD = "notifications.lead_plans_obligation"
NOTICE_LEAD = "notifications.lead_plans_notice"
OWES = (OwnerRole.LEAD, OwnerRole.RESPONSIBLE)


def _obligations(on: dt.date) -> Iterator[Alert]:
    open_nodes = list(
        Obligation.objects.filter(
            done_on__isnull=True,
            due_on__gte=on,
            due_on__lte=horizon(on, OBLIGATION_LEAD),
            task__withdrawn_on__isnull=True,
            task__completed_on__isnull=True,
        )
        .select_related("task__measure")
        .order_by("due_on", "pk")
    )
    owners: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for task_id, unit_id, region in TaskOwner.objects.filter(
        task_id__in={n.task_id for n in open_nodes}, role__in=OWES
    ).values_list("task_id", "unit_id", "unit__region_id"):
        owners[task_id].append((unit_id, region))
    for node in open_nodes:
        task = node.task
        units = owners.get(task.pk)
        if not units:
            continue
        yield Alert(
            key=f"plans.obligation:{node.pk}",
            due_on=node.due_on,
            title=f"任务 {task.code}「{node.label}」将于 {node.due_on:%Y-%m-%d} 到期",
            body=task.text[:200],
            url=reverse("plans:task_detail", args=[task.pk]),
            units=tuple(sorted({u for u, _r in units})),
            roles=(Role.REPORTER,),
            region=units[0][1],
            lead=OBLIGATION_LEAD,
        )


def _notices(on: dt.date) -> Iterator[Alert]:
    notices = SupervisionNotice.objects.filter(
        status=NoticeStatus.ISSUED,
        reply_due_on__gte=on,
        reply_due_on__lte=horizon(on, NOTICE_LEAD),
    ).select_related("unit")
    for notice in notices.order_by("reply_due_on", "pk"):
        yield Alert(
            key=f"plans.notice_reply:{notice.pk}",
            due_on=notice.reply_due_on,
            title=f"督办单 {notice.number} 应于 {notice.reply_due_on:%Y-%m-%d} 前回复",
            body=notice.request[:200],
            url=reverse("plans:notice_detail", args=[notice.pk]),
            units=(notice.unit_id,),
            roles=(Role.REPORTER,),
            region=notice.unit.region_id,
            lead=NOTICE_LEAD,
        )


def upcoming(on: dt.date) -> Iterator[Alert]:
    yield from _obligations(on)
    yield from _notices(on)
