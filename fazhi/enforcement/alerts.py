"""Deadline alerts of enforcement (notifications' producer contract): each open penalty case's
running clock (decision within 90 days of filing, 行政处罚法第六十条; service within 7 working
days of the decision, 第六十一条; publicity of a penalty decision within 7 working days,
国办发〔2018〕118号), to the case's officers (the body's officers while none is assigned), and
the publicity of a random inspection's results (国发〔2019〕5号) to the plan's body.

Titles carry the case number and cause only: the party's name stays in the platform.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from fazhi.core.choices import Role
from fazhi.notifications.producers import Alert, horizon

from .choices import DecisionKind, DrawStatus
from .models import InspectionDraw, InspectionVisit, Officer, PenaltyCase

LEADS = {
    "decision": "notifications.lead_enforcement_decision",
    "service": "notifications.lead_enforcement_service",
    "publicity": "notifications.lead_enforcement_publicity",
}
INSPECTION_LEAD = "notifications.lead_enforcement_inspection_result"
STEPS = {
    "decision": "作出处罚决定",
    "service": "送达处罚决定书",
    "publicity": "公示处罚决定",
}


def _open_clocks(on: dt.date) -> Q:
    """The case is running against one of its three clocks, due inside the longest horizon."""
    ends = {step: horizon(on, lead) for step, lead in LEADS.items()}
    return (
        Q(decided_on__isnull=True, decision_due__gte=on, decision_due__lte=ends["decision"])
        | Q(
            decided_on__isnull=False,
            served_on__isnull=True,
            service_due__gte=on,
            service_due__lte=ends["service"],
        )
        | Q(
            decided_on__isnull=False,
            served_on__isnull=False,
            published_on__isnull=True,
            decision_kind=DecisionKind.PENALTY,
            publicity_due__gte=on,
            publicity_due__lte=ends["publicity"],
        )
    )


def _step(case: PenaltyCase) -> str:
    if case.decided_on is None:
        return "decision"
    return "service" if case.served_on is None else "publicity"


def _cases(on: dt.date) -> Iterator[Alert]:
    cases = list(
        PenaltyCase.objects.filter(_open_clocks(on), closed_on__isnull=True)
        .select_related("body__unit")
        .order_by("pk")
    )
    officers: dict[int, set[int]] = defaultdict(set)
    for case_id, user_id in Officer.objects.filter(
        cases__in=[c.pk for c in cases], user__isnull=False
    ).values_list("cases", "user_id"):
        officers[case_id].add(user_id)
    for case in cases:
        step = _step(case)
        due = case.current_due
        users = tuple(sorted(officers.get(case.pk, ())))
        yield Alert(
            key=f"enforcement.case_{step}:{case.pk}",
            due_on=due,
            title=f"案件 {case.number} 应于 {due:%Y-%m-%d} 前{STEPS[step]}",
            body=case.title[:200],
            url=reverse("enforcement:case_detail", args=[case.pk]),
            users=users,
            units=() if users else (case.body.unit_id,),
            roles=() if users else (Role.OFFICER,),
            region=case.body.unit.region_id,
            lead=LEADS[step],
        )


def _inspections(on: dt.date) -> Iterator[Alert]:
    unpublished = InspectionVisit.objects.filter(
        draw=OuterRef("pk"), result_published_on__isnull=True
    )
    draws = (
        InspectionDraw.objects.filter(
            Exists(unpublished),
            status=DrawStatus.REVEALED,
            result_due__gte=on,
            result_due__lte=horizon(on, INSPECTION_LEAD),
        )
        .select_related("plan__body__unit")
        .order_by("result_due", "pk")
    )
    for draw in draws:
        plan = draw.plan
        yield Alert(
            key=f"enforcement.inspection_result:{draw.pk}",
            due_on=draw.result_due,
            title=f"抽查计划「{plan.title[:60]}」的检查结果应于 {draw.result_due:%Y-%m-%d} 前录入并公示",
            url=reverse("enforcement:plan_detail", args=[plan.pk]),
            units=(plan.body.unit_id,),
            roles=(Role.OFFICER,),
            region=plan.body.unit.region_id,
            lead=INSPECTION_LEAD,
        )


def upcoming(on: dt.date) -> Iterator[Alert]:
    yield from _cases(on)
    yield from _inspections(on)
