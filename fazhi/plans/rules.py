"""Permissions of the plans app (django-rules); object permissions take the row.

Which rows a user reads is the models' `scope` (region tenancy); these rules say what a user
may do with a row they can read.
"""

import rules

from fazhi.core.rules import is_admin, is_leader, is_reporter, is_supervisor


@rules.predicate
def owes_task(user, obj) -> bool:
    """The user's unit owes the task (`obj` is a task, or a row of one); no object: any unit."""
    if not getattr(user, "unit_id", None):
        return False
    if obj is None:
        return True
    task = getattr(obj, "task", obj)
    return task.owners.filter(unit_id=user.unit_id).exists()


@rules.predicate
def addressed_to_unit(user, notice) -> bool:
    """A supervision notice is answered by the unit it was sent to."""
    if not getattr(user, "unit_id", None):
        return False
    return notice is None or notice.unit_id == user.unit_id


@rules.predicate
def holds_plan(user, obj) -> bool:
    """The plan (of a task, or the plan itself) is held by the user's own region: a county's
    office links its county's tasks, not a neighbour's or its counties' (a city office)."""
    if obj is None:
        return True
    plan = obj.measure.plan if hasattr(obj, "measure") else obj
    unit = getattr(user, "unit", None)
    return unit is not None and unit.region_id == plan.region_id


rules.add_perm("plans.view_plan", rules.is_authenticated)
rules.add_perm("plans.import_plan", is_supervisor | is_admin)
rules.add_perm("plans.change_task", is_supervisor | is_admin)
rules.add_perm("plans.report_progress", is_reporter & owes_task)
rules.add_perm("plans.review_report", is_supervisor)
rules.add_perm("plans.send_reminder", is_supervisor)
rules.add_perm("plans.issue_notice", is_supervisor)
rules.add_perm("plans.reply_notice", is_reporter & addressed_to_unit)
rules.add_perm("plans.view_all", is_supervisor | is_leader | is_admin)
rules.add_perm("plans.link_task", is_supervisor & holds_plan)
rules.add_perm("plans.change_reference_plan", is_supervisor & holds_plan)
