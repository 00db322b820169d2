from django.apps import apps
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET


def public_sections() -> list[dict]:
    """Public entries that apps declare on their AppConfig (`public_navigation = [...]`)."""
    sections = []
    for config in apps.get_app_configs():
        for entry in getattr(config, "public_navigation", ()):
            try:
                sections.append({**entry, "href": reverse(entry["url"])})
            except NoReverseMatch:
                continue
    return sorted(sections, key=lambda e: e.get("order", 99))


@require_GET
def index(request):
    return render(request, "portal/index.html", {"sections": public_sections()})
