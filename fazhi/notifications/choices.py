from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    DEADLINE = "deadline", _("期限提醒")
    SUPERVISION = "supervision", _("督办")
    REMINDER = "reminder", _("催办")
    RETURNED = "returned", _("退回")
    DIGEST = "digest", _("摘要")


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    WEBHOOK = "webhook", _("群机器人")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class Digest(models.TextChoices):
    NONE = "none", _("不汇总")
    DAILY = "daily", _("每日")
    WEEKLY = "weekly", _("每周")


class WebhookStyle(models.TextChoices):
    DINGTALK = "dingtalk", _("政务钉钉")
    WECOM = "wecom", _("企业微信")
    GENERIC = "generic", _("通用 JSON")
