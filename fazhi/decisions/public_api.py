"""The public API of the decisions app (no account): published catalogue entries, consultations,
published decisions (Art. 32) with their major adjustments (Art. 37)."""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from . import selectors
from .schemas import CatalogEntryOut, ConsultationOut, DecisionOut

router = Router(tags=["重大行政决策公开"], auth=None)


class CatalogQuery(Schema):
    year: int | None = None


class ConsultationQuery(Schema):
    status: str | None = None


@router.get("/catalogs", response=list[CatalogEntryOut], summary="已公布的年度决策事项目录")
@paginate(PageNumberPagination, page_size=100)
def catalogs(request: HttpRequest, filters: Query[CatalogQuery]):
    return selectors.public_entries(params=filters.dict(exclude_none=True))


@router.get("/consultations", response=list[ConsultationOut], summary="决策草案公开征求意见")
@paginate(PageNumberPagination, page_size=100)
def consultations(request: HttpRequest, filters: Query[ConsultationQuery]):
    return selectors.public_consultations(params=filters.dict(exclude_none=True))


@router.get("/decisions", response=list[DecisionOut], summary="已公布的重大行政决策")
@paginate(PageNumberPagination, page_size=100)
def decisions(request: HttpRequest):
    return selectors.public_decisions()
