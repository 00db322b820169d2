from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import appconfig
from .appconfig import nav


def _sync_periods(sender, **kwargs) -> None:
    from . import periods

    periods.sync()


class CoreConfig(appconfig.FazhiConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = _("基础")
    chapter = _("基础")
    navigation = [
        nav(_("单位名录"), "core:unit_list", 90, "diagram-3"),
        nav(
            pgettext_lazy("periods", "法定期限"),
            "core:period_list",
            92,
            "calendar2-week",
            perm="core.view_periods",
        ),
        nav(_("审计记录"), "core:audit_list", 91, "shield-check", perm="core.view_audit"),
    ]

    def ready(self) -> None:
        # Once per migrate, after every app's tables exist.
        post_migrate.connect(_sync_periods, sender=self, dispatch_uid="core.sync_periods")
        from . import files, pagecache, signals

        files.connect()
        signals.connect()
        pagecache.connect()
