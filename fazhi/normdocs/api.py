"""/api/normdocs/: the public query (anonymous), the registry and overdue list (signed in)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status as Reply

from fazhi.core.errors import PermissionDenied
from fazhi.core.models import OrgUnit
from fazhi.core.schemas import RowId

from . import selectors, services
from .choices import Stage, Status
from .schemas import CreateDraftIn, DocumentDetailOut, DocumentOut, OverdueOut, SearchOut, SubmitIn

router = Router(tags=["行政规范性文件"])
PAGE_SIZE = 20


@router.get("/search", response=SearchOut, auth=None)
def search(
    request,
    q: str = Query("", max_length=10000),
    issuer: RowId | None = None,
    year: int | None = Query(None, ge=1949, le=2100),
    status: str = "",
    order: str = "rank",
    page: int = Query(1, ge=1, le=1000),
):
    """Full-text search over published documents (anyone may call it).

    Its own page shape, not the generic pagination: the count stops at 5,000 for a very
    common word (`more_than_count`), and an exact 文号 short-cuts the index.
    """
    results, exact = selectors.public_search(
        q=q, issuer=issuer, year=year, status=status if status in Status.values else "", order=order
    )
    start = (page - 1) * PAGE_SIZE
    return {
        "count": results.count(),
        "more_than_count": bool(getattr(results, "by_date", False)),
        "exact_doc_number": exact,
        "page": page,
        "results": list(results[start : start + PAGE_SIZE]),
    }


@router.get("/public/{doc_id}", response=DocumentDetailOut, auth=None)
def public_document(request, doc_id: RowId):
    return selectors.public_document_get(id=doc_id)


@router.get("/documents", response=list[DocumentOut])
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def documents(
    request,
    q: str = Query("", max_length=100),
    issuer: RowId | None = None,
    year: int | None = Query(None, ge=1949, le=2100),
    status: str = "",
    stage: str = "",
):
    """The registry as the signed-in user may see it (drafts included); the page's filters."""
    params = {
        "q": q,
        "issuer": issuer or "",
        "year": year or "",
        "status": status if status in Status.values else "",
        "stage": stage if stage in Stage.values else "",
    }
    return selectors.normdoc_list(user=request.user, params=params).order_by("-published_on", "-pk")


@router.get("/overdue", response=list[OverdueOut])
@paginate(PageNumberPagination, page_size=100)
def overdue(request, within: int = Query(0, ge=0, le=90)):
    """Late legality reviews and filings, for the supervisor and the plans dashboard."""
    if not request.user.has_perm("normdocs.view_overdue"):
        raise PermissionDenied(_("只有依法治县办、司法局和领导可以查看逾期情况"))
    return selectors.overdue_list(user=request.user, include_due_within=within)


@router.post("/documents", response={201: DocumentOut})
def create_draft(request, payload: CreateDraftIn):
    issuer = get_object_or_404(OrgUnit, pk=payload.issuer_id)
    d = services.normdoc_create(
        actor=request.user,
        title=payload.title,
        issuer=issuer,
        body=payload.body,
        legal_basis=payload.legal_basis,
    )
    return Reply(201, selectors.normdoc_get_for_user(user=request.user, id=d.pk))


@router.post("/documents/{doc_id}/submit", response=DocumentOut)
def submit_for_review(request, doc_id: RowId, payload: SubmitIn):
    d = selectors.normdoc_get_for_user(user=request.user, id=doc_id)
    services.normdoc_submit_for_review(
        actor=request.user, document=d, submitted_on=payload.submitted_on, version=payload.version
    )
    return selectors.normdoc_get_for_user(user=request.user, id=doc_id)
