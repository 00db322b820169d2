from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "fazhi.portal"
    label = "portal"
    verbose_name = _("公众门户")
    url_prefix = "public/"
    api_prefix = "/public"
    # Sidebar entries: {"label", "url" (URL name), "chapter", "order", "icon", "perm" (optional)}
    navigation: list[dict] = []
    public_navigation = [
        {
            "label": _("审计链每日摘要"),
            "description": _("平台操作记录的每日签名摘要,任何人可保存核对"),
            "url": "portal:audit_digests",
            "icon": "shield-lock",
            "order": 90,
        }
    ]
