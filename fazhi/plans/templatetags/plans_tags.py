from django import template
from django.utils.text import Truncator
from django.utils.translation import gettext

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


@register.filter
def unit_line(line: str) -> str:
    """'牵头单位:县司法局' from a revision diff, with the role in the interface language."""
    from fazhi.plans.choices import OwnerRole
    from fazhi.plans.revision import ROLE_KEYS

    by_key = {
        "lead_units": OwnerRole.LEAD,
        "participating_units": OwnerRole.PARTICIPATING,
        "responsible_units": OwnerRole.RESPONSIBLE,
    }
    roles = {label: by_key[key] for key, label in ROLE_KEYS.items()}
    label, sep, name = line.partition(":")
    if not sep or label not in roles:
        return line
    return gettext("%(role)s:%(unit)s") % {"role": roles[label].label, "unit": name}


@register.simple_tag
def target_source_url(target) -> str:
    """The page behind a target's computed value, for the year `selectors.target_rows` reads."""
    from fazhi.core import dates
    from fazhi.plans.indicators import indicator_url

    if not target.indicator_key:
        return ""
    year = dates.today().year
    if target.due_on:
        year = min(year, target.due_on.year)
    return indicator_url(target.indicator_key, year)
