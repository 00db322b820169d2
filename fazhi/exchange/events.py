"""Every audit action the exchange app writes, and what the audit page calls it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    TOKEN_CREATE = "exchange.token_create", _("签发接口令牌")
    TOKEN_REVOKE = "exchange.token_revoke", _("吊销接口令牌")
    API_CALL = "exchange.api_call", _("外部系统调用数据接口")
    API_REFUSED = "exchange.api_refused", _("已吊销的接口令牌被拒绝")
