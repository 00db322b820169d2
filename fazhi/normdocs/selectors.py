"""Reads: registry lists, the overdue list, cleanup candidates, and the public search."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from fazhi.core import dates, periods
from fazhi.core.errors import ApplicationError, NotFound

from . import filters, search, segment
from .choices import FilingResult, LawStatus, Stage, Status
from .docnumber import parse_doc_number
from .errors import NormdocsError
from .highlight import snippet
from .models import (
    STATUS_FIELDS,
    CleanupDecision,
    CleanupRound,
    DocumentLink,
    Law,
    LegalityReview,
    NormativeDocument,
    ProcedureStep,
    ReviewFinding,
    status_on,
)
from .review_rules import CITATION, normal_title


def _today() -> dt.date:
    return dates.today()


def _with_status(qs: QuerySet) -> QuerySet:
    return qs.with_status(_today(), periods.value("normdocs.expiring_months"))


def normdoc_list(*, user, params=None) -> QuerySet[NormativeDocument]:
    """The registry as the user may see it, with derived status, filtered by DocumentFilter
    (`q` matches title or 文号, an exact 文号 only that document)."""
    qs = _with_status(NormativeDocument.objects.visible_to(user)).select_related(
        "issuer", "drafting_unit"
    )
    qs = qs.defer("body", "legal_basis")
    if params is None:
        return qs
    return filters.DocumentFilter(params, queryset=qs).qs


def filing_list(*, user, params=None) -> QuerySet[NormativeDocument]:
    """Published documents in the filing procedure, with their filing."""
    qs = normdoc_list(user=user).filter(stage__in=filters.FILING_STAGES).select_related("filing")
    return filters.FilingFilter(params or {}, queryset=qs).qs


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


def review_list(*, user, params=None) -> QuerySet[LegalityReview]:
    """Legality reviews of the documents the user sees; pending ones unless `?all=1`."""
    qs = filters.ReviewFilter(params or {}, queryset=LegalityReview.objects.visible_to(user)).qs
    return qs.select_related("document__issuer", "document__drafting_unit", "reviewer").annotate(
        open_findings=Count("findings", filter=Q(findings__status="open")),
        finding_count=Count("findings"),
    )


def review_get_for_user(*, user, id: int) -> LegalityReview:
    qs = LegalityReview.objects.select_related(
        "document__issuer", "document__drafting_unit", "reviewer"
    ).prefetch_related(Prefetch("findings", queryset=ReviewFinding.objects.order_by("start", "id")))
    try:
        return qs.get_for_user(user, id)
    except NotFound as exc:
        raise NotFound(_("审核记录不存在或无权查看")) from exc


def finding_get_for_user(*, user, id: int) -> ReviewFinding:
    """One finding of a review the user may see; 404 for missing and forbidden alike."""
    qs = ReviewFinding.objects.select_related("review__document")
    try:
        return qs.get_for_user(user, id)
    except NotFound as exc:
        raise NotFound(_("审核发现不存在")) from exc


def overdue_list(*, user, include_due_within: int = 0, params=None) -> QuerySet[NormativeDocument]:
    """Documents whose current statutory step (review, filing) is past due, or due within N days
    (`include_due_within`, or OverdueFilter's `within` from `params`)."""
    qs = (
        NormativeDocument.objects.visible_to(user)
        .filter(stage__in=[Stage.LEGALITY_REVIEW, Stage.PUBLISHED], due_on__isnull=False)
        .select_related("issuer", "drafting_unit")
        .defer("body", "legal_basis")
        .order_by("due_on", "pk")
    )
    data = {"within": include_due_within, **(params.dict() if params is not None else {})}
    return filters.OverdueFilter(data, queryset=qs).qs


def overdue_duty(document: NormativeDocument) -> str:
    """The step a document of the overdue list waits for: its legality review, or its filing."""
    return _("合法性审核") if document.stage == Stage.LEGALITY_REVIEW else _("报送备案")


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
    found = filters.CleanupFilter({"kind": kind}, queryset=qs)
    if not found.is_valid():
        raise ApplicationError(_("未知的清理类别"), code=NormdocsError.UNKNOWN_KIND)
    return found.qs


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
    return CleanupRound.objects.visible_to(user).annotate(
        decision_count=Count("decisions"),
        repeal_count=Count("decisions", filter=Q(decisions__decision="repeal")),
        amend_count=Count("decisions", filter=Q(decisions__decision="amend")),
    )


def cleanup_round_get(*, user, id: int, published_only: bool = False) -> CleanupRound:
    if published_only:
        qs = CleanupRound.objects.filter(status="published")
    else:
        qs = CleanupRound.objects.visible_to(user)
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
# What a hit shows (the search page and the API's SearchHitOut), and the body for its snippet;
# the rest of the row (制定依据, procedure dates, the issuer's other columns) is not read.
HIT_FIELDS = (
    "title",
    "doc_number",
    "registration_number",
    "issuer__name",
    "published_on",
    "effective_on",
    "valid_until",
    "stage",
    "body",
)


class SearchResults:
    """A lazy, sliceable result list for Django's Paginator: one count, one page of ids.

    The count also tells how common the words are, which chooses how a date order is found
    (`search.plan`).
    """

    def __init__(self, tokens: list[str], filter_sql: str | None, filter_params: tuple, order: str):
        self.terms, self.filter_sql, self.filter_params, self.order = (
            tokens,
            filter_sql,
            filter_params,
            order,
        )
        self._frequency: search.Frequency | None = None
        self._first: list | None = None  # the first hits, when counted in the same query

    def frequency(self) -> search.Frequency:
        """How common the words are (hits counted at least past RANK_LIMIT)."""
        if self._frequency is None:
            key = search.HINTS.key(self.terms, self.filter_sql, self.filter_params)
            found = self._one_pass(key)
            if found is None:
                found = search.frequency(
                    self.terms,
                    filter_sql=self.filter_sql,
                    filter_params=self.filter_params,
                    cap=RANK_LIMIT + 1,
                )
            search.HINTS.put(key, found.hits)
            self._frequency = found
        return self._frequency

    def _one_pass(self, key) -> search.Frequency | None:
        """The count and the first page in one query (PostgreSQL), when the last search of these
        words in this process counted no more than RANK_LIMIT hits (search.one_pass_sql)."""
        seen = search.HINTS.get(key)
        if seen is None or seen > RANK_LIMIT or not search.one_pass_available():
            return None
        found, self._first = search.one_pass(
            self.terms,
            filter_sql=self.filter_sql,
            filter_params=self.filter_params,
            order=self.order,
            cap=RANK_LIMIT + 1,
            limit=search.PAGE,
        )
        return found  # past RANK_LIMIT the page is in date order, found by a probe

    def count(self) -> int:
        return min(self.frequency().hits, RANK_LIMIT + 1)

    def __len__(self) -> int:
        return self.count()

    @property
    def by_date(self) -> bool:
        return self.order == "rank" and self.count() > RANK_LIMIT

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("SearchResults supports slices only")
        order = "-published_on" if self.by_date else self.order
        start, stop = item.start or 0, item.stop
        found, rows, stopped = self.frequency()
        if self._first is not None and stop is not None and stop <= search.PAGE:
            return self._documents(self._first[start:stop])
        wanted = stop if stop is not None else found
        indexed = search.dates_indexed()
        plan = search.plan(found, rows, wanted, stopped=stopped, dates_indexed=indexed)
        window = search.probe_window(found, rows, wanted)
        hits = self._page(order, plan, start, stop, window)
        expected = min(wanted, found) - start
        if order != "rank" and plan == search.Plan.PROBE and len(hits) < expected:
            # The word is in old documents: ask again with a plan that does not walk from today.
            again = search.Plan.HITS_FIRST if indexed else search.Plan.MEMBER
            hits = self._page(order, again, start, stop)
        return self._documents(hits)

    def _documents(self, hits: list) -> list:
        # The status from the loaded columns (models.status_on), not the annotation: the same
        # value without compiling its CASE for twenty rows.
        docs = (
            NormativeDocument.objects.select_related("issuer")
            .only(*HIT_FIELDS, *STATUS_FIELDS)
            .in_bulk([doc_id for doc_id, _ in hits])
        )
        today, months = _today(), periods.value("normdocs.expiring_months")
        result = []
        for doc_id, score in hits:
            document = docs.get(doc_id)
            if document is not None:
                document.status = status_on(document, today, months)
                document.score = score
                document.snippet = snippet(document.body, self.terms)
                result.append(document)
        return result

    def _page(
        self,
        order: str,
        plan: search.Plan,
        start: int,
        stop: int | None,
        window: int = search.PROBE_WINDOW,
    ) -> list:
        sql, params, _count_sql, _count_params = search.match_sql(
            self.terms,
            filter_sql=self.filter_sql,
            filter_params=self.filter_params,
            order=order,
            plan=plan,
            window=window,
        )
        return search.run(
            sql, params, limit=(stop - start) if stop is not None else None, offset=start
        )


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
            code=NormdocsError.QUERY_TOO_LONG,
            fields={"q": _("过长")},
        )

    # Built only when used: a search by words without filters needs no queryset (building one
    # with its status costs a read of the periods and a few ms of Python per page).
    def candidates():
        return public_documents(issuer=issuer, year=year, status=status)

    if not q:
        return candidates().order_by("-published_on", "-pk"), False
    number = parse_doc_number(q)
    if number is not None:
        exact = candidates().filter(doc_number=str(number))
        if exact.exists():
            return exact, True
    tokens = segment.query_tokens(q)
    if not tokens:
        return candidates().none(), False
    filter_sql, filter_params = None, ()
    if issuer or year or status:
        filter_sql, filter_params = candidates().order_by().values("id").query.sql_with_params()
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
