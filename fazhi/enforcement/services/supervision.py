"""Supervision: case-file reviews and guiding cases."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import dates
from fazhi.core.actors import Actor
from fazhi.core.errors import ApplicationError
from fazhi.core.writes import created, require_perm

from .. import rubric
from ..errors import EnforcementError
from ..events import Event
from ..models import CaseFileReview, GuidingCase, PenaltyCase


@transaction.atomic
def file_review_record(
    *, actor: Actor, case: PenaltyCase, scores: dict, comment: str = ""
) -> CaseFileReview:
    require_perm(
        actor,
        "enforcement.review_case_file",
        case,
        _("只有依法治县办或法制审核人员可以评查案卷"),
    )
    if case.stage != "closed":
        raise ApplicationError(_("只能评查已结案的案卷"), code=EnforcementError.NOT_CLOSED)
    try:
        total = rubric.total(scores)
    except rubric.RubricError as exc:
        raise ApplicationError(str(exc), code=EnforcementError.RUBRIC) from exc
    if CaseFileReview.objects.filter(case=case, reviewer=actor).exists():
        raise ApplicationError(_("您已评查过该案卷"), code=EnforcementError.DUPLICATE)
    review = CaseFileReview(
        case=case,
        reviewer=actor,
        scores={k: int(v) for k, v in scores.items()},
        total=total,
        grade=rubric.grade(total),
        comment=comment.strip(),
        reviewed_at=timezone.now(),
    )
    return created(review, actor=actor, action=Event.FILE_REVIEW_RECORD)


@transaction.atomic
def guiding_case_create(
    *,
    actor: Actor,
    title: str,
    field: str,
    summary: str,
    key_points: str,
    legal_basis: str = "",
    published_on: dt.date | None = None,
) -> GuidingCase:
    row = GuidingCase(
        title=title.strip(),
        field=field.strip(),
        summary=summary.strip(),
        key_points=key_points.strip(),
        legal_basis=legal_basis.strip(),
        published_on=published_on or dates.today(),
    )
    return created(
        row,
        actor=actor,
        action=Event.GUIDING_CASE_CREATE,
        perm="enforcement.manage_guiding_case",
        denied=_("只有依法治县办可以进行此操作"),
    )
