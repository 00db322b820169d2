"""JSON for the plans dashboard and other clients: the same selectors and FilterSets as the pages."""

from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.pagination import PageNumberPagination, paginate

from fazhi.core.errors import PermissionDenied
from fazhi.core.schemas import RowId, query_params

from . import selectors
from .schemas import DeadlineItemOut, LitigationOut, ReconsiderationOut, StatisticsOut

router = Router(tags=["纠纷化解"])
PAGE_SIZE = 50


def _require(request, perm: str = "disputes.view") -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied(_("您无权查看纠纷化解数据"))


@router.get("/deadlines", response=list[DeadlineItemOut])
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def deadlines(request, within: int = Query(15, ge=0, le=365), kind: str = ""):
    """Open statutory clocks due within `within` days, and overdue ones, soonest first."""
    _require(request)
    kind = kind if kind in selectors.DEADLINE_KINDS else ""
    return selectors.upcoming_deadlines(request.user, within, kind=kind)


@router.get("/reconsiderations", response=list[ReconsiderationOut])
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def reconsiderations(
    request,
    status: str = "",
    respondent: RowId | None = None,
    year: int | None = Query(None, ge=2000, le=2100),
    q: str = Query("", max_length=64),
):
    _require(request)
    params = query_params(status=status, respondent=respondent, year=year, q=q)
    return selectors.reconsideration_list(user=request.user, params=params).order_by(
        "-received_on", "-pk"
    )


@router.get("/litigation", response=list[LitigationOut])
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def litigation(
    request,
    status: str = "",
    outcome: str = "",
    defendant: RowId | None = None,
    year: int | None = Query(None, ge=2000, le=2100),
):
    _require(request)
    params = query_params(status=status, outcome=outcome, defendant=defendant, year=year)
    return selectors.litigation_list(user=request.user, params=params).order_by("-filed_on", "-pk")


@router.get("/statistics/{year}", response=StatisticsOut)
def statistics(request, year: int = Path(..., ge=2000, le=2100)):
    _require(request, "disputes.view_statistics")
    lit = selectors.litigation_statistics(year=year, user=request.user)
    return {
        "year": year,
        "head_appearance_rate": lit["total"]["appearance_rate"],
        "reconsideration_correction_rate": selectors.reconsideration_correction_rate(year=year),
        "litigation_cases": selectors.litigation_case_count(year=year),
        "litigation_losses": selectors.litigation_loss_count(year=year),
        "by_defendant": lit["rows"],
    }
