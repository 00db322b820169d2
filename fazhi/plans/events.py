"""Every audit action name the plans app writes, and how the audit page names each one."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Event(StrEnum):
    IMPORT_UPLOAD = "plans.import_upload"
    IMPORT_DISCARD = "plans.import_discard"
    IMPORT_APPLY = "plans.import_apply"
    PLAN_IMPORT = "plans.plan_import"
    PLAN_REVISE = "plans.plan_revise"
    UNIT_CREATE_ON_IMPORT = "plans.unit_create_on_import"
    REPORT_SUBMIT = "plans.report_submit"
    REPORT_ACCEPT = "plans.report_accept"
    REPORT_RETURN = "plans.report_return"
    TASK_ADVANCE = "plans.task_advance"
    REMINDER_SEND = "plans.reminder_send"
    NOTICE_ISSUE = "plans.notice_issue"
    NOTICE_REPLY = "plans.notice_reply"
    TASK_UPDATE = "plans.task_update"
    TARGET_UPDATE = "plans.target_update"
    TASK_LINK = "plans.task_link"
    TASK_UNLINK = "plans.task_unlink"
    REFERENCE_REGION_SET = "plans.reference_region_set"


LABELS = {
    Event.IMPORT_UPLOAD: _("上传实施方案"),
    Event.IMPORT_DISCARD: _("放弃方案导入"),
    Event.IMPORT_APPLY: _("确认方案导入"),
    Event.PLAN_IMPORT: _("导入实施方案"),
    Event.PLAN_REVISE: _("修订实施方案"),
    Event.UNIT_CREATE_ON_IMPORT: _("导入时新建单位"),
    Event.REPORT_SUBMIT: _("填报进展"),
    Event.REPORT_ACCEPT: _("采纳进展"),
    Event.REPORT_RETURN: _("退回进展"),
    Event.TASK_ADVANCE: _("按采纳的进展更新任务"),
    Event.REMINDER_SEND: _("催办任务"),
    Event.NOTICE_ISSUE: _("签发督办单"),
    Event.NOTICE_REPLY: _("回复督办单"),
    Event.TASK_UPDATE: _("修改任务"),
    Event.TARGET_UPDATE: _("修改量化目标"),
    Event.TASK_LINK: _("任务对应上级措施"),
    Event.TASK_UNLINK: _("取消任务与上级措施的对应"),
    Event.REFERENCE_REGION_SET: _("指定参照方案发文区划"),
}
