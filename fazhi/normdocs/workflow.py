"""The drafting procedure's order: which step may follow which, and why not. No database access.

起草 → 公开征求意见 → 合法性审核 → 集体审议 → 签发公布 → 报送备案 → 备案审查 → (纠正/撤销)
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

from .choices import Stage

# action -> (stages it may start from, stage it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "open_comment": ((Stage.DRAFTING,), Stage.PUBLIC_COMMENT),
    "submit_for_review": ((Stage.PUBLIC_COMMENT,), Stage.LEGALITY_REVIEW),
    "review_pass": ((Stage.LEGALITY_REVIEW,), Stage.COLLECTIVE_DELIBERATION),
    "review_fail": ((Stage.LEGALITY_REVIEW,), Stage.DRAFTING),
    "deliberate": ((Stage.COLLECTIVE_DELIBERATION,), Stage.DELIBERATED),
    "publish": ((Stage.DELIBERATED,), Stage.PUBLISHED),
    "file": ((Stage.PUBLISHED,), Stage.FILED),
    "filing_conform": ((Stage.FILED,), Stage.FILING_REVIEWED),
    "filing_correct": ((Stage.FILED,), Stage.CORRECTION_REQUIRED),
    "filing_revoke": ((Stage.FILED, Stage.CORRECTION_REQUIRED), Stage.REVOKED),
    "correct": ((Stage.CORRECTION_REQUIRED,), Stage.FILING_REVIEWED),
}

# What must happen before an action, in words a drafter understands.
_MISSING = {
    "open_comment": gettext_lazy("只有起草中的草案才能公开征求意见"),
    "submit_for_review": gettext_lazy("草案须先公开征求意见,期满后才能送合法性审核"),
    "review_pass": gettext_lazy("草案尚未送合法性审核"),
    "review_fail": gettext_lazy("草案尚未送合法性审核"),
    "deliberate": gettext_lazy(
        "未经合法性审核通过,不得提交集体审议;不得以征求意见、会签、参加审议等方式代替合法性审核"
    ),
    "publish": gettext_lazy("草案须经合法性审核并集体审议后才能签发公布"),
    "file": gettext_lazy("文件公布后才能报送备案"),
    "filing_conform": gettext_lazy("文件尚未报送备案,无法进行备案审查"),
    "filing_correct": gettext_lazy("文件尚未报送备案,无法进行备案审查"),
    "filing_revoke": gettext_lazy("只有已报备或被责令纠正的文件才能撤销"),
    "correct": gettext_lazy("只有被责令纠正的文件才能登记纠正"),
}


def next_stage(current: str, action: str) -> str:
    """The stage `action` leads to from `current`; raises StepRefused with the reason."""
    allowed, target = TRANSITIONS[action]
    if current not in allowed:
        raise StepRefused(
            gettext("%(reason)s(当前环节:%(stage)s)")
            % {"reason": _MISSING[action], "stage": Stage(current).label}
        )
    return target


def available_actions(current: str) -> list[str]:
    return [action for action, (allowed, _) in TRANSITIONS.items() if current in allowed]


class StepRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
