"""Pages of the plans app: thin — declarations on the kernel's page classes, or a selector or
service call and a render."""

from .importing import import_review, ledger_import, plan_import
from .supervision import NoticeDetail, NoticeList, ReportDetail, ReportList, notice_docx
from .tasks import (
    TaskDetail,
    TaskList,
    dashboard,
    evidence_download,
    target_edit,
    unit_overview,
)

__all__ = [
    "dashboard",
    "TaskList",
    "TaskDetail",
    "ReportDetail",
    "target_edit",
    "evidence_download",
    "unit_overview",
    "ReportList",
    "NoticeList",
    "NoticeDetail",
    "notice_docx",
    "plan_import",
    "import_review",
    "ledger_import",
]
