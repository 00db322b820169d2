"""Presentation helpers: status words and colours, rule names."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from ..choices import Status
from ..review_rules import RULE_LABELS

register = template.Library()

_COLOURS = {
    Status.DRAFT: "secondary",
    Status.PENDING: "info text-dark",
    Status.IN_FORCE: "success",
    Status.EXPIRING: "warning text-dark",
    Status.EXPIRED: "dark",
    Status.AMENDED: "primary",
    Status.REPEALED: "danger",
}


@register.simple_tag
def status_badge(value: str):
    if value not in Status.values:
        return ""
    return format_html(
        '<span class="badge text-bg-{}">{}</span>', _COLOURS[value], Status(value).label
    )


@register.filter
def rule_label(rule: str) -> str:
    return gettext(RULE_LABELS[rule]) if rule in RULE_LABELS else rule
