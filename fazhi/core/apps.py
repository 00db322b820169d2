from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def _sync_periods(sender, **kwargs) -> None:
    from . import periods

    periods.sync()


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
            "label": pgettext_lazy("periods", "法定期限"),
            "url": "core:period_list",
            "chapter": _("基础"),
            "order": 92,
            "icon": "calendar2-week",
            "perm": "core.view_periods",
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

    def ready(self) -> None:
        # Once per migrate, after every app's tables exist.
        post_migrate.connect(_sync_periods, sender=self, dispatch_uid="core.sync_periods")
        from . import files, pagecache, signals

        files.connect()
        signals.connect()
        pagecache.connect()
