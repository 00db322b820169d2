"""Which county task implements which measure of a higher government's plan.

A county imports its city's (or province's) plan as a reference plan: measures only, held in the
county's own region, with the higher region that issued it (`Plan.issuing_region`). The county's
rule-of-law office links each of its tasks to the higher measures it implements; a link to a
measure that is not of a reference plan issued above the task's plan is refused, saying why.
Candidates are suggested by word overlap (`suggest_links`, pure); the office confirms each one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _

from fazhi.core.errors import ApplicationError
from fazhi.core.models import Region
from fazhi.core.scoping import region_prefix, user_region
from fazhi.core.search import word_tokens
from fazhi.core.writes import guarded

from .errors import PlansError
from .events import Event
from .models import Measure, Plan, Task

# ---------------------------------------------------------------- regions (pure)


def higher_regions(code: str) -> list[str]:
    """The GB/T 2260 codes above a region, nearest first: 140222 → 140200, 140000."""
    prefix = region_prefix(code)
    above = []
    if len(prefix) == 6:
        above.append(code[:4] + "00")
    if len(prefix) >= 4:
        above.append(code[:2] + "0000")
    return above


def is_above(upper: str, lower: str) -> bool:
    """Whether `upper` is a region strictly above `lower` (a city over its counties)."""
    return upper != lower and upper in higher_regions(lower)


# ---------------------------------------------------------------- suggestions (pure)

# Words every plan uses for every measure: they say nothing about which measure a task serves.
GENERIC_WORDS = frozenset(
    (  # noqa: SIM905 - a list of words reads best as one string
        "加强 推进 推动 完善 健全 深化 落实 全面 严格 工作 建立 建设 进一步 积极 持续 开展 强化 "
        "坚持 提升 提高 实现 依法 有关 相关 各级 机制 制度 体系 切实 认真 深入 加快 不断 "
        "大力 着力 全县 全市 全省 我县 我市 我省 年度 年底 以上"
    ).split()
)


def words(text: str) -> frozenset[str]:
    """The words of a text that can tell two measures apart (two characters or more)."""
    return frozenset(
        w for w in word_tokens(text) if len(w) > 1 and w not in GENERIC_WORDS and not w.isdigit()
    )


def _shown(shared: frozenset[str]) -> tuple[str, ...]:
    """The shared words to show: longest first, without the pieces search mode also cut
    (负责人, not 负责 and 责人)."""
    whole = [w for w in shared if not any(w != o and w in o for o in shared)]
    return tuple(sorted(whole, key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Candidate:
    """A suggested link, for the office to confirm: the score and the words both texts share."""

    task_id: int
    measure_id: int
    score: float
    shared: tuple[str, ...]


def suggest_links(
    measures: Mapping[int, str],
    tasks: Mapping[int, str],
    *,
    linked: Iterable[tuple[int, int]] = (),
    per_measure: int = 3,
    threshold: float = 0.3,
) -> dict[int, list[Candidate]]:
    """For each higher measure, the county tasks whose words cover most of its words.

    The score is the share of the measure's word weight a task also carries, each word weighted
    by how rare it is among the tasks (a word every task has counts little). Pairs in `linked`
    (task id, measure id) are not suggested again.
    """
    task_words = {pk: words(text) for pk, text in tasks.items()}
    holders: dict[str, set[int]] = defaultdict(set)
    for pk, ws in task_words.items():
        for w in ws:
            holders[w].add(pk)
    n = len(task_words)
    weight = {w: math.log((n + 1) / (len(held) + 1)) + 1.0 for w, held in holders.items()}
    done = set(linked)
    out: dict[int, list[Candidate]] = {}
    for measure_id, text in measures.items():
        mine = words(text)
        # A word no task has still counts towards the measure's whole (weight as if held by none).
        total = sum(weight.get(w, math.log(n + 1) + 1.0) for w in mine)
        scores: dict[int, float] = defaultdict(float)
        for w in mine:
            for task_id in holders.get(w, ()):
                scores[task_id] += weight[w]
        best = sorted(
            (
                (-round(score / total, 3), task_id)
                for task_id, score in scores.items()
                if score / total >= threshold and (task_id, measure_id) not in done
            )
        )[:per_measure]
        found = [
            Candidate(task_id, measure_id, -score, _shown(mine & task_words[task_id]))
            for score, task_id in best
        ]
        out[measure_id] = found
    return out


# ---------------------------------------------------------------- writes


def _task_for_link(actor, task_id: int, version, action: str) -> guarded:
    return guarded(
        Task,
        task_id,
        actor=actor,
        perm="plans.link_task",
        version=version,
        action=action,
        denied=_("只有本级依法治县办可以对应上级措施"),
        queryset=Task.objects.visible_to(actor).select_related("measure__plan__region"),
    )


def _check_target(task: Task, measure: Measure) -> None:
    """Refuse a measure that is not of a reference plan issued above the task's plan."""
    own = task.measure.plan
    higher = measure.plan
    if not higher.is_reference:
        raise ApplicationError(
            _("《%(plan)s》不是参照方案:任务只能对应上级政府参照方案中的措施")
            % {"plan": higher.title},
            code=PlansError.LINK_NOT_REFERENCE,
            fields={"measure_id": _("不是参照方案的措施")},
        )
    if higher.issuing_region_id is None:
        raise ApplicationError(
            _("参照方案《%(plan)s》尚未指定发文区划,请先在对应页面指定") % {"plan": higher.title},
            code=PlansError.LINK_REGION_UNKNOWN,
            fields={"measure_id": _("参照方案未指定发文区划")},
        )
    if not is_above(higher.issuing_region_id, own.region_id):
        raise ApplicationError(
            _(
                "参照方案《%(plan)s》由%(higher)s(%(higher_code)s)发布,不是%(own)s"
                "(%(own_code)s)的上级区划:按行政区划代码(GB/T 2260),只能对应上级政府的措施"
            )
            % {
                "plan": higher.title,
                "higher": higher.issuing_region.name,
                "higher_code": higher.issuing_region_id,
                "own": own.region.name,
                "own_code": own.region_id,
            },
            code=PlansError.LINK_NOT_HIGHER,
            fields={"measure_id": _("不是上级区划的措施")},
        )


def _note(guard: guarded, measure: Measure) -> None:
    guard.note(measure=measure.pk, measure_label=str(measure), reference_plan=measure.plan_id)


@transaction.atomic
def task_link(*, actor, task_id: int, version: int | None, measure_id: int) -> Task:
    """Record that the task implements a measure of a higher government's reference plan."""
    measure = Measure.objects.select_related("plan__issuing_region", "plan__region").get_for_user(
        actor, measure_id
    )
    guard = _task_for_link(actor, task_id, version, Event.TASK_LINK)
    with guard as task:
        if task.withdrawn_on:
            raise ApplicationError(
                _("任务已在方案修订中撤销,不能再对应上级措施"), code=PlansError.LINK_TASK_WITHDRAWN
            )
        _check_target(task, measure)
        if task.implements.filter(pk=measure.pk).exists():
            raise ApplicationError(
                _("任务%(task)s已对应措施%(measure)s") % {"task": task.code, "measure": measure},
                code=PlansError.LINK_EXISTS,
            )
        task.implements.add(measure)
        _note(guard, measure)
    return task


@transaction.atomic
def task_unlink(*, actor, task_id: int, version: int | None, measure_id: int) -> Task:
    """Remove a link the office made by mistake."""
    guard = _task_for_link(actor, task_id, version, Event.TASK_UNLINK)
    with guard as task:
        measure = task.implements.filter(pk=measure_id).first()
        if measure is None:
            raise ApplicationError(
                _("任务%(task)s并未对应该措施") % {"task": task.code}, code=PlansError.LINK_MISSING
            )
        task.implements.remove(measure)
        _note(guard, measure)
    return task


@transaction.atomic
def reference_plan_set_region(*, actor, plan_id: int, region_code: str) -> Plan:
    """Say which higher government issued a reference plan (its measures are that region's)."""
    guard = guarded(
        Plan,
        plan_id,
        actor=actor,
        perm="plans.change_reference_plan",
        action=Event.REFERENCE_REGION_SET,
        denied=_("只有本级依法治县办可以指定参照方案的发文区划"),
        queryset=Plan.objects.select_related("region"),
    )
    with guard as plan:
        if not plan.is_reference:
            raise ApplicationError(
                _("《%(plan)s》不是参照方案,其发文区划就是本级区划") % {"plan": plan.title},
                code=PlansError.LINK_NOT_REFERENCE,
            )
        if not is_above(region_code, plan.region_id):
            raise ApplicationError(
                _("参照方案应由%(own)s(%(code)s)的上级政府发布:请选择市级或省级区划")
                % {"own": plan.region.name, "code": plan.region_id},
                code=PlansError.LINK_NOT_HIGHER,
                fields={"region_code": _("不是上级区划")},
            )
        region = Region.objects.filter(pk=region_code).first()
        if region is None:
            raise ApplicationError(
                _("区划代码%(code)s不在行政区划表中") % {"code": region_code},
                code=PlansError.LINK_NOT_HIGHER,
                fields={"region_code": _("未知区划")},
            )
        plan.issuing_region = region
    return plan


# ---------------------------------------------------------------- reads


def guess_issuing_region(plan: Plan) -> Region | None:
    """The higher region a reference plan names in its issuers or title (大同市人民政府 → 大同市),
    nearest first; None when it names none. Shown to the office to confirm, never applied alone."""
    text = " ".join([*(plan.issuers or []), plan.title])
    regions = Region.objects.in_bulk(higher_regions(plan.region_id))
    for code in higher_regions(plan.region_id):
        region = regions.get(code)
        if region and region.name and region.name in text:
            return region
    return None


def own_plans(*, user) -> QuerySet[Plan]:
    """The plans of the user's own region whose tasks it supervises."""
    region = user_region(user)
    return Plan.objects.visible_to(user).filter(is_reference=False, region_id=region)


def reference_plans(*, user) -> QuerySet[Plan]:
    """The higher governments' plans the user's region holds for reference."""
    region = user_region(user)
    return (
        Plan.objects.visible_to(user)
        .filter(is_reference=True, region_id=region)
        .select_related("issuing_region")
        .order_by("-issued_on", "title")
    )


def _implementing(region_id: str) -> QuerySet[Task]:
    """The current tasks of a region's own plans (those that can implement a higher measure)."""
    return Task.objects.current().filter(
        measure__plan__region_id=region_id, measure__plan__is_reference=False
    )


def unimplemented_measures(*, user, region_id: str) -> QuerySet[Measure]:
    """Measures of the region's reference plans that no current task of the region implements."""
    implementing = _implementing(region_id).filter(implements=OuterRef("pk"))
    return (
        Measure.objects.visible_to(user)
        .filter(plan__is_reference=True, plan__region_id=region_id)
        .exclude(Exists(implementing))
        .select_related("plan", "chapter")
        .order_by("plan__title", "plan_id", "position")
    )


def ledger_context(*, user, plan: Plan | None) -> dict:
    """What the ledger adds for the office and leaders: the region's 未落实的上级措施 (higher
    measures no current task implements)."""
    if plan is None or plan.is_reference or not user.has_perm("plans.view_all"):
        return {}
    if not Plan.objects.filter(is_reference=True, region_id=plan.region_id).exists():
        return {}  # no higher plan imported: nothing to count, and no "all implemented" either
    return {"open_measures": list(unimplemented_measures(user=user, region_id=plan.region_id))}


@dataclass
class BoardRow:
    """One higher measure on the linking page: its tasks, and the candidates to confirm."""

    measure: Measure
    tasks: list[Task]
    candidates: list[tuple[Task, Candidate]]


def link_board(*, user, plan: Plan, reference: Plan) -> dict:
    """The reference plan's measures beside the plan's tasks: links and suggestions."""
    tasks = list(
        Task.objects.visible_to(user)
        .current()
        .filter(measure__plan=plan)
        .select_related("measure")
        .prefetch_related(
            Prefetch("implements", queryset=Measure.objects.filter(plan=reference).only("pk"))
        )
        .order_by("measure__position", "position")
    )
    by_id = {t.pk: t for t in tasks}
    measures = list(
        Measure.objects.filter(plan=reference).select_related("chapter").order_by("position")
    )
    linked: dict[int, list[Task]] = defaultdict(list)
    pairs = []
    for task in tasks:
        for measure in task.implements.all():
            linked[measure.pk].append(task)
            pairs.append((task.pk, measure.pk))
    suggestions = suggest_links(
        {m.pk: m.title for m in measures},
        {t.pk: f"{t.measure.title} {t.text}" for t in tasks},
        linked=pairs,
    )
    rows = [
        BoardRow(
            measure=m,
            tasks=linked.get(m.pk, []),
            candidates=[(by_id[c.task_id], c) for c in suggestions.get(m.pk, [])],
        )
        for m in measures
    ]
    return {
        "rows": rows,
        "tasks": tasks,
        "total": len(rows),
        "open": sum(1 for r in rows if not r.tasks),
    }


def links(*, user, plan_id: int | None = None, reference_id: int | None = None) -> QuerySet:
    """Every (task, higher measure) link the user may read, for the API."""
    through = Task.implements.through
    visible = Task.objects.visible_to(user).values("pk")
    qs = through.objects.filter(task_id__in=visible).select_related(
        "task__measure", "measure__plan__issuing_region"
    )
    if plan_id:
        qs = qs.filter(task__measure__plan_id=plan_id)
    if reference_id:
        qs = qs.filter(measure__plan_id=reference_id)
    return qs.order_by("task__measure__plan_id", "task__measure__position", "task__position", "id")
