import json
from functools import cache

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import selectors
from .choices import UnitKind
from .discovery import app_modules
from .errors import PermissionDenied
from .excel import table_response
from .listing import listing
from .pagecache import cached_page


@require_GET
@login_required
def home(request):
    """The first page after login: the plan dashboard when the plans app serves one."""
    try:
        return redirect(reverse("plans:dashboard"))
    except NoReverseMatch:
        return render(request, "core/home.html")


@require_GET
@login_required
@cached_page
def unit_list(request):
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    qs = selectors.unit_list(
        user=request.user, query=query, kind=kind if kind in UnitKind.values else ""
    )
    if request.GET.get("format") == "xlsx":
        # A plain listing, read by people only (the directory is loaded from JSON, never from this
        # file), so it follows the interface language.
        separator = _("、")
        rows = (
            (
                u.name,
                u.get_kind_display(),
                separator.join(a.name for a in u.aliases.all()),
                separator.join(g.name for g in u.groups.all()),
            )
            for u in qs.order_by("kind", "name")
        )
        title = _("单位名录")
        headers = [_("单位全称"), _("类别"), _("简称/别名"), _("所属群组")]
        return table_response(title, headers, rows, f"{title}.xlsx")
    page = listing(
        request, qs, sortable={"name": "name", "kind": "kind"}, default_sort="kind", per_page=50
    )
    template = (
        "core/partials/unit_table.html"
        if request.headers.get("HX-Request")
        else "core/unit_list.html"
    )
    return render(
        request,
        template,
        {
            "listing": page,
            "q": query,
            "kind": kind,
            "kinds": UnitKind.choices,
            "groups": selectors.group_list(user=request.user),
        },
    )


@require_GET
@login_required
def unit_detail(request, unit_id: int):
    unit = selectors.unit_get_for_user(user=request.user, unit_id=unit_id)
    return render(request, "core/unit_detail.html", {"unit": unit})


@require_GET
@login_required
def audit_list(request):
    try:
        qs = selectors.audit_trail(
            user=request.user,
            object_type=request.GET.get("object_type", "")[:64],
            object_id=request.GET.get("object_id", "")[:64],
            actor=request.GET.get("actor", "")[:64],
        )
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(exc.message) from exc
    page = listing(
        request, qs.select_related(None), sortable={"seq": "seq"}, default_sort="-seq", per_page=50
    )
    labels = action_labels()
    rows = [
        {"event": e, "label": labels.get(e.action, ""), "changes": changes(e)} for e in page.rows
    ]
    return render(
        request, "core/audit_list.html", {"listing": page, "rows": rows, "filters": request.GET}
    )


@cache
def action_labels() -> dict[str, str]:
    """What each audit action is called: the labels of every app's `events.Event`."""
    found: dict[str, str] = {}
    for _config, module in app_modules("events"):
        found.update(module.Event.choices)
    return found


def _field_label(object_type: str, name: str) -> str:
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return name
    for field in model._meta.concrete_fields:
        if name in (field.name, field.attname):
            return str(field.verbose_name)
    try:
        return str(model._meta.get_field(name).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return name


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def changes(event) -> list[dict]:
    """The event's before/after as rows of a table: field, value before, value after."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    names = [*before, *(k for k in after if k not in before)]
    return [
        {
            "field": _field_label(event.object_type, name),
            "before": _shown(before.get(name)),
            "after": _shown(after.get(name)),
            "changed": name in before,
        }
        for name in names
    ]
