"""The base of every Fazhi app's AppConfig and the shapes of its sidebar entries and portal cards.

Import the module, not the class, in an `apps.py` (`class XConfig(appconfig.FazhiConfig)`):
Django picks an app's config as the one AppConfig subclass its `apps.py` holds.
"""

from django.apps import AppConfig


def nav(label, url: str, order: float, icon: str, *, perm: str = "", chapter=None) -> dict:
    """A sidebar entry (`AppConfig.navigation`): URL name, place, bootstrap icon, permission;
    under the app's `chapter` unless it names another."""
    entry = {"label": label, "url": url, "order": order, "icon": icon}
    if perm:
        entry["perm"] = perm
    if chapter is not None:
        entry["chapter"] = chapter
    return entry


def card(label, url: str, order: float, icon: str, *, description) -> dict:
    """A portal card (`AppConfig.public_navigation`)."""
    return {"label": label, "url": url, "order": order, "icon": icon, "description": description}


class FazhiConfig(AppConfig):
    """Every Fazhi app's config: sidebar entries (`nav`) and portal cards (`card`), declared once.

    `chapter` is the plan's chapter the app's sidebar entries sit under (core translates it);
    `url_prefix` / `api_prefix` move its pages and API (`core.discovery`).
    """

    chapter = ""
    navigation: list[dict] = []
    public_navigation: list[dict] = []

    def __init__(self, app_name, app_module):
        super().__init__(app_name, app_module)
        self.navigation = [{"chapter": self.chapter, **entry} for entry in self.navigation]
