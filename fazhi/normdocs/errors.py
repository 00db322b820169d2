"""Every refusal code the normdocs app raises (clients may test these stable strings)."""

from fazhi.core.errors import ErrorCode


class NormdocsError(ErrorCode):
    STEP_REFUSED = "normdocs.step_refused"
    INVALID = "normdocs.invalid"
    BAD_DATES = "normdocs.bad_dates"
    BAD_DOC_NUMBER = "normdocs.bad_doc_number"
    DUPLICATE_DOC_NUMBER = "normdocs.duplicate_doc_number"
    FINDINGS_OPEN = "normdocs.findings_open"
    FINDINGS_UNRESOLVED = "normdocs.findings_unresolved"
    OPINION_CONTRADICTS = "normdocs.opinion_contradicts"
    EMPTY_BODY = "normdocs.empty_body"
    REQUIRED = "normdocs.required"
    NOT_PUBLISHED = "normdocs.not_published"
    LINK_REFUSED = "normdocs.link_refused"
    NOT_FOUND = "normdocs.not_found"
    IMPORT_CONFLICT = "normdocs.import_conflict"
    DUPLICATE_ROUND = "normdocs.duplicate_round"
    ROUND_CLOSED = "normdocs.round_closed"
    QUERY_TOO_LONG = "normdocs.query_too_long"
    UNKNOWN_KIND = "normdocs.unknown_kind"
