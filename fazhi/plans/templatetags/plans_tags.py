from django import template
from django.utils.text import Truncator

from fazhi.plans.numbers import chinese_number

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ counts|get_item:status }}`: a dict lookup by a variable key."""
    if mapping is None:
        return None
    return mapping.get(str(key.value) if hasattr(key, "value") else key)


@register.filter
def cn_number(value) -> str:
    """19 → 十九, for measure and chapter numbers in a draft."""
    return chinese_number(int(value)) if str(value).isdigit() else str(value)


@register.filter
def chapter_heading(chapter, length=22) -> str:
    """九、推进机制: the chapter as the plan numbers it (data, Chinese), title truncated."""
    return f"{chapter.label}、{Truncator(chapter.title).chars(int(length))}"
