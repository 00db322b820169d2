from fazhi.core.errors import ApplicationError, ErrorCode


class DecisionsError(ErrorCode):
    CATALOG_PUBLISHED = "catalog_published"
    CATALOG_EMPTY = "catalog_empty"
    CATALOG_NOT_APPROVED = "catalog_not_approved"
    CATALOG_EXISTS = "catalog_exists"
    ADJUSTMENT_REASON = "adjustment_reason"
    PROCEDURE_UNKNOWN = "procedure_unknown"
    OUT_OF_ORDER = "out_of_order"
    COMMENT_PERIOD_SHORT = "comment_period_short"
    COMMENT_OPEN = "comment_open"
    CONSULTATION_CLOSED = "consultation_closed"
    HEARING_NOTICE = "hearing_notice"
    HEARING_MISSING = "hearing_missing"
    EXPERT_OPINION_MISSING = "expert_opinion_missing"
    EXPERT_CONFLICT = "expert_conflict"
    EXPERT_NOT_DRAWN = "expert_not_drawn"
    DISSENT_NOT_SOUGHT = "dissent_not_sought"
    DRAW_STATE = "draw_state"
    DRAW_POOL = "draw_pool"
    RISK_UNCONTROLLABLE = "risk_uncontrollable"
    REVIEW_BY_DRAFTER = "review_by_drafter"
    REVIEW_TIME = "review_time"
    REVIEW_UNLAWFUL = "review_unlawful"
    ADVISER_MISSING = "adviser_missing"
    NOT_ADOPTED = "not_adopted"
    COMMENT_TOO_LONG = "comment_too_long"
    COMMENT_EMPTY = "comment_empty"
    RATE_LIMITED = "rate_limited"
    SUMMARY_MISSING = "summary_missing"
    NOT_PUBLISHED = "not_published"
    CHANGE_STATE = "change_state"
    ARCHIVE_INVALID = "archive_invalid"
    EVALUATOR_NOT_INDEPENDENT = "evaluator_not_independent"
    MAJOR_ADJUSTMENT = "major_adjustment"
    DOCUMENT_NOT_READY = "document_not_ready"
    DOCUMENT_ISSUED = "document_issued"


def invalid(message: str, field: str, code: str = "invalid") -> ApplicationError:
    """A refusal about one field: the message shown at the field and above the form."""
    return ApplicationError(message, code=code, fields={field: message})
