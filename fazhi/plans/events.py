"""Every audit action name the plans app writes, and how the audit page names each one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    IMPORT_UPLOAD = "plans.import_upload", _("上传实施方案")
    IMPORT_DISCARD = "plans.import_discard", _("放弃方案导入")
    IMPORT_APPLY = "plans.import_apply", _("确认方案导入")
    PLAN_IMPORT = "plans.plan_import", _("导入实施方案")
    PLAN_REVISE = "plans.plan_revise", _("修订实施方案")
    UNIT_CREATE_ON_IMPORT = "plans.unit_create_on_import", _("导入时新建单位")
    REPORT_SUBMIT = "plans.report_submit", _("填报进展")
    REPORT_ACCEPT = "plans.report_accept", _("采纳进展")
    REPORT_RETURN = "plans.report_return", _("退回进展")
    TASK_ADVANCE = "plans.task_advance", _("按采纳的进展更新任务")
    REMINDER_SEND = "plans.reminder_send", _("催办任务")
    NOTICE_ISSUE = "plans.notice_issue", _("签发督办单")
    NOTICE_REPLY = "plans.notice_reply", _("回复督办单")
    TASK_UPDATE = "plans.task_update", _("修改任务")
    TARGET_UPDATE = "plans.target_update", _("修改量化目标")
    TASK_LINK = "plans.task_link", _("任务对应上级措施")
    TASK_UNLINK = "plans.task_unlink", _("取消任务与上级措施的对应")
    REFERENCE_REGION_SET = "plans.reference_region_set", _("指定参照方案发文区划")
