"""What an app hands to the deadline-alert job: `<app>/alerts.py` with `upcoming(on) -> [Alert]`.

    # fazhi/disputes/alerts.py
    def upcoming(on: date) -> Iterable[Alert]:
        for case in ReconsiderationCase.objects.filter(status=ACCEPTED, decision_due__gte=on):
            yield Alert(key=f"disputes.recon_decision:{case.pk}", due_on=case.decision_due,
                        title=f"复议案件 {case.number} 决定期限", url=case.get_absolute_url(),
                        units=(case.office.unit_id,), roles=("reviewer",),
                        lead="notifications.lead_disputes_recon_decision")

The job keeps the alerts whose due date is within the lead time and notifies once per alert and
due date (a changed due date alerts again). The lead time is a period of this app named by
`Alert.lead` (one per kind of statutory clock, declared in `notifications/periods.py`, editable
per region on the periods page); `notifications.deadline_lead` when the alert names none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Alert:
    key: str  # stable: "<app>.<what>:<pk>"
    due_on: dt.date
    title: str
    url: str = ""
    body: str = ""
    users: tuple[int, ...] = ()  # user ids told directly
    units: tuple[int, ...] = ()  # or every active user of these units …
    roles: tuple[str, ...] = ()  # … holding one of these roles (all users when empty)
    region: str | None = None  # for the region's own lead time
    lead: str = "notifications.deadline_lead"  # the period giving the lead time


def within_lead(alerts: Iterable[Alert], on: dt.date, lead_days) -> list[Alert]:
    """Alerts due from `on` up to `lead_days(alert)` days ahead (overdue ones are not repeated)."""
    return [a for a in alerts if 0 <= (a.due_on - on).days <= lead_days(a)]


def horizon(on: dt.date, lead: str) -> dt.date:
    """The last due date any region could be alerted about today under the period `lead`.

    A producer filters its indexed due-date column up to here instead of reading every open
    case; `within_lead` then applies each alert's own region's value.
    """
    from fazhi.core import periods
    from fazhi.core.models import StatutoryPeriod

    longest = max(
        [
            periods.value(lead),
            *StatutoryPeriod.objects.filter(key=lead).values_list("value", flat=True),
        ]
    )
    return on + dt.timedelta(days=longest)
