"""Permission predicates shared by every app (django-rules)."""

import rules

from .choices import Role


@rules.predicate
def is_supervisor(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.SUPERVISOR))


@rules.predicate
def is_leader(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.LEADER))


@rules.predicate
def is_reporter(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.REPORTER))


@rules.predicate
def is_reviewer(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.REVIEWER))


@rules.predicate
def is_officer(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.OFFICER))


@rules.predicate
def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


@rules.predicate
def sees_everything(user) -> bool:
    """Supervisors and leaders read every unit's data in their region."""
    return bool(is_supervisor(user) or is_leader(user) or is_admin(user))


rules.add_perm("core.view_directory", rules.is_authenticated)
rules.add_perm("core.view_audit", is_supervisor | is_leader | is_admin)
rules.add_perm("core.change_directory", is_supervisor | is_admin)
rules.add_perm("core.view_periods", rules.is_authenticated)
# The legal office (司法局) and the rule-of-law office keep the statutory periods.
rules.add_perm("core.change_periods", is_supervisor | is_reviewer | is_admin)
