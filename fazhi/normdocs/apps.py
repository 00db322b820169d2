from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NormdocsConfig(AppConfig):
    name = "fazhi.normdocs"
    label = "normdocs"
    verbose_name = _("行政规范性文件")
    # Sidebar entries: {"label", "url" (URL name), "chapter", "order", "icon", "perm" (optional)}
    navigation: list[dict] = []
