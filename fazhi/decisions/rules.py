"""Who may do what with catalogues and decisions (django-rules)."""

import rules

from fazhi.core.rules import is_leader, is_reporter, is_reviewer, is_supervisor, sees_everything


def _unit(user):
    return getattr(user, "unit_id", None)


@rules.predicate
def of_catalog_body(user, catalog) -> bool:
    return catalog is not None and _unit(user) is not None and catalog.body_id == _unit(user)


@rules.predicate
def of_decision_body(user, decision) -> bool:
    return decision is not None and _unit(user) in (decision.body_id, decision.drafting_unit_id)


@rules.predicate
def is_review_unit(user, decision) -> bool:
    return (
        decision is not None and _unit(user) is not None and decision.review_unit_id == _unit(user)
    )


@rules.predicate
def is_not_drafter(user, decision) -> bool:
    return decision is not None and _unit(user) != decision.drafting_unit_id


@rules.predicate
def of_implementing_unit(user, decision) -> bool:
    return (
        decision is not None
        and _unit(user) is not None
        and (decision.implementing_unit_id == _unit(user))
    )


@rules.predicate
def of_consultation_unit(user, consultation) -> bool:
    return consultation is not None and _unit(user) == consultation.unit_id


rules.add_perm("decisions.view", rules.is_authenticated)
rules.add_perm("decisions.view_all", sees_everything)
rules.add_perm("decisions.draft_catalog", (is_reporter & of_catalog_body) | is_supervisor)
rules.add_perm("decisions.create_decision", is_reporter | is_supervisor)
rules.add_perm("decisions.draft_decision", (is_reporter & of_decision_body) | is_supervisor)
# Art. 25: the legality-review body reviews; the drafting unit never reviews its own draft.
rules.add_perm("decisions.review_decision", is_reviewer & is_review_unit & is_not_drafter)
rules.add_perm("decisions.implement_decision", (is_reporter & of_implementing_unit) | is_supervisor)
rules.add_perm(
    "decisions.moderate_consultation", (is_reporter & of_consultation_unit) | is_supervisor
)
rules.add_perm("decisions.manage_experts", is_supervisor | is_reviewer)
rules.add_perm("decisions.export_archive", sees_everything | of_decision_body)
rules.add_perm("decisions.view_accountability", is_supervisor | is_leader)
