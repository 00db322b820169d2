"""What every list page does: sort by a whitelisted column, paginate, keep the query string."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


@dataclass
class Listing:
    page: Page
    sort: str
    querystring: str  # current filters without page/sort, for links

    @property
    def rows(self):
        return self.page.object_list


def listing(
    request, qs: QuerySet, *, sortable: dict[str, str], default_sort: str, per_page: int = 50
) -> Listing:
    """`sortable` maps a public column key to an ORM field; `-key` sorts descending."""
    sort = request.GET.get("sort", default_sort)
    key = sort.lstrip("-")
    if key not in sortable:
        sort, key = default_sort, default_sort.lstrip("-")
    field = sortable[key]
    qs = qs.order_by(("-" if sort.startswith("-") else "") + field, "pk")
    paginator = Paginator(qs, per_page)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("sort", None)
    return Listing(page=page, sort=sort, querystring=params.urlencode())
