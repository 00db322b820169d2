"""Enforcement permissions (django-rules); object permissions take the row they act on."""

import rules

from fazhi.core.rules import (
    is_admin,
    is_leader,
    is_officer,
    is_reporter,
    is_reviewer,
    is_supervisor,
    sees_everything,
)

# Members of this group administer credentials and training hours besides the justice bureau.
CREDENTIALS_GROUP = "执法证件管理员"

works_in_enforcement = is_officer | is_reporter | is_reviewer | is_supervisor | is_leader | is_admin


def _body_unit_id(obj):
    """The unit of the enforcement body an object belongs to (body, officer, case, plan …)."""
    for path in ("unit_id", "body.unit_id", "officer.body.unit_id", "case.body.unit_id"):
        value = obj
        try:
            for part in path.split("."):
                value = getattr(value, part)
        except AttributeError:
            continue
        if value is not None:
            return value
    return None


@rules.predicate
def is_member(user, obj) -> bool:
    """An officer or reporter of the body the object belongs to."""
    if obj is None or not (user and user.is_authenticated and user.unit_id):
        return False
    if not (user.has_role("officer") or user.has_role("reporter")):
        return False
    return _body_unit_id(obj) == user.unit_id


@rules.predicate
def is_plan_member(user, plan) -> bool:
    return bool(plan is not None and is_member(user, plan.body))


@rules.predicate
def inspects_visit(user, visit) -> bool:
    """One of the visit's inspectors, or the lead body's staff."""
    if visit is None or not (user and user.is_authenticated):
        return False
    if is_member(user, visit.draw.plan.body):
        return True
    return visit.officers.filter(user_id=user.pk).exists()


# The justice bureau (its legal staff and the rule-of-law office) issues credentials and
# records training hours (天发〔2022〕42号); a body may not certify its own officers.
administers_credentials = (
    is_reviewer | is_supervisor | is_admin | rules.is_group_member(CREDENTIALS_GROUP)
)

rules.add_perm("enforcement.view_all", sees_everything | is_reviewer)
rules.add_perm("enforcement.view_case", works_in_enforcement)
rules.add_perm("enforcement.file_case", is_officer | is_reporter)
rules.add_perm("enforcement.handle_case", is_member)
rules.add_perm("enforcement.review_case", is_reviewer)
rules.add_perm("enforcement.view_officer", works_in_enforcement)
rules.add_perm("enforcement.manage_body", is_supervisor | is_admin)
rules.add_perm("enforcement.manage_matter", is_member | is_supervisor | is_admin)
rules.add_perm("enforcement.manage_officer", is_member | is_supervisor | is_admin)
rules.add_perm("enforcement.record_relation", is_member | is_supervisor | is_admin)
rules.add_perm("enforcement.administer_credentials", administers_credentials)
rules.add_perm("enforcement.view_standard", works_in_enforcement)
rules.add_perm("enforcement.import_standard", is_supervisor | is_admin)
rules.add_perm("enforcement.view_inspection", works_in_enforcement)
rules.add_perm("enforcement.manage_inspection", is_officer | is_reporter)
rules.add_perm("enforcement.manage_plan", is_plan_member)
rules.add_perm("enforcement.record_visit", inspects_visit)
rules.add_perm("enforcement.import_target", is_supervisor | is_admin | is_reporter | is_officer)
rules.add_perm(
    "enforcement.view_supervision",
    is_supervisor | is_leader | is_reviewer | is_admin | is_officer | is_reporter,
)
rules.add_perm("enforcement.review_case_file", is_supervisor | is_reviewer)
rules.add_perm("enforcement.manage_guiding_case", is_supervisor | is_admin)
