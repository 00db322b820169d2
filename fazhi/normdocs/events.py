"""Every audit action the normdocs app writes (`normdocs.<entity>_<verb>`), and its name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    DOCUMENT_CREATE = "normdocs.document_create", _("起草规范性文件")
    DOCUMENT_UPDATE = "normdocs.document_update", _("修改文件草案")
    DOCUMENT_OPEN_COMMENT = "normdocs.document_open_comment", _("草案公开征求意见")
    DOCUMENT_SUBMIT_FOR_REVIEW = "normdocs.document_submit_for_review", _("报送合法性审核")
    DOCUMENT_DELIBERATE = "normdocs.document_deliberate", _("登记集体审议")
    DOCUMENT_PUBLISH = "normdocs.document_publish", _("公布规范性文件")
    DOCUMENT_AMEND = "normdocs.document_amend", _("被新文件修改")
    DOCUMENT_REPEAL = "normdocs.document_repeal", _("被新文件废止")
    DOCUMENT_LINK = "normdocs.document_link", _("关联被修改或废止的文件")
    DOCUMENT_FILE = "normdocs.document_file", _("报送备案")
    DOCUMENT_CORRECT = "normdocs.document_correct", _("报告纠正情况")
    DOCUMENT_IMPORT = "normdocs.document_import", _("批量登记文件")
    FINDING_SET = "normdocs.finding_set", _("确认或排除审核发现")
    FINDING_ADD = "normdocs.finding_add", _("添加审核发现")
    FINDING_EXPLAIN = "normdocs.finding_explain", _("说明不予修改的理由")
    FINDING_ACCEPT = "normdocs.finding_accept", _("认可起草单位的理由")
    LEGALITY_REVIEW_DECIDE = "normdocs.legality_review_decide", _("出具合法性审核意见")
    FILING_REVIEW = "normdocs.filing_review", _("作出备案审查结论")
    CLEANUP_ROUND_CREATE = "normdocs.cleanup_round_create", _("新建清理批次")
    CLEANUP_DECIDE = "normdocs.cleanup_decide", _("作出清理决定")
    CLEANUP_ROUND_PUBLISH = "normdocs.cleanup_round_publish", _("公布清理结果")
    LAW_UPDATE = "normdocs.law_update", _("保存法律法规")
