"""The enforcement API: cases, officers, draw verification. Same selectors and services as the pages."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router

from fazhi.core.errors import ApplicationError, NotFound, PermissionDenied

from . import draw, selectors, services
from .choices import CaseAction, CaseStage
from .models import InspectionDraw, PenaltyCase
from .schemas import (
    ActionIn,
    CaseDetailOut,
    CaseOut,
    CasePageOut,
    DrawVerifyOut,
    OfficerOut,
    StepOut,
)

router = Router(tags=["行政执法"])

SIMPLE_ACTIONS = {
    "investigate": services.case_investigate,
    "waive": services.case_waive,
    "request_hearing": services.case_request_hearing,
    "submit_review": services.case_submit_review,
    "serve": services.case_serve,
    "publish": services.case_publish,
    "close": services.case_close,
}


def _case_out(case: PenaltyCase, cls=CaseOut, **extra):
    return cls(
        id=case.pk,
        number=case.number,
        body=case.body.unit.name,
        title=case.title,
        party_name=case.party_name,
        stage=case.stage,
        stage_label=str(CaseStage(case.stage).label),
        filed_on=case.filed_on,
        decision_due=case.decision_due,
        current_due=case.current_due,
        is_major=case.is_major,
        review_passed=case.review_passed,
        fine=case.fine,
        exemption_applied=case.exemption_applied,
        version=case.version,
        **extra,
    )


def _detail(case: PenaltyCase) -> CaseDetailOut:
    steps = [
        StepOut(
            action=s.action,
            action_label=str(CaseAction(s.action).label),
            stage_before=s.stage_before,
            stage_after=s.stage_after,
            occurred_at=s.occurred_at,
            actor_name=s.actor_name,
            note=s.note,
        )
        for s in case.steps.all()
    ]
    return _case_out(
        case,
        CaseDetailOut,
        allowed_min=case.allowed_min,
        allowed_max=case.allowed_max,
        outside_range_reason=case.outside_range_reason,
        steps=steps,
    )


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied(_("无权访问"))


@router.get("/cases", response=CasePageOut)
def cases(
    request,
    stage: str = "",
    body: int | None = None,
    due: str = "",
    year: int | None = None,
    q: str = Query("", max_length=100),
    offset: int = Query(0, ge=0),
    limit: int = Query(50, ge=1, le=500),
):
    _require(request, "enforcement.view_case")
    if stage and stage not in CaseStage.values:
        raise ApplicationError(_("未知阶段"), code="invalid", fields={"stage": _("未知")})
    qs = selectors.case_list(
        user=request.user, stage=stage, body_id=body, query=q, due=due, year=year
    ).order_by("-filed_on", "-id")
    return CasePageOut(count=qs.count(), items=[_case_out(c) for c in qs[offset : offset + limit]])


@router.get("/cases/{case_id}", response=CaseDetailOut)
def case(request, case_id: int):
    _require(request, "enforcement.view_case")
    try:
        return _detail(selectors.case_get_for_user(user=request.user, case_id=case_id))
    except NotFound as exc:
        raise Http404 from exc


@router.post("/cases/{case_id}/actions/{action}", response=CaseDetailOut)
def case_action(request, case_id: int, action: str, payload: ActionIn):
    _require(request, "enforcement.view_case")
    handler = SIMPLE_ACTIONS.get(action)
    if handler is None:
        raise ApplicationError(
            _("此接口不支持的操作:%(action)s") % {"action": action}, code="invalid"
        )
    try:
        found = selectors.case_get_for_user(user=request.user, case_id=case_id)
    except NotFound as exc:
        raise Http404 from exc
    handler(actor=request.user, case=found, version=payload.version)
    return _detail(selectors.case_get_for_user(user=request.user, case_id=case_id))


@router.get("/officers", response=list[OfficerOut])
def officers(request, body: int | None = None, short: bool = False):
    _require(request, "enforcement.view_officer")
    required = selectors.training_required()
    qs = selectors.officer_list(user=request.user, body_id=body, short_only=short).order_by(
        "body__unit__name", "full_name"
    )
    return [
        OfficerOut(
            id=o.pk,
            full_name=o.full_name,
            body=o.body.unit.name,
            has_valid_credential=o.has_valid,
            credentials=[
                _("%(number)s(至%(date)s,%(status)s)")
                % {
                    "number": c.number,
                    "date": f"{c.valid_until:%Y-%m-%d}",
                    "status": c.get_status_display(),
                }
                for c in o.credentials.all()
            ],
            year_hours=o.year_hours,
            short_of_training=o.year_hours < required,
        )
        for o in qs
    ]


@router.get("/draws/{draw_id}/verify", response=DrawVerifyOut)
def verify_draw(request, draw_id: int):
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
