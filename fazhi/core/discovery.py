"""Which Fazhi apps are installed and which of the conventional modules each one has.

Every loop over apps (URLs, API routers, public pages, demo data, periods) goes through here,
so a new app is found by being in INSTALLED_APPS, never by editing a list.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule


def fazhi_apps() -> list[AppConfig]:
    """Fazhi's own apps, in INSTALLED_APPS order (core first, portal last)."""
    return [c for c in apps.get_app_configs() if c.name.startswith("fazhi.")]


def app_modules(name: str) -> list[tuple[AppConfig, ModuleType]]:
    """Each app's `<app>.<name>` module, where it has one (an import error inside it is raised)."""
    found = []
    for config in fazhi_apps():
        if module_has_submodule(config.module, name):
            found.append((config, import_module(f"{config.name}.{name}")))
    return found
