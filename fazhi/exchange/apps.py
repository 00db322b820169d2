from django.utils.translation import gettext_lazy as _

from fazhi.core import appconfig
from fazhi.core.appconfig import card, nav


class ExchangeConfig(appconfig.FazhiConfig):
    """Data exchange with other systems (API tokens) and the open-data page (seed (二十八)(二十九))."""

    name = "fazhi.exchange"
    label = "exchange"
    verbose_name = _("数据共享")
    chapter = _("基础")
    navigation = [
        nav(_("接口令牌"), "exchange:token_list", 95, "key", perm="exchange.manage_tokens"),
    ]
    public_navigation = [
        card(
            _("开放数据"),
            "portal:exchange:dataset_list",
            90,
            "database",
            description=_("可下载的公开数据集(CSV、JSON)"),
        ),
    ]
