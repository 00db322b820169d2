"""The enforcement API: cases, officers, matters, draw verification. The pages' selectors,
FilterSets and services; lists paginated by `offset` and `limit`."""

from enum import StrEnum

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import LimitOffsetPagination, paginate

from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.schemas import RowId, query_params

from . import draw, selectors, services
from .choices import CaseStage
from .models import InspectionDraw
from .schemas import ActionIn, CaseDetailOut, CaseOut, DrawVerifyOut, MatterOut, OfficerOut

router = Router(tags=["行政执法"])
MAX_LIMIT = 500

SIMPLE_ACTIONS = {
    "investigate": services.case_investigate,
    "waive": services.case_waive,
    "request_hearing": services.case_request_hearing,
    "submit_review": services.case_submit_review,
    "serve": services.case_serve,
    "publish": services.case_publish,
    "close": services.case_close,
}
# The actions the API takes, as an enum so the OpenAPI document lists them and any other is a
# 422 on the path parameter.
CaseAction = StrEnum("CaseAction", {name: name for name in SIMPLE_ACTIONS})


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied(_("无权访问"))


@router.get("/cases", response=list[CaseOut])
@paginate(LimitOffsetPagination, max_limit=MAX_LIMIT)
def cases(
    request,
    stage: str = "",
    body: RowId | None = None,
    due: str = "",
    year: int | None = Query(None, ge=2000, le=2100),
    q: str = Query("", max_length=100),
):
    """The case list's filters (`filters.CaseFilter`), newest filing first."""
    _require(request, "enforcement.view_case")
    if stage and stage not in CaseStage.values:
        raise ApplicationError(_("未知阶段"), code="invalid", fields={"stage": _("未知")})
    params = query_params(stage=stage, body=body, due=due, year=year, q=q)
    return selectors.case_list(user=request.user, params=params).order_by("-filed_on", "-id")


@router.get("/cases/{case_id}", response=CaseDetailOut)
def case(request, case_id: RowId):
    _require(request, "enforcement.view_case")
    return selectors.case_get_for_user(user=request.user, case_id=case_id)


@router.post("/cases/{case_id}/actions/{action}", response=CaseDetailOut)
def case_action(request, case_id: RowId, action: CaseAction, payload: ActionIn):
    _require(request, "enforcement.view_case")
    handler = SIMPLE_ACTIONS[action.value]
    found = selectors.case_get_for_user(user=request.user, case_id=case_id)
    handler(actor=request.user, case=found, version=payload.version)
    return selectors.case_get_for_user(user=request.user, case_id=case_id)


@router.get("/officers", response=list[OfficerOut])
@paginate(LimitOffsetPagination, max_limit=MAX_LIMIT)
def officers(
    request,
    body: RowId | None = None,
    short: bool = False,
    credential: str = "",
    year: int | None = Query(None, ge=2000, le=2100),
    q: str = Query("", max_length=50),
):
    """The officer list's filters (`filters.OfficerFilter`); hours of `year` (this year)."""
    _require(request, "enforcement.view_officer")
    params = query_params(body=body, short=short or None, credential=credential, year=year, q=q)
    return selectors.officer_list(user=request.user, params=params).order_by(
        "body__unit__name", "full_name", "pk"
    )


@router.get("/matters", response=list[MatterOut])
@paginate(LimitOffsetPagination, max_limit=MAX_LIMIT)
def matters(
    request,
    body: RowId | None = None,
    matter_type: str = "",
    power: str = "",
    q: str = Query("", max_length=100),
):
    """The matters lists (`filters.MatterFilter`); `power=removed` for items cut from the list."""
    _require(request, "enforcement.view_officer")
    params = query_params(body=body, matter_type=matter_type, power=power, q=q)
    return selectors.matter_list(user=request.user, params=params).order_by(
        "body__unit__name", "matter_type", "name", "pk"
    )


@router.get("/draws/{draw_id}/verify", response=DrawVerifyOut)
def verify_draw(request, draw_id: RowId):
    _require(request, "enforcement.view_inspection")
    row = InspectionDraw.objects.filter(pk=draw_id).first()
    if row is None or not row.seed:
        raise Http404
    with row.target_list.open("rb") as fh:
        data = fh.read()
    rendered = draw.render(draw.run(draw.parse_target_list(data), row.seed, row.ratio_bp))
    recomputed = draw.selection_hash(rendered)
    return DrawVerifyOut(
        draw_id=row.pk,
        algorithm=row.algorithm,
        seed_matches_commitment=draw.commitment(row.seed) == row.seed_commitment,
        list_matches_hashes=draw.list_hashes(data) == (row.list_sm3, row.list_sha256),
        selection_sha256=row.selection_sha256,
        recomputed_sha256=recomputed,
        matches=recomputed == row.selection_sha256 and rendered == selectors.selection_text(row),
    )
