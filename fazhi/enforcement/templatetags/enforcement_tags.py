"""Template helpers of the enforcement pages."""

from django import template

from fazhi.core.names import local_name

register = template.Library()


@register.filter
def short_unit(unit) -> str:
    """A unit's name without its own region's (天镇县市场监督管理局 → 市场监督管理局, 阳高县… the
    same, 大同市市场监督管理局 → 市场监督管理局): `core.names.local_name`."""
    if unit is None:
        return ""
    return local_name(unit.name, unit.region)
