from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import selectors
from .choices import UnitKind
from .errors import PermissionDenied
from .excel import table_response
from .listing import listing


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
    return render(request, "core/audit_list.html", {"listing": page, "filters": request.GET})
