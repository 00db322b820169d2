"""Every write on normative documents: permission, validation, transaction, audit event.

The procedure's order is enforced here (through `workflow.next_stage`), never by a page: a
skipped step raises ApplicationError with the reason and writes nothing. One module per
aggregate: drafting (the document's procedure up to publication), reviews (legality review),
filing, registry (bulk registration), cleanup, laws (the law-status table).
"""

from .cleanup import cleanup_decide, cleanup_round_create, cleanup_round_publish
from .drafting import (
    normdoc_create,
    normdoc_deliberate,
    normdoc_link,
    normdoc_open_comment,
    normdoc_publish,
    normdoc_submit_for_review,
    normdoc_update_draft,
    revisable,
)
from .filing import filing_body, filing_review_decide, normdoc_correct, normdoc_file
from .laws import law_save
from .registry import ImportReport, normdoc_import
from .reviews import (
    changes_required,
    legality_review_decide,
    letter_number_suggestion,
    resolutions,
    review_finding_accept,
    review_finding_add,
    review_finding_explain,
    review_finding_set,
    review_limits,
)

__all__ = [
    "ImportReport",
    "changes_required",
    "revisable",
    "cleanup_decide",
    "cleanup_round_create",
    "cleanup_round_publish",
    "filing_body",
    "filing_review_decide",
    "law_save",
    "legality_review_decide",
    "letter_number_suggestion",
    "normdoc_correct",
    "normdoc_create",
    "normdoc_deliberate",
    "normdoc_file",
    "normdoc_import",
    "normdoc_link",
    "normdoc_open_comment",
    "normdoc_publish",
    "normdoc_submit_for_review",
    "normdoc_update_draft",
    "resolutions",
    "review_finding_accept",
    "review_finding_add",
    "review_finding_explain",
    "review_finding_set",
    "review_limits",
]
