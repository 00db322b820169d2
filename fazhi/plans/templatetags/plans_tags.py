from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ counts|get_item:status }}`: a dict lookup by a variable key."""
    if mapping is None:
        return None
    return mapping.get(str(key.value) if hasattr(key, "value") else key)
