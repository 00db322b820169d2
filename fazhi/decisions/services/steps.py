"""The guard every step on a decision's dossier takes, and the statute the refusals cite."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fazhi.core.writes import guarded

from ..models import Decision

DRAFT = "decisions.draft_decision"
REVIEW = "decisions.review_decision"
LAW = gettext_lazy("《重大行政决策程序暂行条例》")


def dossier_step(decision_id: int, *, actor, version: int | None, action: str, perm=DRAFT, **kw):
    """`guarded` on the decision: row lock, the permission with the decision, version, audit;
    an `allowed` tuple names the stages (`Decision.stage`) the step may be taken at."""
    return guarded(
        Decision,
        decision_id,
        actor=actor,
        perm=perm,
        version=version,
        action=action,
        status_field="stage",
        **kw,
    )
