"""The name of the region the installation serves, for the titles of the portal and sign-in."""

from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language


def installation(request):
    english = settings.FAZHI_REGION_NAME_EN
    if english and (get_language() or "").startswith("en"):
        return {"installation_region_html": english}
    # The Chinese name is data in every interface language; pages mark it so.
    name = settings.FAZHI_REGION_NAME
    return {"installation_region_html": format_html('<span lang="zh-hans">{}</span>', name)}
