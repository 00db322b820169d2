"""Every refusal code the disputes app raises (`ApplicationError(..., code=DisputesError.X)`)."""

from fazhi.core.errors import ErrorCode


class DisputesError(ErrorCode):
    REQUIRED = "disputes.required"  # a field the procedure needs is empty
    TOO_EARLY = "disputes.too_early"  # a date before the step it follows
    PERIOD_PASSED = "disputes.period_passed"  # a statutory period has run out
    NO_OFFICE = "disputes.no_office"
    ONLINE_ON_PORTAL = "disputes.online_on_portal"
    SUPPLEMENT_ONCE = "disputes.supplement_once"  # Art. 31: one notice listing everything
    NOT_ACCEPTED = "disputes.not_accepted"
    SUSPENDED = "disputes.suspended"
    CASE_CLOSED = "disputes.case_closed"
    NO_COPY_SENT = "disputes.no_copy_sent"
    HEARING_NOTICE = "disputes.hearing_notice"  # Art. 50: five working days' notice
    NOT_MAJOR = "disputes.not_major"  # Art. 52: committee only for major cases
    SIMPLIFIED_NO_EXTENSION = "disputes.simplified_no_extension"
    EXTENSION_CAP = "disputes.extension_cap"
    DOC_NUMBER = "disputes.doc_number"
    DUPLICATE_NUMBER = "disputes.duplicate_number"
    VIEWS_NOT_HEARD = "disputes.views_not_heard"  # Art. 49
    TERMINATION_GROUND = "disputes.termination_ground"
    ALREADY_REPLIED = "disputes.already_replied"
    PARTY_ID = "disputes.party_id"
    UPLOAD_TYPE = "disputes.upload_type"
