"""/api/normdocs/: the public query (anonymous), the registry and overdue list (signed in)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.responses import Status as Reply

from fazhi.core.errors import PermissionDenied
from fazhi.core.models import OrgUnit

from . import selectors, services
from .choices import LinkKind, Stage, Status
from .schemas import CreateDraftIn, DocumentDetailOut, DocumentOut, OverdueOut, SearchOut, SubmitIn
from .selectors import DocumentFilters

router = Router(tags=["行政规范性文件"])
PAGE_SIZE = 20


def _out(d, **extra) -> dict:
    return {
        "id": d.id,
        "title": d.title,
        "doc_number": d.doc_number,
        "registration_number": d.registration_number,
        "issuer": d.issuer.name,
        "published_on": d.published_on,
        "effective_on": d.effective_on,
        "valid_until": d.valid_until,
        "status": d.status,
        "status_label": str(Status(d.status).label),
        "stage": d.stage,
        **extra,
    }


@router.get("/search", response=SearchOut, auth=None)
def search(
    request,
    q: str = Query("", max_length=10000),
    issuer: int | None = None,
    year: int | None = None,
    status: str = "",
    order: str = "rank",
    page: int = Query(1, ge=1, le=1000),
):
    """Full-text search over published documents (anyone may call it)."""
    results, exact = selectors.public_search(
        q=q, issuer=issuer, year=year, status=status if status in Status.values else "", order=order
    )
    start = (page - 1) * PAGE_SIZE
    rows = results[start : start + PAGE_SIZE]
    count = results.count()
    return {
        "count": count,
        "more_than_count": bool(getattr(results, "by_date", False)),
        "exact_doc_number": exact,
        "page": page,
        "results": [
            _out(d, snippet=getattr(d, "snippet", ""), score=getattr(d, "score", 0.0)) for d in rows
        ],
    }


def _links(links, side: str, kinds=None) -> list[dict]:
    return [
        {
            "kind": link.kind,
            "kind_label": link.get_kind_display(),
            "document_id": getattr(link, side).id,
            "title": getattr(link, side).title,
            "doc_number": getattr(link, side).doc_number,
        }
        for link in links
        if kinds is None or link.kind in kinds
    ]


@router.get("/public/{doc_id}", response=DocumentDetailOut, auth=None)
def public_document(request, doc_id: int):
    d = selectors.public_document_get(id=doc_id)
    links_in = list(d.links_in.all())
    return _out(
        d,
        body=d.body,
        legal_basis=d.legal_basis,
        repealed_on=d.repealed_on,
        amended_by=_links(links_in, "source", {LinkKind.AMENDS}),
        repealed_by=_links(links_in, "source", {LinkKind.REPEALS}),
        links=_links(d.links_out.all(), "target"),
    )


@router.get("/documents", response=list[DocumentOut])
def documents(
    request,
    q: str = Query("", max_length=100),
    issuer: int | None = None,
    year: int | None = None,
    status: str = "",
    stage: str = "",
    page: int = Query(1, ge=1),
):
    """The registry as the signed-in user may see it (drafts included)."""
    filters = DocumentFilters(
        q=q,
        issuer=issuer,
        year=year,
        status=status if status in Status.values else "",
        stage=stage if stage in Stage.values else "",
    )
    qs = selectors.normdoc_list(user=request.user, filters=filters).order_by("-published_on", "-pk")
    start = (page - 1) * PAGE_SIZE
    return [_out(d) for d in qs[start : start + PAGE_SIZE]]


@router.get("/overdue", response=list[OverdueOut])
def overdue(request, within: int = Query(0, ge=0, le=90)):
    """Late legality reviews and filings, for the supervisor and the plans dashboard."""
    if not request.user.has_perm("normdocs.view_overdue"):
        raise PermissionDenied(_("只有依法治县办、司法局和领导可以查看逾期情况"))
    return [
        {
            "id": d.id,
            "title": d.title,
            "drafting_unit": d.drafting_unit.name,
            "duty": _("合法性审核") if d.stage == Stage.LEGALITY_REVIEW else _("报送备案"),
            "due_on": d.due_on,
            "provisional": d.due_provisional,
        }
        for d in selectors.overdue_list(user=request.user, include_due_within=within)[:500]
    ]


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
    return Reply(201, _out(selectors.normdoc_get_for_user(user=request.user, id=d.pk)))


@router.post("/documents/{doc_id}/submit", response=DocumentOut)
def submit_for_review(request, doc_id: int, payload: SubmitIn):
    d = selectors.normdoc_get_for_user(user=request.user, id=doc_id)
    services.normdoc_submit_for_review(
        actor=request.user, document=d, submitted_on=payload.submitted_on
    )
    return _out(selectors.normdoc_get_for_user(user=request.user, id=doc_id))
