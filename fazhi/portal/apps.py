from django.utils.translation import gettext_lazy as _

from fazhi.core import appconfig
from fazhi.core.appconfig import card


class PortalConfig(appconfig.FazhiConfig):
    name = "fazhi.portal"
    label = "portal"
    verbose_name = _("公众门户")
    url_prefix = "public/"
    api_prefix = "/public"
    public_navigation = [
        card(
            _("审计链每日摘要"),
            "portal:audit_digests",
            90,
            "shield-lock",
            description=_("平台操作记录的每日签名摘要,任何人可保存核对"),
        ),
    ]
