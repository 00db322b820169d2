"""Cleanup (清理): a round gives each published document a decision; publishing repeals."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dates
from fazhi.core.actors import Actor, user_or_none
from fazhi.core.errors import ApplicationError
from fazhi.core.writes import created, guarded, require_perm

from ..choices import CleanupDecisionKind, CleanupRoundStatus
from ..errors import NormdocsError
from ..events import Event
from ..models import CleanupDecision, CleanupRound, NormativeDocument
from .common import filled, published, refuse, step

MANAGE = "normdocs.manage_registry"


@transaction.atomic
def cleanup_round_create(*, actor: Actor, title: str, started_on: dt.date) -> CleanupRound:
    require_perm(actor, MANAGE, message=_("只有依法治县办或司法局可以组织清理"))
    title = filled(title, "title", _("请填写清理批次名称"))
    if CleanupRound.objects.filter(title=title).exists():
        raise refuse(_("已有同名的清理批次"), "title", _("重复"), NormdocsError.DUPLICATE_ROUND)
    return created(
        CleanupRound(title=title[:128], started_on=started_on, created_by=user_or_none(actor)),
        actor=actor,
        action=Event.CLEANUP_ROUND_CREATE,
    )


def _open_round(pk: int, message: str) -> CleanupRound:
    row = CleanupRound.objects.select_for_update().get(pk=pk)
    if row.status != CleanupRoundStatus.OPEN:
        raise ApplicationError(message, code=NormdocsError.ROUND_CLOSED)
    return row


@transaction.atomic
def cleanup_decide(
    *,
    actor: Actor,
    cleanup_round: CleanupRound,
    document: NormativeDocument,
    decision: str,
    reason: str = "",
) -> CleanupDecision:
    """Keep, amend or repeal one published document in an open round."""
    require_perm(actor, MANAGE, message=_("只有依法治县办或司法局可以作出清理结论"))
    cleanup_round = _open_round(cleanup_round.pk, _("清理结果已公布,不能再修改"))
    if decision not in CleanupDecisionKind.values:
        raise refuse(_("请选择清理结论"), "decision", _("无效"))
    published(document, "document", _("只有已公布的文件才纳入清理"))
    if decision != CleanupDecisionKind.KEEP:
        filled(reason, "reason", _("修改或废止须写明理由"))
    existing = CleanupDecision.objects.filter(round=cleanup_round, document=document).first()
    if existing is None:
        return created(
            CleanupDecision(
                round=cleanup_round,
                document=document,
                decision=decision,
                reason=reason.strip()[:255],
                decided_by=user_or_none(actor),
            ),
            actor=actor,
            action=Event.CLEANUP_DECIDE,
        )
    with guarded(CleanupDecision, existing.pk, actor=actor, action=Event.CLEANUP_DECIDE) as row:
        row.decision, row.reason = decision, reason.strip()[:255]
        row.decided_by = user_or_none(actor)
    return row


@transaction.atomic
def cleanup_round_publish(
    *, actor: Actor, cleanup_round: CleanupRound, published_on: dt.date | None = None
) -> CleanupRound:
    """Publish the result list; documents decided 'repeal' are repealed from that day."""
    require_perm(actor, MANAGE, message=_("只有依法治县办或司法局可以公布清理结果"))
    _open_round(cleanup_round.pk, _("清理结果已经公布"))
    decisions = list(
        CleanupDecision.objects.filter(round_id=cleanup_round.pk).select_related("document")
    )
    if not decisions:
        raise ApplicationError(
            _("该批次还没有任何清理结论,不能公布"), code=NormdocsError.STEP_REFUSED
        )
    published_on = published_on or dates.today()
    for decision in decisions:
        if (
            decision.decision == CleanupDecisionKind.REPEAL
            and decision.document.repealed_on is None
        ):
            g = guarded(
                NormativeDocument, decision.document_id, actor=actor, action=Event.DOCUMENT_REPEAL
            )
            with g as document:
                document.repealed_on = published_on
                g.note(cleanup_round=cleanup_round.pk)
            step(document, document.stage, published_on, actor, f"清理废止:{cleanup_round.title}")
    g = guarded(CleanupRound, cleanup_round.pk, actor=actor, action=Event.CLEANUP_ROUND_PUBLISH)
    with g as row:
        row.status, row.published_on = CleanupRoundStatus.PUBLISHED, published_on
        g.note(decisions=len(decisions))
    return row
