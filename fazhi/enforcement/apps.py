from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = _("行政执法")
    # Sidebar entries: {"label", "url" (URL name), "chapter", "order", "icon", "perm" (optional)}
    navigation: list[dict] = []
