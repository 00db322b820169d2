from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "fazhi.disputes"
    label = "disputes"
    verbose_name = _("矛盾纠纷化解")
    # Sidebar entries: {"label", "url" (URL name), "chapter", "order", "icon", "perm" (optional)}
    navigation: list[dict] = []
