"""Every read of the plans app. Statuses are computed here, from dates and reports, at query time."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from fazhi.core import dates
from fazhi.core.errors import NotFound
from fazhi.core.models import OrgUnit
from fazhi.core.names import local_name
from fazhi.core.scoping import region_prefix, user_region

from . import filters
from .cells import (
    OWING_ROLES,
    _first_lines,
    _target_cells,
    task_lines_html,
)
from .choices import NoticeStatus, OwnerRole, ReportStatus, TaskStatus
from .indicators import indicator_value, registry
from .models import (
    SEES_ALL,
    Chapter,
    Evidence,
    Obligation,
    Plan,
    PlanImport,
    ProgressReport,
    Reminder,
    SupervisionNotice,
    Target,
    Task,
    TaskAssignment,
    TaskOwner,
)

DUE_SOON_DAYS = 15


def _today(today: dt.date | None) -> dt.date:
    return dates.today(today)


def next_due(task_ref: str = "pk") -> Subquery:
    """The earliest open obligation of the task."""
    return Subquery(
        Obligation.objects.filter(task=OuterRef(task_ref), done_on__isnull=True)
        .order_by("due_on")
        .values("due_on")[:1]
    )


def status_expression(today: dt.date, prefix: str = "") -> Case:
    """not started / on track / due within 15 days / overdue / done, from `next_due` and the task."""
    return Case(
        When(**{f"{prefix}completed_on__isnull": False}, then=Value(TaskStatus.DONE.value)),
        When(next_due__lt=today, then=Value(TaskStatus.OVERDUE.value)),
        When(
            next_due__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
            then=Value(TaskStatus.DUE_SOON.value),
        ),
        When(**{f"{prefix}last_reported_on__isnull": False}, then=Value(TaskStatus.ON_TRACK.value)),
        default=Value(TaskStatus.NOT_STARTED.value),
        output_field=CharField(),
    )


def with_status(qs: QuerySet[Task], today: dt.date) -> QuerySet[Task]:
    return qs.annotate(next_due=next_due()).annotate(status=status_expression(today))


def task_status(task: Task, *, today: dt.date | None = None) -> str:
    return with_status(Task.objects.filter(pk=task.pk), _today(today)).values_list(
        "status", flat=True
    )[0]


def _assignments() -> Prefetch:
    return Prefetch(
        "assignments",
        queryset=TaskAssignment.objects.select_related("unit", "group").order_by(
            "role", "position"
        ),
    )


def task_list(
    *,
    user,
    params=None,
    plan: int | None = None,
    unit: int | None = None,
    status: str = "",
    today: dt.date | None = None,
    strict: bool = False,
    plan_obj=None,
) -> QuerySet[Task]:
    """The ledger: current tasks the user may see, each with `next_due` and `status`, filtered
    by TaskFilter (`params`: q, plan, chapter, measure, unit, role, status, year)."""
    qs = with_status(Task.objects.visible_to(user).current(), _today(today))
    if plan:
        qs = qs.filter(measure__plan_id=plan)
    if unit:
        qs = qs.filter(pk__in=TaskOwner.objects.filter(unit_id=unit).values("task_id"))
    if status:
        qs = qs.filter(status=status)
    if params:
        qs = filters.apply(filters.TaskFilter, params, qs, strict=strict, plan=plan_obj)
    return qs.select_related("measure__chapter", "measure__plan").prefetch_related(_assignments())


def task_get_for_user(*, user, task_id: int, today: dt.date | None = None) -> Task:
    """One task with everything its page shows; NotFound for missing and forbidden alike."""
    task = (
        with_status(Task.objects.visible_to(user), _today(today))
        .filter(pk=task_id)
        .select_related("measure__chapter", "measure__plan")
        .prefetch_related(
            _assignments(),
            Prefetch("obligations", queryset=Obligation.objects.order_by("due_on")),
            Prefetch("targets", queryset=Target.objects.order_by("id")),
            Prefetch(
                "reports",
                queryset=ProgressReport.objects.select_related(
                    "unit", "author", "reviewed_by", "obligation"
                ).prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("id"))),
            ),
            Prefetch("notices", queryset=SupervisionNotice.objects.select_related("unit")),
            Prefetch("reminders", queryset=Reminder.objects.select_related("unit", "sent_by")),
        )
        .first()
    )
    if task is None:
        raise NotFound(_("任务不存在或无权查看"))
    return task


def owner_units(task: Task) -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(plan_tasks__task=task).distinct().order_by("name"))


def lead_unit(task: Task) -> OrgUnit | None:
    """The unit a 督办单 goes to by default: the first lead (or responsible) unit the plan names."""
    named = (
        TaskAssignment.objects.filter(task=task, role__in=OWING_ROLES, unit__isnull=False)
        .select_related("unit")
        .order_by("role", "position")
        .first()
    )
    if named is not None:
        return named.unit
    # The plan named only groups: their first member unit.
    owner = (
        TaskOwner.objects.filter(task=task, role__in=OWING_ROLES)
        .select_related("unit")
        .order_by("role", "unit__name")
        .first()
    )
    return owner.unit if owner else None


def target_rows(targets, *, region: str | None, today: dt.date | None = None) -> list[dict]:
    """Each target with its current value: from its linked indicator (a regional one for the
    plan's `region`), or as last reported."""
    today = _today(today)
    indicators = registry()
    rows = []
    for target in targets:
        current = target.current
        source = _("填报")
        if target.indicator_key:
            year = min(today.year, target.due_on.year) if target.due_on else today.year
            current = indicator_value(target.indicator_key, year, region)
            indicator = indicators.get(target.indicator_key)
            source = indicator.label if indicator else _("指标已失效")
        ratio = None
        if current is not None and target.goal:
            ratio = round(float(current) / float(target.goal) * 100, 1)
        rows.append({"target": target, "current": current, "source": source, "ratio": ratio})
    return rows


def plan_list(*, user) -> QuerySet[Plan]:
    """The plans of the user's region (a city's or province's supervisor: and those below)."""
    return Plan.objects.visible_to(user).only(
        "id",
        "doc_number",
        "title",
        "issued_on",
        "start_year",
        "end_year",
        "region_id",
        "is_reference",
    )


def plan_get_for_user(*, user, plan_id: int | None) -> Plan | None:
    """The plan asked for, or the latest one; None when the user's region has none."""
    # By default the latest plan of the user's own government, not a higher one's reference.
    plans = plan_list(user=user).order_by("is_reference", "-issued_on", "-id")
    if plan_id:
        plan = plans.filter(pk=plan_id).first()
        if plan is None:
            raise NotFound(_("实施方案不存在"))
        return plan
    return plans.first()


class PlanChoice(NamedTuple):
    """A row of the plan switcher: a province's supervisor lists hundreds of plans, so they
    are plain rows, not model instances."""

    pk: int
    label: str
    region: str


def plans_with_chosen(*, user, plan_id: int | None) -> tuple[list[PlanChoice], Plan | None]:
    """The user's plans as the plan switcher lists them (by region code, so a city's own plans
    come before its counties', then latest first) and the plan `plan_get_for_user` gives."""
    rows = (
        plan_list(user=user)
        .order_by("region_id", "is_reference", "-issued_on", "-id")
        .values_list("pk", "doc_number", "title", "region__name")
    )
    choices = [PlanChoice(pk, number or title, region) for pk, number, title, region in rows]
    return choices, plan_get_for_user(user=user, plan_id=plan_id)


# `TaskStatus.values` builds its list on every read; the counts start from it once per chapter
# and per unit of a plan.
_STATUSES = tuple(TaskStatus.values)


def _zero() -> dict[str, int]:
    return dict.fromkeys(_STATUSES, 0)


def plan_tasks(user, plan: Plan):
    """The plan's current tasks the user sees."""
    return Task.objects.visible_to(user).current().filter(measure__plan=plan)


def status_counts(*, user, plan: Plan, today: dt.date | None = None) -> dict:
    """The plan's current tasks the user sees, counted by status: in all, by part and by lead
    or responsible unit (one row per owner line, as the plan names them). One read of each
    task's status and one of the owner lines, counted here: grouping the owner lines in SQL
    makes the database compute each task's status once per owner line."""
    today = _today(today)
    rows = (
        with_status(plan_tasks(user, plan), today)
        .order_by()
        .values_list("pk", "measure__chapter_id", "status", "next_due")
    )
    status_of: dict[int, str] = {}
    due_of: dict[int, dt.date | None] = {}
    totals = _zero()
    by_chapter: dict[int, dict[str, int]] = defaultdict(_zero)
    for pk, chapter_id, status, due in rows:
        status_of[pk], due_of[pk] = status, due
        totals[status] += 1
        by_chapter[chapter_id][status] += 1
    by_unit: dict[int, dict[str, int]] = defaultdict(_zero)
    owners = TaskOwner.objects.filter(task__measure__plan=plan, role__in=OWING_ROLES)
    for task_id, unit_id in owners.values_list("task_id", "unit_id"):
        if task_id in status_of:
            by_unit[unit_id][status_of[task_id]] += 1
    return {
        "status_of": status_of,
        "due_of": due_of,
        "totals": totals,
        "by_chapter": by_chapter,
        "by_unit": by_unit,
    }


def dashboard(*, user, plan: Plan, today: dt.date | None = None) -> dict:
    """Completion by chapter and by unit, overdue and due-soon lists, targets, a timeline."""
    today = _today(today)
    counts = status_counts(user=user, plan=plan, today=today)
    totals, by_chapter, by_unit = counts["totals"], counts["by_chapter"], counts["by_unit"]
    # a sub-select where the dashboard filters by them: an IN list of a plan's 400 ids costs
    # more to build and parse than the query to run
    tasks = plan_tasks(user, plan).values("pk")
    chapters = [
        {"chapter": c, "counts": by_chapter[c.pk], "total": sum(by_chapter[c.pk].values())}
        for c in Chapter.objects.filter(plan=plan).order_by("position")
        if c.pk in by_chapter
    ]
    names = _owner_names(list(by_unit))
    units = sorted(
        (
            {
                "unit_id": uid,
                "name": names[uid][0],
                "short_name": names[uid][1],  # without its own region's name (the chart's label)
                "counts": c,
                "total": sum(c.values()),
            }
            for uid, c in by_unit.items()
        ),
        key=lambda u: (-u["counts"][TaskStatus.OVERDUE], -u["total"], u["name"]),
    )
    timeline = list(
        Obligation.objects.filter(task__in=tasks)
        .annotate(year=ExtractYear("due_on"))
        .order_by("year")
        .values("year")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(done_on__isnull=False)),
            overdue=Count("id", filter=Q(done_on__isnull=True, due_on__lt=today)),
        )
    )
    targets = (
        Target.objects.filter(task__in=tasks)
        .annotate(measure_number=F("task__measure__number"))
        .order_by("due_on", "id")
    )
    total = sum(totals.values())
    lines = _first_lines(counts, (TaskStatus.OVERDUE.value, TaskStatus.DUE_SOON.value))
    return {
        "plan": plan,
        "today": today,
        "totals": totals,
        "total": total,
        "done_rate": round(totals[TaskStatus.DONE] * 100 / total, 1) if total else 0,
        "chapters": chapters,
        "units": units,
        "overdue": lines[TaskStatus.OVERDUE],
        "due_soon": lines[TaskStatus.DUE_SOON],
        "overdue_html": task_lines_html(lines[TaskStatus.OVERDUE]),
        "due_soon_html": task_lines_html(lines[TaskStatus.DUE_SOON]),
        "targets": _target_cells(target_rows(targets[:30], region=plan.region_id, today=today)),
        "timeline": timeline,
        **_waiting(plan, tasks),
    }


class _RegionName:
    """What `local_name` reads of a region (its name, its parent) from the names read with the
    units; a region above the three read is loaded when asked for, as the ORM would."""

    __slots__ = ("name", "_parent", "_parent_id")

    def __init__(self, name: str, parent=None, parent_id: str | None = None):
        self.name, self._parent, self._parent_id = name, parent, parent_id

    @property
    def parent(self):
        if self._parent is None and self._parent_id is not None:
            from fazhi.core.models import Region

            self._parent = Region.objects.get(pk=self._parent_id)
        return self._parent


def _owner_names(unit_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Each unit's name and its name without its region's (`local_name`), from one read of
    tuples: the unit's name and its region's, its parent's and grandparent's names (what
    selecting `region__parent__parent` gave, without building four model instances a unit)."""
    rows = OrgUnit.objects.filter(pk__in=unit_ids).values_list(
        "pk",
        "name",
        "region__name",
        "region__parent__name",
        "region__parent__parent__name",
        "region__parent__parent__parent_id",
    )
    names = {}
    for pk, name, region, parent, grandparent, above in rows:
        chain = None
        if region is not None:
            top = None
            if grandparent is not None:
                top = _RegionName(grandparent, parent_id=above)
            if parent is not None:
                top = _RegionName(parent, top)
            chain = _RegionName(region, top)
        names[pk] = (name, local_name(name, chain))
    return names


def _count(qs: QuerySet) -> Subquery:
    """`qs.count()` as a scalar sub-select (COUNT without GROUP BY: always one row)."""
    return Subquery(
        qs.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
        output_field=IntegerField(),
    )


def _waiting(plan: Plan, tasks: QuerySet) -> dict[str, int]:
    """The reports waiting for review and the notices waiting for a reply among `tasks`: the
    two counts the dashboard shows, read in one query instead of one each."""
    pending, notices = (
        Plan.objects.filter(pk=plan.pk)
        .values_list(
            _count(ProgressReport.objects.filter(task__in=tasks, status=ReportStatus.SUBMITTED)),
            _count(SupervisionNotice.objects.filter(task__in=tasks, status=NoticeStatus.ISSUED)),
        )
        .get()
    )
    return {"pending_reports": pending, "open_notices": notices}


def unit_overview(*, user, unit: OrgUnit, plan: Plan | None, today: dt.date | None = None) -> dict:
    """A unit's own page: every task it owes in the plan, its next deadline, open notices."""
    today = _today(today)
    if user.unit_id != unit.pk and not sees_region(user, unit.region_id):
        raise NotFound(_("无权查看其他单位"))
    roles: dict[int, list[str]] = defaultdict(list)
    owned = TaskOwner.objects.filter(unit=unit, task__measure__plan=plan)
    for task_id, role in owned.values_list("task_id", "role"):
        roles[task_id].append(OwnerRole(role).label)
    tasks = list(
        task_list(user=user, unit=unit.pk, plan=plan.pk if plan else -1, today=today).order_by(
            F("next_due").asc(nulls_last=True), "measure__position", "position"
        )
    )
    counts = _zero()
    for task in tasks:
        task.unit_roles = _("、").join(str(r) for r in roles[task.pk])
        counts[task.status] += 1
    notices = list(
        SupervisionNotice.objects.visible_to(user)
        .filter(unit=unit, status=NoticeStatus.ISSUED)
        .select_related("task__measure")
        .order_by("reply_due_on")
    )
    reminders = list(
        Reminder.objects.visible_to(user)
        .filter(unit=unit)
        .select_related("task__measure")
        .order_by("-sent_on", "-id")[:10]
    )
    returned = list(
        ProgressReport.objects.visible_to(user)
        .filter(unit=unit, status=ReportStatus.RETURNED)
        .select_related("task__measure")
        .order_by("-reviewed_on")[:10]
    )
    return {
        "unit": unit,
        "tasks": tasks,
        "counts": counts,
        "notices": notices,
        "reminders": reminders,
        "returned": returned,
    }


def report_list(*, user, params=None, strict: bool = False) -> QuerySet[ProgressReport]:
    """Reports the user sees (a unit its own; supervisors and leaders their region's),
    filtered by ReportFilter."""
    qs = ProgressReport.objects.visible_to(user)
    qs = filters.apply(filters.ReportFilter, params, qs, strict=strict)
    return qs.select_related("task__measure", "unit", "author").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("id"))
    )


def report_get_for_user(*, user, report_id: int) -> ProgressReport:
    try:
        return report_list(user=user).get_for_user(user, report_id)
    except NotFound as exc:
        raise NotFound(_("进展填报不存在或无权查看")) from exc


def evidence_get_for_user(*, user, evidence_id: int) -> Evidence:
    try:
        return Evidence.objects.get_for_user(user, evidence_id)
    except NotFound as exc:
        raise NotFound(_("文件不存在或无权查看")) from exc


def notice_list(*, user, params=None, strict: bool = False) -> QuerySet[SupervisionNotice]:
    """Notices the user sees (a unit those sent to it), filtered by NoticeFilter."""
    qs = SupervisionNotice.objects.visible_to(user)
    qs = filters.apply(filters.NoticeFilter, params, qs, strict=strict)
    return qs.select_related("task__measure", "unit", "issued_by", "replied_by")


def notice_get_for_user(*, user, id: int) -> SupervisionNotice:
    qs = notice_list(user=user).select_related("task__measure__plan", "issued_by__unit")
    try:
        return qs.get_for_user(user, id)
    except NotFound as exc:
        raise NotFound(_("督办单不存在或无权查看")) from exc


def target_get_for_user(*, user, target_id: int) -> Target:
    try:
        return Target.objects.select_related("task").get_for_user(user, target_id)
    except NotFound as exc:
        raise NotFound(_("目标不存在或无权查看")) from exc


def import_list(*, user) -> QuerySet[PlanImport]:
    return PlanImport.objects.visible_to(user).select_related("uploaded_by", "plan")


def import_get_for_user(*, user, import_id: int) -> PlanImport:
    try:
        return import_list(user=user).get_for_user(user, import_id)
    except NotFound as exc:
        raise NotFound(_("导入记录不存在或无权查看")) from exc


def sees_all(user) -> bool:
    """Supervisors and leaders read their whole region; anyone else their unit's rows."""
    return user.has_perm(SEES_ALL)


def sees_region(user, region_code: str) -> bool:
    """Whether a supervisor or leader reads the rows of `region_code` (their region or below)."""
    if getattr(user, "is_superuser", False):
        return True
    region = user_region(user)
    return bool(sees_all(user) and region and region_code.startswith(region_prefix(region)))
