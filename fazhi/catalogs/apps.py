from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# The sidebar chapter of the plan's measures (四)(五)(六): translated in this app's catalogue.
CHAPTER = gettext_noop("二、政府职能")


class CatalogsConfig(AppConfig):
    name = "fazhi.catalogs"
    label = "catalogs"
    verbose_name = _("清单管理")
    # The app's only API is public (open data): mounted at /api/public/catalogs.
    api_prefix = "/public/catalogs"
    navigation = [
        {
            "label": _("清单版本"),
            "url": "catalogs:version_list",
            "chapter": CHAPTER,
            "order": 15,
            "icon": "list-check",
            "perm": "catalogs.view",
        },
        {
            "label": _("权力事项"),
            "url": "catalogs:power_list",
            "chapter": CHAPTER,
            "order": 16,
            "icon": "diagram-3",
            "perm": "catalogs.view",
        },
        {
            "label": _("审批事项压减目标"),
            "url": "catalogs:targets",
            "chapter": CHAPTER,
            "order": 17,
            "icon": "graph-down-arrow",
            "perm": "catalogs.view",
        },
    ]
    public_navigation = [
        {
            "label": _("清单公开"),
            "url": "portal:catalogs:browse",
            "order": 5,
            "icon": "list-ul",
            "description": _("权责清单、审批事项、收费、中介服务、证明事项等清单"),
        },
    ]
