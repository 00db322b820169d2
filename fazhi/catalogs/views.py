"""Office pages: versions, a version with its items and actions, the diff, import, targets."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from fazhi.core import dates
from fazhi.core.errors import ApplicationError, NotFound
from fazhi.core.pages import Action, Col, Link, ObjectDetailView, ObjectListView
from fazhi.core.scoping import region_prefix, user_region

from . import forms, selectors, services, targets
from .checks import RULES
from .choices import CatalogKind, VersionStatus
from .filters import ItemFilter, VersionFilter
from .kinds import KINDS
from .models import CatalogVersion

ITEMS_PER_PAGE = 100
FIGURE_LABELS = {
    "reduction": gettext_noop("压减比例"),
    "time": gettext_noop("承诺时限较法定时限平均压缩"),
    "promise": gettext_noop("告知承诺事项占比"),
}


def _power_url(item) -> str:
    return reverse("catalogs:power_detail", args=[item.pk])


class VersionList(ObjectListView):
    permission = "catalogs.view"
    selector = staticmethod(selectors.version_list)
    filterset = VersionFilter
    title = gettext_lazy("清单版本")
    export_name = gettext_lazy("清单版本")
    default_sort = "-year"
    columns = [
        Col("body.name", gettext_lazy("编制单位"), link=True, sort="body__name"),
        Col("kind", gettext_lazy("清单类别"), value=lambda v: v.get_kind_display()),
        Col("year", gettext_lazy("年度"), value=lambda v: v.label, sort="year"),
        Col("status", gettext_lazy("状态"), value=lambda v: v.get_status_display()),
        Col("item_count", gettext_lazy("事项数")),
        Col("published_on", gettext_lazy("发布日期")),
    ]
    links = [
        Link(gettext_lazy("导入Excel"), "catalogs:import", "catalogs.draft_version", "upload"),
        Link(gettext_lazy("列名对照"), "catalogs:mapping", "catalogs.draft_version", "table"),
    ]


class PowerItemList(ObjectListView):
    """Penalty and inspection powers of published power lists (what enforcement matters cite)."""

    permission = "catalogs.view"
    selector = staticmethod(selectors.power_items)
    filterset = ItemFilter
    title = gettext_lazy("行政处罚和行政检查权力事项")
    export_name = gettext_lazy("权力事项")
    default_sort = "code"
    columns = [
        Col("code", gettext_lazy("事项编码"), link=_power_url),
        Col("name", gettext_lazy("事项名称")),
        Col("power_kind", gettext_lazy("权力类型"), value=lambda i: i.get_power_kind_display()),
        Col("catalog.body.name", gettext_lazy("编制单位"), sort="catalog__body__name"),
        Col("catalog.year", gettext_lazy("年度"), sort="catalog__year"),
        Col("basis", gettext_lazy("设定依据"), sort=False, css="small"),
    ]


def item_columns(kind: str) -> list[Col]:
    """A kind's own fields as columns: a version's items, the items behind a figure."""
    return [
        Col(f, _(KINDS[kind].label(f)), value=lambda i: i.get_power_kind_display(), sort=f)
        if f == "power_kind"
        else Col(f, _(KINDS[kind].label(f)))
        for f in KINDS[kind].fields
    ]


def item_table(items, kind: str) -> dict:
    """Rows of display values for a kind's own fields."""
    columns = item_columns(kind)
    return {
        "item_columns": [c.label for c in columns],
        "item_rows": [(item, [c.text(item) for c in columns]) for item in items],
    }


class VersionDetail(ObjectDetailView):
    permission = "catalogs.view"
    selector = staticmethod(selectors.version_get_for_user)
    template_name = "catalogs/version_detail.html"
    action_target = "catalog_id"
    actions = [
        Action(
            "check",
            gettext_lazy("合法性审核通过"),
            forms.CheckForm,
            services.version_check,
            perm="catalogs.check_version",
            success=gettext_lazy("已审核通过"),
        ),
        Action(
            "approve",
            gettext_lazy("批准"),
            forms.ApproveForm,
            services.version_approve,
            perm="catalogs.approve_version",
            success=gettext_lazy("已批准"),
        ),
        Action(
            "publish",
            gettext_lazy("发布"),
            forms.PublishForm,
            services.version_publish,
            perm="catalogs.publish_version",
            success=gettext_lazy("已发布,清单向社会公开"),
            confirm=gettext_lazy("发布后清单不能再修改,确定发布?"),
        ),
        Action(
            "return",
            gettext_lazy("退回修改"),
            forms.ReturnForm,
            services.version_return,
            perm="catalogs.check_version",
            success=gettext_lazy("已退回修改,清单回到草稿状态"),
        ),
        Action(
            "reason",
            gettext_lazy("填写变更理由"),
            forms.ReasonForm,
            services.version_set_reason,
            perm="catalogs.draft_version",
            success=gettext_lazy("已记录变更理由"),
        ),
        Action(
            "baseline",
            gettext_lazy("设为压减基数"),
            forms.BaselineForm,
            services.version_set_baseline,
            perm="catalogs.approve_version",
            success=gettext_lazy("已设为压减基数"),
        ),
    ]

    def bound_actions(self, request, obj, posted=None):
        """The steps the version's status allows (`services.STEPS`), and the one just posted.

        A step posted in another status is not refused here but by its service, which says
        why (a published list never changes; the check comes before approval …)."""
        out = super().bound_actions(request, obj, posted)
        return {
            name: bound
            for name, bound in out.items()
            if (posted is not None and posted.action.name == name) or self.offered(name, obj)
        }

    @staticmethod
    def offered(name: str, obj) -> bool:
        if obj.status not in services.STEPS[name]:
            return False
        return name != "baseline" or (obj.kind == CatalogKind.APPROVAL and not obj.is_baseline)

    def extra_context(self, request, obj):
        qs = obj.items.order_by("position", "id")
        query = request.GET.get("q", "").strip()[:64]
        if query:
            qs = qs.filter(Q(name__icontains=query) | Q(code__icontains=query))
        page = Paginator(qs, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
        findings = [] if obj.status == VersionStatus.PUBLISHED else selectors.version_findings(obj)
        delta = selectors.version_diff(obj)
        return {
            "page": page,
            "query": query,
            "findings": [(f, _(RULES[f.rule])) for f in findings],
            "delta": delta,
            "list_url": reverse("catalogs:version_list"),
            **item_table(page.object_list, obj.kind),
        }


@login_required
@permission_required("catalogs.view", raise_exception=True)
def version_diff(request, pk: int):
    """This version against the previous one, or against `?against=<id>` of the same list."""
    later = selectors.version_get_for_user(user=request.user, id=pk)
    against = request.GET.get("against")
    if against:
        earlier = selectors.version_get_for_user(user=request.user, id=against)
    elif later.previous_id:
        earlier = later.previous
    else:
        earlier = None
    error = delta = None
    if earlier is not None:
        try:
            delta = selectors.compare(earlier, later)
        except ApplicationError as exc:
            error = exc.message
    others = (
        selectors.version_list(user=request.user)
        .filter(body_id=later.body_id, kind=later.kind)
        .exclude(pk=later.pk)
    )
    spec = KINDS[later.kind]
    labels = {f: _(spec.label(f)) for f in spec.fields}
    changed = []
    if delta:
        for change in delta.changed:
            fields = [(labels.get(f, f), a, b) for f, (a, b) in change.fields.items()]
            changed.append((change, fields))
    return render(
        request,
        "catalogs/diff.html",
        {
            "object": later,
            "earlier": earlier,
            "delta": delta,
            "changed": changed,
            "error": error,
            "others": others,
        },
    )


def _target_region(request) -> str | None:
    """`?region=` within the user's own region (published figures, but read per tenant)."""
    own = user_region(request.user)
    asked = (request.GET.get("region") or "").strip()
    if not (asked.isdigit() and len(asked) == 6):
        return own
    if own is None:
        return asked if request.user.is_superuser else None
    return asked if asked.startswith(region_prefix(own)) else own


@login_required
@permission_required("catalogs.view", raise_exception=True)
def target_overview(request):
    """Measure (五)'s figures per body, per county and in total, linked to the items behind them."""
    year, region = dates.requested_year(request.GET.get("year")), _target_region(request)
    rows, total = targets.approval_figures(year=year, region=region)
    counties = targets.county_figures(year=year, region=region)
    # The figures count every body's published list; a user links only to the lists they see.
    shown = {v.pk for r in rows for v in (r.current, r.baseline) if v is not None}
    visible = set(
        CatalogVersion.objects.visible_to(request.user)
        .filter(pk__in=shown)
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "catalogs/targets.html",
        {
            "rows": rows,
            "total": total,
            "counties": counties if len(counties) > 1 else [],
            "year": year,
            "region": region or "",
            "visible": visible,
        },
    )


class TargetItemList(ObjectListView):
    """The items one body's figure is computed over: `?version=…&figure=time|promise|reduction`,
    in the list's order, the kind's own fields as columns."""

    permission = "catalogs.view"
    template_name = "catalogs/target_items.html"
    per_page = ITEMS_PER_PAGE
    default_sort = "position"

    def get(self, request, *args, **kwargs):
        self.figure = request.GET.get("figure", "")
        if self.figure not in targets.FIGURES:
            raise Http404(_("没有这项指标"))
        try:
            self.version = selectors.version_get_for_user(
                user=request.user, id=request.GET.get("version")
            )
        except (NotFound, ValueError, TypeError) as exc:
            raise Http404(_("清单版本不存在")) from exc
        self.title = self.export_name = _(FIGURE_LABELS[self.figure])
        self.columns = item_columns(self.version.kind)
        return super().get(request, *args, **kwargs)

    def get_queryset(self, request):
        return targets.figure_items(version=self.version, figure=self.figure)

    def sortable(self) -> dict[str, str]:
        return {"position": "position", **super().sortable()}

    def extra_context(self, request, listing):
        return {"version": self.version, "figure": self.figure}


@login_required
@permission_required("catalogs.view", raise_exception=True)
def power_detail(request, pk: int):
    """A power item with its history, and the enforcement matters and penalty cases citing it
    (read from enforcement): a matter whose item left the list in force is flagged."""
    item = selectors.power_item_get_for_user(user=request.user, id=pk)
    matters, cases = selectors.power_item_uses(user=request.user, item=item)
    table = item_table([item], item.catalog.kind)
    return render(
        request,
        "catalogs/power_detail.html",
        {
            "item": item,
            "fields": list(zip(table["item_columns"], table["item_rows"][0][1], strict=True)),
            "history": selectors.item_history(catalog=item.catalog, code=item.code),
            "matters": matters,
            "cases": cases,
        },
    )
