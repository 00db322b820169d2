"""Every audit action the notifications app writes, and what the audit page calls it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    NOTIFY = "notifications.notify", _("发送站内消息")
    DELIVERY_SENT = "notifications.delivery_sent", _("消息已通过邮件或群机器人送达")
    DELIVERY_FAILED = "notifications.delivery_failed", _("消息发送失败(稍后重试)")
    NOTIFICATION_READ = "notifications.notification_read", _("阅读消息")
    NOTIFICATION_READ_ALL = "notifications.notification_read_all", _("全部消息标为已读")
    PREFERENCE_SET = "notifications.preference_set", _("修改通知偏好")
