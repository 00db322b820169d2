"""Every audit action the normdocs app writes (`normdocs.<entity>_<verb>`)."""

from enum import StrEnum


class Event(StrEnum):
    DOCUMENT_CREATE = "normdocs.document_create"
    DOCUMENT_UPDATE = "normdocs.document_update"
    DOCUMENT_OPEN_COMMENT = "normdocs.document_open_comment"
    DOCUMENT_SUBMIT_FOR_REVIEW = "normdocs.document_submit_for_review"
    DOCUMENT_DELIBERATE = "normdocs.document_deliberate"
    DOCUMENT_PUBLISH = "normdocs.document_publish"
    DOCUMENT_AMEND = "normdocs.document_amend"
    DOCUMENT_REPEAL = "normdocs.document_repeal"
    DOCUMENT_LINK = "normdocs.document_link"
    DOCUMENT_FILE = "normdocs.document_file"
    DOCUMENT_CORRECT = "normdocs.document_correct"
    DOCUMENT_IMPORT = "normdocs.document_import"
    FINDING_SET = "normdocs.finding_set"
    FINDING_ADD = "normdocs.finding_add"
    FINDING_EXPLAIN = "normdocs.finding_explain"
    FINDING_ACCEPT = "normdocs.finding_accept"
    LEGALITY_REVIEW_DECIDE = "normdocs.legality_review_decide"
    FILING_REVIEW = "normdocs.filing_review"
    CLEANUP_ROUND_CREATE = "normdocs.cleanup_round_create"
    CLEANUP_DECIDE = "normdocs.cleanup_decide"
    CLEANUP_ROUND_PUBLISH = "normdocs.cleanup_round_publish"
    LAW_UPDATE = "normdocs.law_update"
