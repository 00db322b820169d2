"""Who may do what with normative documents (django-rules, autodiscovered)."""

import rules

from fazhi.core.rules import is_admin, is_leader, is_reporter, is_reviewer, is_supervisor


@rules.predicate
def drafts_for_document_unit(user, document) -> bool:
    """A unit's reporter drafts for its own unit only."""
    if document is None:
        return bool(is_reporter(user) and user.unit_id)
    return bool(is_reporter(user) and user.unit_id and user.unit_id == document.drafting_unit_id)


sees_all = is_supervisor | is_leader | is_reviewer | is_admin

rules.add_perm("normdocs.view_normdoc", rules.is_authenticated)
rules.add_perm("normdocs.view_all_normdocs", sees_all)
rules.add_perm("normdocs.draft_normdoc", is_supervisor | is_admin | drafts_for_document_unit)
rules.add_perm("normdocs.review_normdoc", is_reviewer | is_admin)
rules.add_perm("normdocs.manage_registry", is_supervisor | is_reviewer | is_admin)
rules.add_perm("normdocs.view_overdue", is_supervisor | is_leader | is_reviewer | is_admin)
