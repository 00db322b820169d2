"""Template helpers of the enforcement pages."""

from django import template

register = template.Library()

# Data, not interface text: every unit of the county is named 天镇县…; short names drop it.
COUNTY_PREFIX = "天镇县"


@register.filter
def short_unit(name: str) -> str:
    """A unit's name without the county prefix (天镇县市场监督管理局 → 市场监督管理局)."""
    return (name or "").replace(COUNTY_PREFIX, "")
