from functools import lru_cache

from django.apps import apps
from django.core.signals import setting_changed
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.translation import get_language, gettext, gettext_noop

# The sidebar groups the apps' entries under short titles of the plan's chapters. Apps name a
# chapter by its Chinese title; the titles are listed here so that the English heading is the same
# whichever app declares it (the translation is looked up at request time, below).
CHAPTERS = (
    gettext_noop("基础"),
    gettext_noop("二、政府职能"),
    gettext_noop("三、行政决策"),
    gettext_noop("四、行政执法"),
    gettext_noop("六、纠纷化解"),
    gettext_noop("九、推进机制"),
)


def _translated(entry: dict, *keys: str) -> dict:
    """The entry with its texts in the current language (apps may declare them plain or lazy)."""
    return {**entry, **{k: gettext(str(entry[k])) for k in keys if entry.get(k)}}


def _nav_items() -> list[dict]:
    """The entries in the current language (a fresh copy: `navigation` marks the active one)."""
    return [dict(e) for e in _nav_entries(get_language() or "", get_script_prefix())]


@lru_cache(maxsize=16)
def _nav_entries(language: str, script_prefix: str) -> tuple[dict, ...]:
    # Every page asks; the declarations and the URL patterns are fixed for the process.
    items = []
    for config in apps.get_app_configs():
        for entry in getattr(config, "navigation", ()):
            try:
                url = reverse(entry["url"])
            except NoReverseMatch:
                continue
            items.append({**_translated(entry, "label", "chapter"), "href": url})
    # A chapter's entries stay together (the sidebar prints a heading where the chapter changes),
    # where its first entry's order puts them.
    first: dict = {}
    for e in items:
        first[e.get("chapter")] = min(first.get(e.get("chapter"), 99), e.get("order", 99))
    return tuple(
        sorted(items, key=lambda e: (first[e.get("chapter")], e.get("order", 99), e["label"]))
    )


def _forget_navigation(*, setting, **kwargs) -> None:
    if setting in ("ROOT_URLCONF", "INSTALLED_APPS"):
        _nav_entries.cache_clear()


setting_changed.connect(_forget_navigation, dispatch_uid="core.navigation")


def navigation(request):
    """Navigation entries that apps declare on their AppConfig (`navigation = [...]`)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": []}
    items = [e for e in _nav_items() if not e.get("perm") or request.user.has_perm(e["perm"])]
    # Only the longest matching entry is lit, so /plans/ does not light up on /plans/tasks/.
    matches = [e for e in items if e["href"] != "/" and request.path.startswith(e["href"])]
    current = max(matches, key=lambda e: len(e["href"]), default=None)
    for item in items:
        item["active"] = item is current
    return {"nav_items": items, "header_templates": _header_templates()}


def _header_templates() -> list[str]:
    """Header pieces apps declare (`AppConfig.header_template`), e.g. the notification bell."""
    from fazhi.core.discovery import fazhi_apps

    return [c.header_template for c in fazhi_apps() if getattr(c, "header_template", "")]


def public_navigation(request):
    if not request.path.startswith("/public/"):
        return {}
    from fazhi.portal.views import public_sections

    return {"public_sections": public_sections()}
