"""Pages for staff: registry and drafting (documents), legality review (reviews), filing,
overdue and cleanup (registry), bulk import (importing)."""

from .documents import (
    DocumentDetail,
    DocumentList,
    document_create,
    document_edit,
    document_link,
    document_original,
)
from .importing import document_import
from .registry import Cleanup, FilingList, OverdueList, cleanup_round
from .reviews import (
    ReviewDetail,
    ReviewList,
    finding_accept,
    finding_explain,
    finding_set,
    review_letter,
)

__all__ = [
    "Cleanup",
    "DocumentDetail",
    "DocumentList",
    "FilingList",
    "OverdueList",
    "ReviewDetail",
    "ReviewList",
    "cleanup_round",
    "document_create",
    "document_edit",
    "document_import",
    "document_link",
    "document_original",
    "finding_accept",
    "finding_explain",
    "finding_set",
    "review_letter",
]
