"""The inbox and its deliveries: each notification is a row first, email and webhook follow."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import OrgUnit, TimeStampedModel

from .choices import Channel, DeliveryStatus, Digest, Kind, WebhookStyle


class Notification(TimeStampedModel):
    """One message in one user's inbox; `dedup_key` makes re-sending the same alert a no-op.

    Not region-scoped: an inbox is private, read only by its recipient (selectors filter by
    recipient; no supervisor or administrator reads another person's messages through a page).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("收件人"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    dedup_key = models.CharField(_("去重键"), max_length=200)
    due_on = models.DateField(_("期限"), null=True, blank=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    class Meta:
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedup_key"], name="notification_dedup_unique"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("notifications:open", args=[self.pk])


class Preference(models.Model):
    """How a user wants to be told, besides the inbox (which is always on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email = models.BooleanField(_("发送电子邮件"), default=True)
    webhook = models.BooleanField(_("推送到本单位群机器人"), default=True)
    digest = models.CharField(_("摘要"), max_length=8, choices=Digest.choices, default=Digest.NONE)
    version = models.PositiveIntegerField(_("版本"), default=1)

    class Meta:
        verbose_name = _("通知偏好")
        verbose_name_plural = _("通知偏好")
        ordering = ["user_id"]

    def __str__(self) -> str:
        return str(self.user)


class Webhook(TimeStampedModel):
    """A unit's group bot (政务钉钉/企业微信 style): messages to the unit's users are posted there."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="webhooks"
    )
    name = models.CharField(_("名称"), max_length=64)
    url = models.URLField(_("地址"), max_length=400)
    style = models.CharField(
        _("格式"), max_length=16, choices=WebhookStyle.choices, default=WebhookStyle.GENERIC
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("群机器人")
        verbose_name_plural = _("群机器人")
        ordering = ["unit_id", "name"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.name}"


class Delivery(TimeStampedModel):
    """One attempt chain to carry a notification over one channel; retried until sent."""

    notification = models.ForeignKey(
        Notification, verbose_name=_("消息"), on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices)
    webhook = models.ForeignKey(
        Webhook, verbose_name=_("群机器人"), null=True, blank=True, on_delete=models.CASCADE
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.CharField(_("最近错误"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("发送记录")
        verbose_name_plural = _("发送记录")
        ordering = ["pk"]
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.notification_id} {self.channel} {self.status}"
