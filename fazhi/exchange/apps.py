from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Data exchange with other systems (API tokens) and the open-data page (seed (二十八)(二十九))."""

    name = "fazhi.exchange"
    label = "exchange"
    verbose_name = _("数据共享")
    navigation = [
        {
            "label": _("接口令牌"),
            "url": "exchange:token_list",
            "chapter": _("基础"),
            "order": 95,
            "icon": "key",
            "perm": "exchange.manage_tokens",
        },
    ]
    public_navigation = [
        {
            "label": _("开放数据"),
            "url": "portal:exchange:dataset_list",
            "order": 90,
            "icon": "database",
            "description": _("可下载的公开数据集(CSV、JSON)"),
        },
    ]
