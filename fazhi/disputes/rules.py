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
    return user.unit_id in office_unit_ids()


@rules.predicate
def sees_all_disputes(user) -> bool:
    return bool(sees_everything(user))


@rules.predicate
def is_unit_reporter(user) -> bool:
    return bool(is_reporter(user) and user.unit_id)


@rules.predicate
def is_own_respondent(user, case) -> bool:
    return bool(
        case is not None
        and user.unit_id
        and case.respondent_id == user.unit_id
        and is_reporter(user)
    )


@rules.predicate
def is_own_defendant(user, case) -> bool:
    return bool(
        case is not None
        and user.unit_id
        and case.defendant_id == user.unit_id
        and is_reporter(user)
    )


@rules.predicate
def is_addressee(user, letter) -> bool:
    return bool(
        letter is not None
        and user.unit_id
        and letter.addressee_id == user.unit_id
        and is_reporter(user)
    )


@rules.predicate
def is_handling_unit(user, obj) -> bool:
    unit_id = getattr(obj, "unit_id", None) if obj is not None else None
    return bool(unit_id and user.unit_id == unit_id and is_reporter(user))


@rules.predicate
def is_adjudicating_unit(user, case) -> bool:
    """The unit that implements the case's catalogue item (行政裁决实施主体)."""
    unit_id = case.item.unit_id if case is not None else None
    return bool(unit_id and user.unit_id == unit_id and is_reporter(user))


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
