from django.apps import apps
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET


def public_sections() -> list[dict]:
    """Public entries that apps declare on their AppConfig (`public_navigation = [...]`).

    Labels and descriptions are looked up in the current language here, at request time, so an app
    may declare them as plain Chinese or lazily translated strings.
    """
    sections = []
    for config in apps.get_app_configs():
        for entry in getattr(config, "public_navigation", ()):
            try:
                href = reverse(entry["url"])
            except NoReverseMatch:
                continue
            texts = {k: gettext(str(entry[k])) for k in ("label", "description") if entry.get(k)}
            sections.append({**entry, **texts, "href": href})
    return sorted(sections, key=lambda e: e.get("order", 99))


@require_GET
def index(request):
    return render(request, "portal/index.html", {"sections": public_sections()})
