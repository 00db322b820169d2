"""Delivery records past their need (core.retention): the inbox itself is kept."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_noop

from fazhi.core.periods import Period, PeriodUnit
from fazhi.core.retention import PIPL, Rule

from .choices import DeliveryStatus

PERIODS = [
    Period(
        "notifications.retention_deliveries",
        gettext_noop("消息发送记录的保存期限"),
        180,
        PeriodUnit.CALENDAR_DAY,
        PIPL,
        gettext_noop("第19条、第47条"),
        gettext_noop("已发送或发送失败的记录(含收件地址的错误信息)期满删除;站内消息保留"),
    )
]
RULES = [
    Rule(
        "notifications.deliveries",
        "notifications.Delivery",
        "updated_at",
        "notifications.retention_deliveries",
        where=lambda: Q(status__in=(DeliveryStatus.SENT, DeliveryStatus.FAILED)),
    )
]
