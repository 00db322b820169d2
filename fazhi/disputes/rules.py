"""Who may do what in the disputes app (django-rules)."""

from __future__ import annotations

import rules

from fazhi.core.choices import Role
from fazhi.core.rules import is_reporter, is_supervisor, sees_everything


def office_unit_ids() -> frozenset[int]:
    from django.core.cache import cache

    from .models import ReconsiderationOffice

    ids = cache.get("fazhi:disputes:office-units")
    if ids is None:
        ids = frozenset(
            ReconsiderationOffice.objects.filter(is_active=True).values_list("unit_id", flat=True)
        )
        cache.set("fazhi:disputes:office-units", ids, 300)
    return ids


@rules.predicate
def handles_reconsideration(user) -> bool:
    """Staff of the reconsideration office's unit (the justice bureau) who hold a working role."""
    if not (user and user.is_authenticated and user.unit_id):
        return False
    if not (
        user.has_role(Role.REVIEWER) or user.has_role(Role.REPORTER) or user.has_role(Role.OFFICER)
    ):
        return False
    # Kept on the user object for the request, as Django keeps its permission cache there: the
    # sidebar alone asks this for seven entries, each a read of the shared cache (on the embedded
    # default, a query of the cache table).
    try:
        return user._handles_reconsideration
    except AttributeError:
        user._handles_reconsideration = user.unit_id in office_unit_ids()
        return user._handles_reconsideration


@rules.predicate
def sees_all_disputes(user) -> bool:
    return bool(sees_everything(user))


@rules.predicate
def is_unit_reporter(user) -> bool:
    return bool(is_reporter(user) and user.unit_id)


def reports_for(path: str, name: str) -> rules.Predicate:
    """A predicate on a row: the user reports for the unit whose id is at `path` on it
    ("respondent_id", "item.unit_id")."""

    def check(user, obj) -> bool:
        unit_id = obj
        for part in path.split("."):
            unit_id = getattr(unit_id, part, None) if unit_id is not None else None
        return bool(unit_id and user.unit_id == unit_id and is_reporter(user))

    return rules.predicate(check, name=name)


is_own_respondent = reports_for("respondent_id", "is_own_respondent")
is_own_defendant = reports_for("defendant_id", "is_own_defendant")
is_addressee = reports_for("addressee_id", "is_addressee")
is_handling_unit = reports_for("unit_id", "is_handling_unit")
# The unit that implements the case's catalogue item (行政裁决实施主体).
is_adjudicating_unit = reports_for("item.unit_id", "is_adjudicating_unit")


rules.add_perm("disputes.view_all", sees_all_disputes | handles_reconsideration)
rules.add_perm("disputes.view", sees_all_disputes | handles_reconsideration | is_unit_reporter)
rules.add_perm("disputes.view_statistics", sees_all_disputes | handles_reconsideration)
rules.add_perm("disputes.handle_reconsideration", handles_reconsideration)
rules.add_perm("disputes.reply_reconsideration", handles_reconsideration | is_own_respondent)
rules.add_perm("disputes.add_litigation", handles_reconsideration | is_unit_reporter)
rules.add_perm("disputes.change_litigation", handles_reconsideration | is_own_defendant)
rules.add_perm("disputes.issue_letter", handles_reconsideration | is_supervisor)
rules.add_perm("disputes.reply_letter", handles_reconsideration | is_addressee)
rules.add_perm("disputes.follow_up_letter", handles_reconsideration | is_supervisor)
rules.add_perm("disputes.add_casework", handles_reconsideration | is_unit_reporter)
rules.add_perm("disputes.change_casework", handles_reconsideration | is_handling_unit)
rules.add_perm("disputes.change_adjudication", handles_reconsideration | is_adjudicating_unit)
