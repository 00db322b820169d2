"""The statutory order of a dossier's steps. Pure: which stage comes next, and why a step waits."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fazhi.core.errors import ApplicationError

from ..choices import Procedure, RiskLevel, Stage
from ..errors import DecisionsError

ORDER = (
    Stage.DRAFTING,
    Stage.PARTICIPATION,
    Stage.EXPERT,
    Stage.RISK,
    Stage.LEGALITY,
    Stage.DISCUSSION,
    Stage.PARTY_REPORT,
    Stage.DECIDED,
    Stage.PUBLISHED,
)
OPTIONAL = {
    Stage.PARTICIPATION: Procedure.PUBLIC_PARTICIPATION,
    Stage.EXPERT: Procedure.EXPERT_ARGUMENTATION,
    Stage.RISK: Procedure.RISK_ASSESSMENT,
}
# The article that puts each stage where it is in the order.
ARTICLE = {
    Stage.PARTICIPATION: gettext_noop("第14条、第15条"),
    Stage.EXPERT: gettext_noop("第19条"),
    Stage.RISK: gettext_noop("第22条"),
    Stage.LEGALITY: gettext_noop("第25条"),
    Stage.DISCUSSION: gettext_noop("第25条、第30条"),  # Art. 25: reviewed before discussion
    Stage.PARTY_REPORT: gettext_noop("第31条"),
    Stage.DECIDED: gettext_noop("第31条、第32条"),
    Stage.PUBLISHED: gettext_noop("第32条"),
}


# The step taken at a stage, where it reads differently from the stage's name.
STEP = {Stage.DECIDED: gettext_noop("公布决策")}


def step_label(stage: str) -> str:
    return _(STEP[stage]) if stage in STEP else Stage(stage).label


def applies(decision, stage: str) -> bool:
    if stage in OPTIONAL:
        return decision.needs(OPTIONAL[stage])
    if stage == Stage.PARTY_REPORT:
        return decision.requires_party_report
    return True


def next_stage(decision, after: str) -> str:
    later = ORDER[ORDER.index(after) + 1 :]
    return next(s for s in later if applies(decision, s))


def require_stage(decision, stage: str) -> None:
    """Refuse a step unless the dossier is at `stage`, citing the article that orders it."""
    if decision.stage == stage:
        return
    if decision.stage == Stage.RISK and decision.risk_level == RiskLevel.UNCONTROLLABLE:
        raise ApplicationError(
            _(
                "风险评估认为决策风险不可控,须先调整决策草案并重新评估,确保风险可控后才能继续"
                "(《重大行政决策程序暂行条例》第24条)"
            ),
            code=DecisionsError.RISK_UNCONTROLLABLE,
        )
    if stage in OPTIONAL and not applies(decision, stage):
        raise ApplicationError(
            _("本决策不适用“%(step)s”程序") % {"step": Stage(stage).label},
            code=DecisionsError.PROCEDURE_UNKNOWN,
        )
    current = Stage(decision.stage)
    if current in ORDER and stage in ORDER and ORDER.index(current) < ORDER.index(stage):
        message = _(
            "决策当前处于“%(current)s”阶段,“%(step)s”须在此前各项程序完成后进行"
            "(《重大行政决策程序暂行条例》%(article)s)"
        )
    else:
        message = _(
            "决策当前处于“%(current)s”阶段,不能再进行“%(step)s”(《重大行政决策程序暂行条例》"
            "%(article)s)"
        )
    raise ApplicationError(
        message
        % {"current": current.label, "step": step_label(stage), "article": _(ARTICLE[stage])},
        code=DecisionsError.OUT_OF_ORDER,
    )


def refusal(decision, stages) -> str:
    """Why a step offered only at `stages` cannot be taken now, citing the article that orders
    it; empty when the dossier is at one of them or the step is not one of the ordered steps
    (execution, change and evaluation keep the page's own message)."""
    ordered = [s for s in stages if s in ORDER and ORDER.index(s) <= ORDER.index(Stage.DECIDED)]
    if not ordered or decision.stage in stages:
        return ""
    first = min(ordered, key=ORDER.index)
    if first == Stage.DRAFTING:
        return _("决策当前处于“%(current)s”阶段,起草阶段的步骤已不能进行") % {
            "current": Stage(decision.stage).label
        }
    try:
        require_stage(decision, first)
    except ApplicationError as exc:
        return exc.message
    return ""
