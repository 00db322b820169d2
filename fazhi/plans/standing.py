"""Obligations an indicator settles (`Indicator.standing`).

A task whose target links to such an indicator owes a recurring obligation the data itself
shows met or not, e.g. measure (九): every body publishes its catalogue of major decisions by
30 April. When the owning app records what meets it, it calls `settle`: each open obligation of
a linked task closes on the day the last one owed was met, so the ledger's status (computed from
dates as for every task) follows the data; an obligation still missing stays open and turns
overdue on its due date.
"""

from __future__ import annotations

from fazhi.core import audit

from .indicators import Standing, registry
from .models import Obligation, Target, Task


def _covering(region: str) -> list[str]:
    """The region and the regions above it (GB/T 2260): the plans that count its data."""
    return sorted({region[:2] + "0000", region[:4] + "00", region})


def settle(key: str, *, region: str | None, actor, action: str) -> list[Obligation]:
    """Close the obligations of tasks linked to `key` that the data now shows met, in the plans
    of `region` and above (inside the caller's transaction; audited as `action`)."""
    indicator = registry().get(key)
    if indicator is None or indicator.standing is None or not region:
        return []
    tasks = Task.objects.current().filter(
        completed_on__isnull=True,
        pk__in=Target.objects.filter(indicator_key=key).values("task_id"),
        measure__plan__region_id__in=_covering(region),
    )
    open_ones = (
        Obligation.objects.select_for_update(of=("self",))
        .filter(task__in=tasks, done_on__isnull=True)
        .select_related("task__measure__plan")
        .order_by("due_on", "pk")
    )
    found: dict[tuple[int, str | None], Standing] = {}
    closed = []
    for obligation in open_ones:
        plan_region = obligation.task.measure.plan.region_id if indicator.regional else None
        at = (obligation.due_on.year, plan_region)
        if at not in found:
            found[at] = indicator.standing(*at)
        standing = found[at]
        if standing.met_on is None:
            continue
        obligation.done_on = standing.met_on
        obligation.save(update_fields=["done_on"])
        audit.record(
            actor=actor,
            action=action,
            obj=obligation,
            before={"done_on": None},
            after=audit.jsonable(
                {"done_on": standing.met_on, "indicator": key, "late": standing.late}
            ),
        )
        closed.append(obligation)
    return closed
