from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from fazhi.core import appconfig
from fazhi.core.appconfig import card, nav

# The sidebar chapter of the plan's measures (四)(五)(六): translated in this app's catalogue.
CHAPTER = gettext_noop("二、政府职能")


class CatalogsConfig(appconfig.FazhiConfig):
    name = "fazhi.catalogs"
    label = "catalogs"
    verbose_name = _("清单管理")
    chapter = CHAPTER
    # The app's only API is public (open data): mounted at /api/public/catalogs.
    api_prefix = "/public/catalogs"
    navigation = [
        nav(_("清单版本"), "catalogs:version_list", 15, "list-check", perm="catalogs.view"),
        nav(_("权力事项"), "catalogs:power_list", 16, "diagram-3", perm="catalogs.view"),
        nav(
            _("审批事项压减目标"), "catalogs:targets", 17, "graph-down-arrow", perm="catalogs.view"
        ),
    ]
    public_navigation = [
        card(
            _("清单公开"),
            "portal:catalogs:browse",
            5,
            "list-ul",
            description=_("权责清单、审批事项、收费、中介服务、证明事项等清单"),
        ),
    ]
