from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskStatus(models.TextChoices):
    """Derived at query time from due dates and accepted reports; never stored."""

    NOT_STARTED = "not_started", _("未启动")
    ON_TRACK = "on_track", _("按期推进")
    DUE_SOON = "due_soon", _("15日内到期")
    OVERDUE = "overdue", _("已逾期")
    DONE = "done", _("已完成")


class OwnerRole(models.TextChoices):
    LEAD = "lead", _("牵头单位")
    PARTICIPATING = "participating", _("参加单位")
    RESPONSIBLE = "responsible", _("责任单位")


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    ACCEPTED = "accepted", _("已采纳")
    RETURNED = "returned", _("已退回")


class NoticeStatus(models.TextChoices):
    ISSUED = "issued", _("待回复")
    ANSWERED = "answered", _("已回复")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("待确认")
    APPLIED = "applied", _("已导入")
    UNCHANGED = "unchanged", _("无变化")
    DISCARDED = "discarded", _("已放弃")


STATUS_COLOURS = {
    TaskStatus.NOT_STARTED: "secondary",
    TaskStatus.ON_TRACK: "primary",
    TaskStatus.DUE_SOON: "warning",
    TaskStatus.OVERDUE: "danger",
    TaskStatus.DONE: "success",
}
