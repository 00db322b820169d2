"""The public API (open data, no sign-in), mounted at /api/public/catalogs (`api_prefix`).

GET /api/public/catalogs?body=…&kind=…&year=…        items of the version in force at year end
GET /api/public/catalogs/diff?kind=…&body=…&from=YYYY&to=YYYY   added/removed/changed, ratio

"In force at the end of a year": of the versions published on or before 31 December, the
latest by year and adjustment (a list adjusted within the year, 2025-2, replaces 2025).
"""

from __future__ import annotations

from ninja import Query, Router
from ninja.pagination import PageNumberPagination, paginate

from . import selectors
from .schemas import DiffOut, ItemOut

router = Router(tags=["清单公开"], auth=None)
PAGE_SIZE = 100


@router.get("", response=list[ItemOut])
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def items(
    request,
    body: str = Query(..., max_length=128),
    kind: str = Query(..., max_length=16),
    year: int = Query(..., ge=2000, le=2100),
):
    """Items of the body's published list of `kind` in force at the end of `year`.

    `body`: unit id or full name. The version returned is, of those published on or before
    31 December of `year`, the latest by year and adjustment: when the list was adjusted within
    the year (2025-2 after 2025, see `sequence`), the last adjustment published by then.
    """
    unit = selectors.find_body(body)
    version = selectors.published_version(body=unit, kind=selectors.find_kind(kind), year=year)
    return version.items.select_related("catalog__body").order_by("position", "id")


@router.get("/diff", response=DiffOut)
def diff(
    request,
    kind: str = Query(..., max_length=16),
    body: str = Query(..., max_length=128),
    from_year: int = Query(..., alias="from", ge=2000, le=2100),
    to_year: int = Query(..., alias="to", ge=2000, le=2100),
):
    """The diff between the versions in force at the end of `from` and of `to` (as the items
    endpoint chooses them); `from_version`/`to_version` name them ("2025", "2025-2")."""
    unit = selectors.find_body(body)
    earlier, later, delta = selectors.published_diff(
        body=unit, kind=selectors.find_kind(kind), from_year=from_year, to_year=to_year
    )
    return {
        "body": unit.name,
        "kind": later.kind,
        "from_year": earlier.year,
        "to_year": later.year,
        "from_version": earlier.label,
        "to_version": later.label,
        "from_published_on": earlier.published_on,
        "to_published_on": later.published_on,
        **delta.as_dict(),
    }
