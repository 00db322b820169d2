"""JSON for the plans dashboard and other clients: the same selectors as the pages."""

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from fazhi.core.errors import PermissionDenied

from . import selectors
from .schemas import DeadlineItemOut, LitigationOut, ReconsiderationOut, StatisticsOut

router = Router(tags=["纠纷化解"])
PAGE_SIZE = 50


def _require(request, perm: str = "disputes.view") -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied(_("您无权查看纠纷化解数据"))


@router.get("/deadlines", response=list[DeadlineItemOut])
def deadlines(request, within: int = Query(15, ge=0, le=365), kind: str = ""):
    """Open statutory clocks due within `within` days, and overdue ones, soonest first."""
    _require(request)
    today = timezone.localdate()
    items = selectors.upcoming_deadlines(
        request.user, within, today=today, kind=kind if kind in selectors.DEADLINE_KINDS else ""
    )
    return [{**item.__dict__, "days_left": item.days_left(today)} for item in items[:500]]


@router.get("/reconsiderations", response=list[ReconsiderationOut])
def reconsiderations(
    request,
    status: str = "",
    respondent: int | None = None,
    year: int | None = None,
    q: str = Query("", max_length=64),
    page: int = Query(1, ge=1),
):
    _require(request)
    params = {
        k: v
        for k, v in {"status": status, "respondent": respondent, "year": year, "q": q}.items()
        if v
    }
    qs = selectors.reconsideration_list(user=request.user, params=params, request=request).order_by(
        "-received_on", "-pk"
    )
    start = (page - 1) * PAGE_SIZE
    return [
        {
            "id": c.id,
            "number": c.number,
            "channel": c.channel,
            "respondent": c.respondent.name,
            "act_description": c.act_description,
            "received_on": c.received_on,
            "status": c.status,
            "status_label": c.get_status_display(),
            "procedure": c.procedure,
            "acceptance_due": c.acceptance_due,
            "decision_due": c.decision_due,
            "decided_on": c.decided_on,
            "decision_type": c.decision_type,
        }
        for c in qs[start : start + PAGE_SIZE]
    ]


@router.get("/litigation", response=list[LitigationOut])
def litigation(
    request,
    status: str = "",
    outcome: str = "",
    defendant: int | None = None,
    year: int | None = None,
    page: int = Query(1, ge=1),
):
    _require(request)
    params = {
        k: v
        for k, v in {
            "status": status,
            "outcome": outcome,
            "defendant": defendant,
            "year": year,
        }.items()
        if v
    }
    qs = selectors.litigation_list(user=request.user, params=params, request=request).order_by(
        "-filed_on", "-pk"
    )
    start = (page - 1) * PAGE_SIZE
    return [
        {
            "id": c.id,
            "court_case_number": c.court_case_number,
            "defendant": c.defendant.name,
            "cause": c.cause,
            "filed_on": c.filed_on,
            "defence_due": c.defence_due,
            "defence_submitted_on": c.defence_submitted_on,
            "head_appeared": c.head_appeared,
            "status": c.status,
            "outcome": c.outcome,
        }
        for c in qs[start : start + PAGE_SIZE]
    ]


@router.get("/statistics/{year}", response=StatisticsOut)
def statistics(request, year: int):
    _require(request, "disputes.view_statistics")
    lit = selectors.litigation_statistics(year=year)
    return {
        "year": year,
        "head_appearance_rate": lit["total"]["appearance_rate"],
        "reconsideration_correction_rate": selectors.reconsideration_correction_rate(year=year),
        "litigation_cases": selectors.litigation_case_count(year=year),
        "litigation_losses": selectors.litigation_loss_count(year=year),
        "by_defendant": lit["rows"],
    }
