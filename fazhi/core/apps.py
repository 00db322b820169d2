from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = _("基础")
    navigation = [
        {
            "label": _("单位名录"),
            "url": "core:unit_list",
            "chapter": _("基础"),
            "order": 90,
            "icon": "diagram-3",
        },
        {
            "label": _("审计记录"),
            "url": "core:audit_list",
            "chapter": _("基础"),
            "order": 91,
            "icon": "shield-check",
            "perm": "core.view_audit",
        },
    ]
