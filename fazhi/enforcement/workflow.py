"""The general-procedure penalty case (普通程序) as a state machine. Pure: no database access;
the only Django import is gettext, so that the reasons read in the interface language.

`next_stage(action, facts)` either returns the stage the case moves to or raises `Refused`
with every reason in plain language (Chinese, or English when the interface is English). Services build `CaseFacts` from the database, call this,
and only then write. The order follows 行政处罚法 (2021): filing (Art. 54), investigation by
at least two credentialed officers (Art. 42, 55), notice of rights before a decision (Art. 44)
with a 5-working-day hearing request window (Art. 64), legal review before a major decision
(Art. 58), collective discussion for complex or serious cases (Art. 57), a decision within
the period from filing (Art. 60), service (Art. 61), execution and closing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import day

FILED = "filed"
INVESTIGATING = "investigating"
NOTIFIED = "notified"
HEARING = "hearing"
LEGAL_REVIEW = "legal_review"
COLLECTIVE = "collective"
DECIDED = "decided"
SERVED = "served"
EXECUTED = "executed"
CLOSED = "closed"

STAGE_ORDER = (
    FILED,
    INVESTIGATING,
    NOTIFIED,
    HEARING,
    LEGAL_REVIEW,
    COLLECTIVE,
    DECIDED,
    SERVED,
    EXECUTED,
    CLOSED,
)
BEFORE_DECISION = frozenset(STAGE_ORDER[:6])
PRE_DECISION_REVIEWABLE = frozenset({NOTIFIED, HEARING, LEGAL_REVIEW, COLLECTIVE})

# action -> stages it may be taken from
ALLOWED_FROM: dict[str, frozenset[str]] = {
    "assign": frozenset({FILED, INVESTIGATING}),
    "investigate": frozenset({FILED}),
    "add_evidence": frozenset({INVESTIGATING, NOTIFIED, HEARING}),
    # A new notice before the decision when a heavier penalty is intended (Art. 44, 45).
    "notify": frozenset({INVESTIGATING, NOTIFIED, HEARING, LEGAL_REVIEW, COLLECTIVE}),
    "waive": frozenset({NOTIFIED}),
    "request_hearing": frozenset({NOTIFIED}),
    "hold_hearing": frozenset({HEARING}),
    "submit_review": frozenset({NOTIFIED, HEARING, COLLECTIVE}),
    "review": frozenset({LEGAL_REVIEW}),
    "discuss": frozenset({NOTIFIED, HEARING, LEGAL_REVIEW}),
    "extend": BEFORE_DECISION,
    "decide": PRE_DECISION_REVIEWABLE,
    "serve": frozenset({DECIDED}),
    "publish": frozenset({DECIDED, SERVED, EXECUTED, CLOSED}),
    "execute": frozenset({SERVED}),
    "close": frozenset({SERVED, EXECUTED}),
}


class Refused(Exception):
    """The action is not allowed now; `reasons` lists why, each a full sentence."""

    def __init__(self, reasons: list[str]):
        super().__init__(";".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class CaseFacts:
    stage: str
    today: dt.date
    credentialed_officers: int = 0
    evidence_count: int = 0
    has_proposal: bool = False  # circumstance level and intended penalty chosen
    is_major: bool = False  # needs legal review (Art. 58)
    is_serious: bool = False  # needs collective discussion (Art. 57)
    hearing_request_due: dt.date | None = None
    rights_waived: bool = False
    hearing_requested: bool = False
    hearing_held: bool = False
    review_passed: bool = False
    collective_done: bool = False
    decision_due: dt.date | None = None
    decision_no_penalty: bool = False
    fine_outside_range: bool = False
    outside_range_reason: str = ""
    heavier_than_notified: bool = False  # decided penalty heavier than the one notified
    published: bool = False


def _statement_period_over(facts: CaseFacts) -> bool:
    if facts.rights_waived or facts.hearing_requested:
        return True
    return facts.hearing_request_due is not None and facts.today > facts.hearing_request_due


def _hearing_refusals(facts: CaseFacts) -> list[str]:
    reasons = []
    if facts.hearing_requested and not facts.hearing_held:
        reasons.append(_("当事人已申请听证,须先举行听证"))
    if not _statement_period_over(facts):
        reasons.append(
            _("陈述申辩和申请听证期限(%(date)s)尚未届满,当事人也未放弃,不能进入下一步")
            % {"date": day(facts.hearing_request_due)}
            if facts.hearing_request_due
            else _("尚未告知当事人陈述申辩和听证权利")
        )
    return reasons


def _officer_refusals(facts: CaseFacts) -> list[str]:
    if facts.credentialed_officers < 2:
        return [
            _(
                "本案持有效执法证的执法人员只有 %(count)s 名,"
                "执法人员不得少于两人(行政处罚法第四十二条)"
            )
            % {"count": facts.credentialed_officers}
        ]
    return []


def refusals(action: str, facts: CaseFacts, *, approved: bool = True) -> list[str]:
    """Every reason the action may not be taken now; empty when it may."""
    allowed = ALLOWED_FROM.get(action)
    if allowed is None:
        return [_("未知操作:%(action)s") % {"action": action}]
    if facts.stage not in allowed:
        return [
            _("案件当前处于“%(stage)s”阶段,不能%(action)s")
            % {"stage": STAGE_LABELS[facts.stage], "action": ACTION_LABELS[action]}
        ]
    reasons: list[str] = []
    if action in ("investigate", "notify", "decide"):
        reasons += _officer_refusals(facts)
    if action == "notify":
        if facts.evidence_count < 1:
            reasons.append(_("尚未登记任何证据,不能告知拟处罚决定"))
        if not facts.has_proposal:
            reasons.append(_("请先选择违法情节并填写拟处罚内容"))
    elif action == "request_hearing":
        if facts.rights_waived:
            reasons.append(_("当事人已放弃听证权利"))
        elif facts.hearing_request_due and facts.today > facts.hearing_request_due:
            reasons.append(
                _("申请听证期限已于%(date)s届满(告知后5个工作日,行政处罚法第六十四条)")
                % {"date": day(facts.hearing_request_due)}
            )
    elif action == "waive" and facts.hearing_requested:
        reasons.append(_("当事人已申请听证"))
    elif action == "hold_hearing" and facts.hearing_held:
        reasons.append(_("听证已举行"))
    elif action == "submit_review":
        if facts.stage != COLLECTIVE:
            reasons += _hearing_refusals(facts)
        if facts.review_passed:
            reasons.append(_("法制审核已通过,无需再次提交"))
    elif action == "review" and facts.review_passed:
        reasons.append(_("法制审核已通过"))
    elif action == "discuss":
        if facts.stage != LEGAL_REVIEW:
            reasons += _hearing_refusals(facts)
        elif not facts.review_passed:
            reasons.append(_("法制审核尚未出具同意意见,不能提交集体讨论"))
        if facts.is_major and not facts.review_passed:
            reasons.append(_("重大执法决定应先经法制审核,再集体讨论"))
    elif action == "decide":
        if facts.stage in (NOTIFIED, HEARING):
            reasons += _hearing_refusals(facts)
        if facts.stage == LEGAL_REVIEW and not facts.review_passed:
            reasons.append(_("法制审核尚未出具同意意见"))
        if facts.is_major and not facts.review_passed:
            reasons.append(
                _(
                    "本案属于重大执法决定,未经法制审核或审核未通过的,"
                    "不得作出决定(行政处罚法第五十八条)"
                )
            )
        if facts.is_serious and not facts.collective_done:
            reasons.append(
                _(
                    "情节复杂或重大违法行为给予行政处罚,"
                    "应当由负责人集体讨论决定(行政处罚法第五十七条)"
                )
            )
        if facts.heavier_than_notified:
            reasons.append(
                _(
                    "决定的处罚重于已告知的拟处罚,须先重新告知当事人并听取陈述申辩"
                    "(行政处罚法第四十四条、第四十五条、第六十二条);重大执法决定还须重新法制审核"
                )
            )
        if facts.fine_outside_range and not facts.outside_range_reason.strip():
            reasons.append(_("处罚金额超出裁量基准范围,必须书面说明理由"))
        if facts.decision_due and facts.today > facts.decision_due:
            reasons.append(
                _("办案期限已于%(date)s届满,请先办理延期审批(行政处罚法第六十条)")
                % {"date": day(facts.decision_due)}
            )
    elif action == "execute" and facts.decision_no_penalty:
        reasons.append(_("不予处罚决定无需执行,可直接结案"))
    elif action == "close" and facts.stage == SERVED and not facts.decision_no_penalty:
        reasons.append(_("处罚决定尚未执行完毕,不能结案"))
    elif action == "publish" and facts.published:
        reasons.append(_("该决定已公示"))
    return reasons


def next_stage(action: str, facts: CaseFacts, *, approved: bool = True) -> str:
    """The stage after `action`; raises Refused when it may not be taken."""
    reasons = refusals(action, facts, approved=approved)
    if reasons:
        raise Refused(reasons)
    if action == "review":
        return LEGAL_REVIEW if approved else INVESTIGATING
    return _TARGET.get(action, facts.stage)


def available_actions(stage: str) -> list[str]:
    """Actions whose stage rule admits `stage` (guards may still refuse them)."""
    return [a for a, stages in ALLOWED_FROM.items() if stage in stages]


def offered_actions(facts: CaseFacts) -> list[str]:
    """What a page offers: the stage's actions minus those already done or pointless now."""
    done = {
        "publish": facts.published,
        "waive": facts.rights_waived or facts.hearing_requested,
        "request_hearing": facts.rights_waived or facts.hearing_requested,
        "hold_hearing": facts.hearing_held,
        "submit_review": facts.review_passed,
        "review": facts.review_passed,
        "execute": facts.decision_no_penalty,
        "discuss": facts.collective_done,
    }
    return [a for a in available_actions(facts.stage) if not done.get(a, False)]


_TARGET = {
    "investigate": INVESTIGATING,
    "notify": NOTIFIED,
    "request_hearing": HEARING,
    "submit_review": LEGAL_REVIEW,
    "discuss": COLLECTIVE,
    "decide": DECIDED,
    "serve": SERVED,
    "execute": EXECUTED,
    "close": CLOSED,
}

STAGE_LABELS = {
    FILED: gettext_lazy("已立案"),
    INVESTIGATING: gettext_lazy("调查取证"),
    NOTIFIED: gettext_lazy("已告知权利"),
    HEARING: gettext_lazy("听证"),
    LEGAL_REVIEW: gettext_lazy("法制审核"),
    COLLECTIVE: gettext_lazy("集体讨论"),
    DECIDED: gettext_lazy("已作出决定"),
    SERVED: gettext_lazy("已送达"),
    EXECUTED: gettext_lazy("已执行"),
    CLOSED: gettext_lazy("已结案"),
}
ACTION_LABELS = {
    "assign": gettext_lazy("指派执法人员"),
    "investigate": gettext_lazy("开始调查"),
    "add_evidence": gettext_lazy("登记证据"),
    "notify": gettext_lazy("告知陈述申辩和听证权利"),
    "waive": gettext_lazy("登记当事人放弃陈述申辩和听证"),
    "request_hearing": gettext_lazy("登记听证申请"),
    "hold_hearing": gettext_lazy("举行听证"),
    "submit_review": gettext_lazy("提交法制审核"),
    "review": gettext_lazy("出具法制审核意见"),
    "discuss": gettext_lazy("集体讨论"),
    "extend": gettext_lazy("延长办案期限"),
    "decide": gettext_lazy("作出决定"),
    "serve": gettext_lazy("送达"),
    "publish": gettext_lazy("公示决定"),
    "execute": gettext_lazy("执行"),
    "close": gettext_lazy("结案"),
}
