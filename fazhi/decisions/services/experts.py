"""The expert pool, the verifiable draw of experts, their opinions (Arts. 19–21), legal advisers.

The draw is enforcement's double-random draw (`fazhi.enforcement.draw`, HMAC-SHA256-rank/v1):
the canonical candidate list and the seed's commitment are fixed first, the seed is revealed
when the draw runs, and anyone can recompute the ranking. The candidates are the active experts
of the field, less those who declared a conflict with the deciding body or the drafting unit;
the selection is the first `count` of the full ranking.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.errors import ApplicationError
from fazhi.core.validators import past_date
from fazhi.core.writes import created, guarded, require_perm
from fazhi.enforcement import draw as algorithm

from ..choices import Stage
from ..errors import DecisionsError, invalid
from ..events import Event
from ..models import Decision, Expert, ExpertDraw, ExpertOpinion, LegalAdviser
from .order import next_stage, require_stage
from .steps import DRAFT, LAW, dossier_step


def conflicted(expert: Expert, decision: Decision) -> bool:
    units = {u.pk for u in expert.conflict_units.all()}
    return bool(units & {decision.body_id, decision.drafting_unit_id})


@transaction.atomic
def expert_create(
    *,
    actor,
    code: str,
    name: str,
    fields,
    employer: str,
    keeper,
    contact: str = "",
    conflict_units=(),
    conflict_note: str = "",
) -> Expert:
    expert = Expert(
        code=code.strip(),
        name=name.strip(),
        fields=[f.strip() for f in fields if f.strip()],
        employer=employer,
        contact=contact,
        keeper=keeper,
        conflict_note=conflict_note,
    )
    try:
        algorithm.canonical_target_list([expert.code])
    except algorithm.DrawError as exc:
        raise invalid(str(exc), "code") from exc
    created(expert, actor=actor, action=Event.EXPERT_CREATE, perm="decisions.manage_experts")
    expert.conflict_units.set(conflict_units)
    return expert


@transaction.atomic
def adviser_create(*, actor, name: str, kind: str, employer: str, unit) -> LegalAdviser:
    adviser = LegalAdviser(name=name.strip(), kind=kind, employer=employer, unit=unit)
    return created(
        adviser, actor=actor, action=Event.ADVISER_CREATE, perm="decisions.manage_experts"
    )


@transaction.atomic
def draw_commit(
    *, actor, decision_id: int, version: int | None, field: str, count: int
) -> ExpertDraw:
    g = dossier_step(decision_id, actor=actor, version=version, action=Event.DRAW_COMMIT)
    with g as decision:
        require_stage(decision, Stage.EXPERT)
        active = Expert.objects.filter(is_active=True).prefetch_related("conflict_units")
        pool = [e for e in active if field in e.fields]
        excluded = sorted(e.code for e in pool if conflicted(e, decision))
        candidates = [e.code for e in pool if e.code not in excluded]
        if count < 1 or count > len(candidates):
            message = _(
                "“%(field)s”领域可抽取的专家(已回避利害关系人)只有%(n)s名,不足%(count)s名"
            ) % {"field": field, "n": len(candidates), "count": count}
            raise invalid(message, "count", DecisionsError.DRAW_POOL)
        listing = algorithm.canonical_target_list(candidates)
        seed = algorithm.new_seed()
        draw = ExpertDraw(
            decision=decision,
            field=field,
            count=count,
            candidates=listing.decode("utf-8"),
            candidates_sm3=algorithm.list_hashes(listing)[0],
            excluded=excluded,
            commitment=algorithm.commitment(seed),
            sealed_seed=seed,
        )
        created(draw, actor=actor, action=Event.DRAW_COMMIT)
        g.note(draw=draw.pk, commitment=draw.commitment, excluded=excluded)
    return draw


@transaction.atomic
def draw_run(*, actor, draw_id: int) -> ExpertDraw:
    g = guarded(ExpertDraw, draw_id, actor=actor, action=Event.DRAW_RUN)
    with g as draw:
        require_perm(actor, DRAFT, draw.decision)
        if draw.seed:
            raise ApplicationError(_("该次抽取已经完成,不能重抽"), code=DecisionsError.DRAW_STATE)
        ids = algorithm.parse_target_list(draw.candidates.encode("utf-8"))
        ranking = algorithm.run(ids, draw.sealed_seed, 10000)[: draw.count]
        rendered = algorithm.render(ranking)
        draw.seed = draw.sealed_seed
        draw.selection = rendered.decode("utf-8")
        draw.selection_sha256 = algorithm.selection_hash(rendered)
        draw.drawn_at = timezone.now()
        draw.selected.set(Expert.objects.filter(code__in=[s.target_id for s in ranking]))
        g.note(selected=[s.target_id for s in ranking])
    return draw


def recompute(draw: ExpertDraw) -> str:
    """What anyone can check: the selection recomputed from the published list and seed."""
    ids = algorithm.parse_target_list(draw.candidates.encode("utf-8"))
    if algorithm.commitment(draw.seed) != draw.commitment:
        raise ApplicationError(_("种子与事先公布的承诺值不符"), code=DecisionsError.DRAW_STATE)
    return algorithm.render(algorithm.run(ids, draw.seed, 10000)[: draw.count]).decode("utf-8")


@transaction.atomic
def decision_record_opinion(
    *,
    actor,
    decision_id: int,
    version: int | None,
    expert: Expert,
    text: str,
    dissenting: bool,
    given_on: dt.date,
) -> ExpertOpinion:
    past_date(given_on, label=_("出具日期"), field="given_on")
    g = dossier_step(
        decision_id, actor=actor, version=version, action=Event.DECISION_RECORD_OPINION
    )
    with g as decision:
        require_stage(decision, Stage.EXPERT)
        if not decision.draws.filter(selected=expert).exists():
            raise ApplicationError(
                _("%(expert)s不是本决策随机抽取的论证专家") % {"expert": expert.name},
                code=DecisionsError.EXPERT_NOT_DRAWN,
                fields={"expert": _("未经抽取")},
            )
        if conflicted(expert, decision):
            raise ApplicationError(
                _("%(expert)s已申报与本决策有利害关系,应当回避(%(law)s第20条)")
                % {"expert": expert.name, "law": LAW},
                code=DecisionsError.EXPERT_CONFLICT,
                fields={"expert": _("应当回避")},
            )
        opinion = ExpertOpinion(
            decision=decision, expert=expert, text=text, dissenting=dissenting, given_on=given_on
        )
        created(opinion, actor=actor, action=Event.DECISION_RECORD_OPINION)
        g.note(opinion=opinion.pk, expert=expert.code)
    return opinion


@transaction.atomic
def decision_finish_expert(
    *,
    actor,
    decision_id: int,
    version: int | None,
    summary: str,
    done_on: dt.date,
    dissent_note: str = "",
) -> Decision:
    past_date(done_on, label=_("完成日期"), field="done_on")
    g = dossier_step(decision_id, actor=actor, version=version, action=Event.DECISION_FINISH_EXPERT)
    with g as decision:
        require_stage(decision, Stage.EXPERT)
        if not decision.opinions.exists():
            raise ApplicationError(
                _("尚无专家的书面论证意见(%(law)s第19条、第20条)") % {"law": LAW},
                code=DecisionsError.EXPERT_OPINION_MISSING,
            )
        if not summary.strip():
            raise invalid(_("请综述专家论证意见及不同意见"), "summary")
        # Art. 20: dissenting experts are sought; without a dissenting opinion, say how.
        if not decision.opinions.filter(dissenting=True).exists() and not dissent_note.strip():
            message = _(
                "没有专家提出不同意见;请说明如何注重选择持不同意见的专家(%(law)s第20条)"
            ) % {"law": LAW}
            raise invalid(message, "dissent_note", DecisionsError.DISSENT_NOT_SOUGHT)
        decision.expert_dissent_note = dissent_note.strip()
        decision.expert_summary = summary.strip()
        decision.expert_done_on = done_on
        decision.stage = next_stage(decision, Stage.EXPERT)
    return decision


@transaction.atomic
def decision_run_draw(*, actor, decision_id: int, version: int | None = None) -> ExpertDraw:
    """Run the decision's committed draw that has not run yet (the dossier page's button)."""
    draw = ExpertDraw.objects.filter(decision_id=decision_id, seed="").order_by("-id").first()
    if draw is None:
        raise ApplicationError(_("没有待抽取的专家抽取"), code=DecisionsError.DRAW_STATE)
    return draw_run(actor=actor, draw_id=draw.pk)
