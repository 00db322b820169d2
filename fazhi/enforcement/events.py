"""Every audit action the enforcement app writes (`enforcement.<entity>_<verb>`)."""

from enum import StrEnum


class Event(StrEnum):
    BODY_CREATE = "enforcement.body_create"
    BODY_UPDATE = "enforcement.body_update"
    MATTER_CREATE = "enforcement.matter_create"
    OFFICER_CREATE = "enforcement.officer_create"
    CREDENTIAL_ISSUE = "enforcement.credential_issue"
    CREDENTIAL_SET_STATUS = "enforcement.credential_set_status"
    TRAINING_SESSION_CREATE = "enforcement.training_session_create"
    TRAINING_RECORD = "enforcement.training_record"
    RELATION_RECORD = "enforcement.relation_record"
    CASE_FILE = "enforcement.case_file"
    CASE_ASSIGN = "enforcement.case_assign"
    CASE_INVESTIGATE = "enforcement.case_investigate"
    CASE_ADD_EVIDENCE = "enforcement.case_add_evidence"
    CASE_NOTIFY = "enforcement.case_notify"
    CASE_WAIVE = "enforcement.case_waive"
    CASE_REQUEST_HEARING = "enforcement.case_request_hearing"
    CASE_HOLD_HEARING = "enforcement.case_hold_hearing"
    CASE_SUBMIT_REVIEW = "enforcement.case_submit_review"
    CASE_REVIEW = "enforcement.case_review"
    CASE_DISCUSS = "enforcement.case_discuss"
    CASE_EXTEND = "enforcement.case_extend"
    CASE_DECIDE = "enforcement.case_decide"
    CASE_SERVE = "enforcement.case_serve"
    CASE_PUBLISH = "enforcement.case_publish"
    CASE_EXECUTE = "enforcement.case_execute"
    CASE_CLOSE = "enforcement.case_close"
    EVIDENCE_ADD = "enforcement.evidence_add"
    EVIDENCE_CUSTODY = "enforcement.evidence_custody"
    STANDARD_IMPORT = "enforcement.standard_import"
    TARGET_IMPORT = "enforcement.target_import"
    PLAN_CREATE = "enforcement.plan_create"
    DRAW_COMMIT = "enforcement.draw_commit"
    DRAW_REVEAL = "enforcement.draw_reveal"
    DRAW_PUBLISH_RESULTS = "enforcement.draw_publish_results"
    VISIT_ASSIGN = "enforcement.visit_assign"
    VISIT_RECORD_RESULT = "enforcement.visit_record_result"
    FILE_REVIEW_RECORD = "enforcement.file_review_record"
    GUIDING_CASE_CREATE = "enforcement.guiding_case_create"


def case_event(action: str) -> Event:
    """The audit action of a workflow step (`notify` → CASE_NOTIFY)."""
    return Event(f"enforcement.case_{action}")
