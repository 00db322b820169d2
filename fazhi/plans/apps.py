from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "fazhi.plans"
    label = "plans"
    verbose_name = _("实施方案督办")
    # Sidebar entries: {"label", "url" (URL name), "chapter", "order", "icon", "perm" (optional)}
    navigation: list[dict] = []
