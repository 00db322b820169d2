"""The public catalog pages: browse every published list, an item's history, open-data downloads.

The exemption list (免罚清单, enforcement) and the adjudication catalogue (disputes) are shown
here read from their own apps, not copied.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from fazhi.core import dates
from fazhi.core.excel import workbook_response
from fazhi.core.models import OrgUnit, Region
from fazhi.core.scoping import region_q

from . import exporting, selectors
from .choices import CatalogKind, VersionStatus
from .filters import ItemFilter
from .kinds import KINDS
from .models import CatalogItem, CatalogVersion
from .views import item_table

PER_PAGE = 50
BODY_OPTIONS = 300  # more bodies than this (a province): choose the county first
VERSION_ROWS = 100


@dataclass(frozen=True)
class Window:
    """One page of items without counting them all (a COUNT over millions of rows is the cost)."""

    rows: list
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.rows)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next


def _window(qs, raw_page) -> Window:
    try:
        number = max(1, min(int(raw_page or 1), 10_000))
    except ValueError:
        number = 1
    start = (number - 1) * PER_PAGE
    rows = list(qs[start : start + PER_PAGE + 1])
    return Window(rows[:PER_PAGE], number, len(rows) > PER_PAGE)


def _int(raw) -> int | None:
    try:
        return int(raw or 0) or None
    except ValueError:
        return None


@require_GET
def browse(request):
    """Published lists in force in a year, by county, body, kind and keyword."""
    year = dates.requested_year(request.GET.get("year"))
    kind = request.GET.get("kind", "")
    kind = kind if kind in CatalogKind.values else ""
    region = request.GET.get("region", "")
    region = region if region.isdigit() and len(region) == 6 else ""
    body_id = _int(request.GET.get("body"))
    versions = selectors.in_force_versions(
        on=selectors.end_of(year), kind=kind or None, body_id=body_id, region=region or None
    )
    query = request.GET.get("q", "").strip()[:64]
    items = (
        ItemFilter(
            {"q": query}, queryset=CatalogItem.objects.filter(catalog__in=versions.values("pk"))
        )
        .qs.select_related("catalog__body")
        .order_by("catalog_id", "position", "id")
    )
    page = _window(items, request.GET.get("page"))
    listed = OrgUnit.objects.filter(
        Exists(CatalogVersion.objects.filter(body=OuterRef("pk"), status=VersionStatus.PUBLISHED))
    )
    counties = Region.objects.filter(Exists(listed.filter(region=OuterRef("pk")))).order_by("code")
    if region:
        listed = listed.filter(region_q("region_id", region))
    bodies = list(listed.order_by("name").only("id", "name")[: BODY_OPTIONS + 1])
    shown = list(versions.order_by("body__name", "kind")[: VERSION_ROWS + 1])
    return render(
        request,
        "catalogs/public/browse.html",
        {
            "page": page,
            "versions": shown[:VERSION_ROWS],
            "more_versions": len(shown) > VERSION_ROWS,
            "bodies": bodies if len(bodies) <= BODY_OPTIONS else [],
            "choose_county": len(bodies) > BODY_OPTIONS,
            "counties": counties,
            "kinds": CatalogKind.choices,
            "year": year,
            "kind": kind,
            "region": region,
            "body_id": body_id,
            "query": query,
        },
    )


@require_GET
def item_detail(request, pk: int):
    item = (
        CatalogItem.objects.filter(pk=pk, catalog__status="published")
        .select_related("catalog__body")
        .first()
    )
    if item is None:
        raise Http404(_("事项不存在或尚未发布"))
    history = selectors.item_history(catalog=item.catalog, code=item.code)
    table = item_table([item], item.catalog.kind)
    fields = list(zip(table["item_columns"], table["item_rows"][0][1], strict=True))
    return render(
        request,
        "catalogs/public/item.html",
        {"item": item, "fields": fields, "history": history},
    )


@require_GET
def download(request, pk: int, fmt: str):
    version = selectors.published().filter(pk=pk).first()
    if version is None or fmt not in ("csv", "json", "xlsx"):
        raise Http404(_("清单不存在或尚未发布"))
    fields = KINDS[version.kind].fields
    rows = selectors.item_rows(version)
    name = f"{version.kind}-{version.body_id}-{version.label}"
    if fmt == "xlsx":
        book = exporting.workbook([(version.kind, rows, {})])
        return workbook_response(book, f"{name}.xlsx")
    if fmt == "json":
        payload = {
            "body": version.body.name,
            "body_id": version.body_id,
            "kind": version.kind,
            "year": version.year,
            "sequence": version.sequence,
            "adjustment_reason": version.adjustment_reason,
            "published_on": version.published_on.isoformat() if version.published_on else None,
            "items": [{f: r[f] for f in fields} for r in rows],
        }
        response = HttpResponse(
            json.dumps(payload, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the BOM
        writer = csv.writer(response)
        writer.writerow([KINDS[version.kind].column(f) for f in fields])
        for r in rows:
            writer.writerow([exporting.safe("" if r[f] is None else str(r[f])) for f in fields])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_GET
def exemptions(request):
    """The exemption and lighter-penalty lists, as the enforcement app keeps them."""
    from fazhi.enforcement.models import Exemption

    rows = (
        Exemption.objects.filter(standard__is_active=True)
        .select_related("standard__body__unit")
        .order_by("standard__code", "kind")
    )
    return render(request, "catalogs/public/exemptions.html", {"rows": rows})


@require_GET
def adjudications(request):
    """The adjudication catalogue, as the disputes app keeps it."""
    from fazhi.disputes.models import AdjudicationItem

    rows = AdjudicationItem.objects.filter(is_active=True).select_related("unit")
    return render(request, "catalogs/public/adjudications.html", {"rows": rows})
