import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import dates

register = template.Library()


@register.filter
def days_left(value) -> str:
    """'还剩 5 天' / '今天到期' / '已逾期 3 天' beside every deadline."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    days = (value - dates.today()).days
    if days > 0:
        return ngettext("还剩 %(days)s 天", "还剩 %(days)s 天", days) % {"days": days}
    if days == 0:
        return _("今天到期")
    return ngettext("已逾期 %(days)s 天", "已逾期 %(days)s 天", -days) % {"days": -days}


@register.simple_tag
def deadline_badge(value, done: bool = False, provisional: bool = False):
    """Colour by urgency: overdue red, within 15 days amber, done green."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    days = (value - dates.today()).days
    css = (
        "success"
        if done
        else "danger"
        if days < 0
        else "warning text-dark"
        if days <= 15
        else "secondary"
    )
    text = _("已完成") if done else days_left(value)
    extra = (
        format_html(
            ' <span class="badge text-bg-light border" title="{}">{}</span>',
            _("该年度节假日数据缺失,期限按双休日推算"),
            _("暂定"),
        )
        if provisional
        else ""
    )
    return format_html('<span class="badge text-bg-{}">{}</span>{}', css, text, extra)


@register.simple_tag(takes_context=True)
def sort_link(context, key: str, label: str):
    """A column header that toggles sorting, keeping the filters."""
    listing = context.get("listing")
    current = listing.sort if listing else ""
    new = f"-{key}" if current == key else key
    arrow = " ▲" if current == key else " ▼" if current == f"-{key}" else ""
    qs = listing.querystring if listing else ""
    href = f"?{qs + '&' if qs else ''}sort={new}"
    return format_html(
        '<a class="text-decoration-none text-reset" href="{}">{}{}</a>', href, label, arrow
    )


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    listing = context.get("listing")
    parts = [listing.querystring] if listing and listing.querystring else []
    if listing:
        parts.append(f"sort={listing.sort}")
    parts.append(f"page={number}")
    return "?" + "&".join(parts)
