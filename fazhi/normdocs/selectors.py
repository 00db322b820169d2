"""Reads: registry lists, the overdue list, cleanup candidates, and the public search."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from fazhi.core.errors import ApplicationError, NotFound

from . import search, segment
from .choices import FilingResult, LawStatus, SettingKey, Stage, Status
from .docnumber import parse_doc_number
from .highlight import snippet
from .models import (
    CleanupDecision,
    CleanupRound,
    DocumentLink,
    Law,
    LegalityReview,
    NormativeDocument,
    ProcedureStep,
    ReviewFinding,
)
from .periods import setting
from .review_rules import CITATION, normal_title


def _today() -> dt.date:
    return timezone.localdate()


def _with_status(qs: QuerySet) -> QuerySet:
    return qs.with_status(_today(), setting(SettingKey.EXPIRING_MONTHS)[0])


@dataclass(frozen=True)
class DocumentFilters:
    q: str = ""
    issuer: int | None = None
    year: int | None = None
    status: str = ""
    stage: str = ""


def normdoc_list(
    *, user, filters: DocumentFilters = DocumentFilters()
) -> QuerySet[NormativeDocument]:
    """The registry as the user may see it, with derived status; `q` matches title or 文号."""
    qs = _with_status(NormativeDocument.objects.visible_to(user)).select_related(
        "issuer", "drafting_unit"
    )
    qs = qs.defer("body", "legal_basis")
    if filters.q:
        number = parse_doc_number(filters.q)
        qs = (
            qs.filter(doc_number=str(number))
            if number
            else qs.filter(Q(title__icontains=filters.q) | Q(doc_number__icontains=filters.q))
        )
    if filters.issuer:
        qs = qs.filter(issuer_id=filters.issuer)
    if filters.year:
        qs = qs.filter(published_on__year=filters.year)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    return qs


def normdoc_get_for_user(*, user, id: int) -> NormativeDocument:
    """One document with everything its page shows; 404 for missing and forbidden alike."""
    document = (
        _with_status(NormativeDocument.objects.visible_to(user))
        .select_related("issuer", "drafting_unit", "filing", "filing__reviewer")
        .prefetch_related(
            Prefetch("steps", queryset=ProcedureStep.objects.select_related("actor")),
            Prefetch(
                "reviews",
                queryset=LegalityReview.objects.select_related("reviewer").prefetch_related(
                    Prefetch("findings", queryset=ReviewFinding.objects.order_by("start", "id"))
                ),
            ),
            Prefetch("links_out", queryset=DocumentLink.objects.select_related("target")),
            Prefetch("links_in", queryset=DocumentLink.objects.select_related("source")),
        )
        .filter(pk=id)
        .first()
    )
    if document is None:
        raise NotFound(pgettext("normative document", "文件不存在或无权查看"))
    return document


def review_list(*, user, pending_only: bool = True) -> QuerySet[LegalityReview]:
    """Legality reviews for the justice bureau's reviewers (or the documents the user sees)."""
    qs = LegalityReview.objects.filter(document__in=NormativeDocument.objects.visible_to(user))
    if pending_only:
        qs = qs.filter(opinion="")
    return qs.select_related("document__issuer", "document__drafting_unit", "reviewer").annotate(
        open_findings=Count("findings", filter=Q(findings__status="open")),
        finding_count=Count("findings"),
    )


def review_get_for_user(*, user, id: int) -> LegalityReview:
    review = (
        LegalityReview.objects.filter(
            document__in=NormativeDocument.objects.visible_to(user), pk=id
        )
        .select_related("document__issuer", "document__drafting_unit", "reviewer")
        .prefetch_related(
            Prefetch("findings", queryset=ReviewFinding.objects.order_by("start", "id"))
        )
        .first()
    )
    if review is None:
        raise NotFound(_("审核记录不存在或无权查看"))
    return review


@dataclass(frozen=True)
class OverdueItem:
    document: NormativeDocument
    duty: str  # what is late: 合法性审核 / 报送备案
    due_on: dt.date
    provisional: bool

    @property
    def days_overdue(self) -> int:
        return (_today() - self.due_on).days


def overdue_list(*, user, include_due_within: int = 0) -> QuerySet[NormativeDocument]:
    """Documents whose current statutory step (review, filing) is past due, or due within N days."""
    limit = (
        _today() + dt.timedelta(days=include_due_within)
        if include_due_within
        else _today() - dt.timedelta(days=1)
    )
    return (
        NormativeDocument.objects.visible_to(user)
        .filter(
            stage__in=[Stage.LEGALITY_REVIEW, Stage.PUBLISHED],
            due_on__isnull=False,
            due_on__lte=limit,
        )
        .select_related("issuer", "drafting_unit")
        .defer("body", "legal_basis")
        .order_by("due_on", "pk")
    )


def overdue_summary(*, user) -> dict[str, int]:
    """For the plans dashboard: how many reviews and filings are late, and how many filings came late."""
    overdue = overdue_list(user=user)
    visible = NormativeDocument.objects.visible_to(user)
    return {
        "review_overdue": overdue.filter(stage=Stage.LEGALITY_REVIEW).count(),
        "filing_overdue": overdue.filter(stage=Stage.PUBLISHED).count(),
        "filed_late": visible.filter(filing__on_time=False).count(),
        "filing_review_pending": visible.filter(filing__result=FilingResult.PENDING).count(),
    }


def cleanup_candidates(*, user, kind: str) -> QuerySet[NormativeDocument]:
    """Published documents to look at in a cleanup: expiring, expired, or citing superseded laws."""
    qs = _with_status(NormativeDocument.objects.visible_to(user).published()).select_related(
        "issuer"
    )
    if kind == "expiring":
        return qs.filter(status=Status.EXPIRING).order_by("valid_until", "pk")
    if kind == "expired":
        return qs.filter(status=Status.EXPIRED).order_by("valid_until", "pk")
    if kind == "superseded":
        stale = list(Law.objects.exclude(status=LawStatus.IN_FORCE).values_list("title", flat=True))
        short = {normal_title(t) for t in stale}
        cond = Q()
        for title in short:
            cond |= Q(body__contains=title) | Q(legal_basis__contains=title)
        if not short:
            return qs.none()
        return qs.filter(cond).exclude(status=Status.REPEALED).order_by("published_on", "pk")
    raise ApplicationError(_("未知的清理类别"))


def superseded_citations(document: NormativeDocument, laws: list[Law]) -> list[str]:
    """Which superseded or repealed laws the document's text names (for the cleanup list)."""
    stale = {normal_title(law.title): law for law in laws if law.status != LawStatus.IN_FORCE}
    in_force = {normal_title(law.title) for law in laws if law.status == LawStatus.IN_FORCE}
    found = []
    for match in CITATION.finditer(f"{document.legal_basis}\n{document.body}"):
        title = normal_title(match["title"])
        law = stale.get(title)
        if law is None:
            continue
        year = int(match["year"]) if match["year"] else None
        if (year is not None and year in (law.years or [])) or (
            year is None and title not in in_force
        ):
            found.append(match.group().strip())
    return list(dict.fromkeys(found))


def cleanup_round_list(*, user) -> QuerySet[CleanupRound]:
    if not user.is_authenticated:
        return CleanupRound.objects.none()
    return CleanupRound.objects.annotate(
        decision_count=Count("decisions"),
        repeal_count=Count("decisions", filter=Q(decisions__decision="repeal")),
        amend_count=Count("decisions", filter=Q(decisions__decision="amend")),
    )


def cleanup_round_get(*, user, id: int, published_only: bool = False) -> CleanupRound:
    qs = (
        CleanupRound.objects.all()
        if (user is not None and user.is_authenticated)
        else CleanupRound.objects.none()
    )
    if published_only:
        qs = CleanupRound.objects.filter(status="published")
    row = (
        qs.prefetch_related(
            Prefetch(
                "decisions",
                queryset=CleanupDecision.objects.select_related("document__issuer").order_by(
                    "decision", "document__published_on"
                ),
            )
        )
        .filter(pk=id)
        .first()
    )
    if row is None:
        raise NotFound(_("清理批次不存在"))
    return row


# ---------------------------------------------------------------- public search


# Ranking scores every hit; past this many hits (a word in most documents) counting stops, the
# page says "more than 5,000" and the newest come first.
RANK_LIMIT = 5000


class SearchResults:
    """A lazy, sliceable result list for Django's Paginator: one COUNT, one page of ids."""

    def __init__(self, tokens: list[str], filter_sql: str | None, filter_params: tuple, order: str):
        self.terms, self.filter_sql, self.filter_params, self.order = (
            tokens,
            filter_sql,
            filter_params,
            order,
        )
        _sql, _params, self.count_sql, self.count_params = search.match_sql(
            tokens, filter_sql=filter_sql, filter_params=filter_params, order=order
        )
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = search.count(self.count_sql, self.count_params, cap=RANK_LIMIT + 1)
        return self._count

    def __len__(self) -> int:
        return self.count()

    @property
    def by_date(self) -> bool:
        return self.order == "rank" and self.count() > RANK_LIMIT

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("SearchResults supports slices only")
        order = "-published_on" if self.by_date else self.order
        sql, params, _count_sql, _count_params = search.match_sql(
            self.terms, filter_sql=self.filter_sql, filter_params=self.filter_params, order=order
        )
        start, stop = item.start or 0, item.stop
        hits = search.run(
            sql, params, limit=(stop - start) if stop is not None else None, offset=start
        )
        docs = (
            _with_status(NormativeDocument.objects.all())
            .select_related("issuer")
            .in_bulk([doc_id for doc_id, _ in hits])
        )
        result = []
        for doc_id, score in hits:
            document = docs.get(doc_id)
            if document is not None:
                document.score = score
                document.snippet = snippet(document.body, self.terms)
                result.append(document)
        return result


def public_documents(
    *, issuer: int | None = None, year: int | None = None, status: str = ""
) -> QuerySet[NormativeDocument]:
    """Published documents only: what anyone may see."""
    qs = _with_status(NormativeDocument.objects.published()).select_related("issuer")
    if issuer:
        qs = qs.filter(issuer_id=issuer)
    if year:
        qs = qs.filter(published_on__year=year)
    if status and status != Status.DRAFT:
        qs = qs.filter(status=status)
    return qs


def public_search(
    *,
    q: str,
    issuer: int | None = None,
    year: int | None = None,
    status: str = "",
    order: str = "rank",
):
    """Full-text search over published documents, or the filtered list when `q` is empty.

    Returns (results, exact): an exact 文号 hit short-cuts the full-text index.
    """
    q = (q or "").strip()
    if len(q) > segment.MAX_QUERY_CHARS:
        raise ApplicationError(
            _("检索词太长(最多%(count)s个字),请缩短后再查") % {"count": segment.MAX_QUERY_CHARS},
            code="normdocs.query_too_long",
            fields={"q": _("过长")},
        )
    candidates = public_documents(issuer=issuer, year=year, status=status)
    if not q:
        return candidates.order_by("-published_on", "-pk"), False
    number = parse_doc_number(q)
    if number is not None:
        exact = candidates.filter(doc_number=str(number))
        if exact.exists():
            return exact, True
    tokens = segment.query_tokens(q)
    if not tokens:
        return candidates.none(), False
    filter_sql, filter_params = None, ()
    if issuer or year or status:
        filter_sql, filter_params = candidates.order_by().values("id").query.sql_with_params()
    return SearchResults(tokens, filter_sql, filter_params, order), False


def public_document_get(*, id: int) -> NormativeDocument:
    document = (
        public_documents()
        .prefetch_related(
            Prefetch(
                "links_out",
                queryset=DocumentLink.objects.select_related("target").filter(
                    Exists(NormativeDocument.objects.published().filter(pk=OuterRef("target_id")))
                ),
            ),
            Prefetch(
                "links_in",
                queryset=DocumentLink.objects.select_related("source").filter(
                    Exists(NormativeDocument.objects.published().filter(pk=OuterRef("source_id")))
                ),
            ),
        )
        .filter(pk=id)
        .first()
    )
    if document is None:
        raise NotFound(_("文件不存在或尚未公布"))
    return document
