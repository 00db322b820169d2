"""Every read of the plans app. Statuses are computed here, from dates and reports, at query time."""

from __future__ import annotations

import datetime as dt
import html
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
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
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from fazhi.core import dates
from fazhi.core.errors import NotFound
from fazhi.core.models import OrgUnit
from fazhi.core.names import local_name
from fazhi.core.scoping import region_prefix, user_region
from fazhi.plans.numbers import chinese_number

from . import filters
from .choices import STATUS_COLOURS, NoticeStatus, OwnerRole, ReportStatus, TaskStatus
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
OWING_ROLES = (OwnerRole.LEAD, OwnerRole.RESPONSIBLE)


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


@dataclass(frozen=True)
class LedgerRow:
    """One ledger row, formatted here rather than in the template (the page shows 50)."""

    pk: int
    url: str
    code: str
    measure: str
    text: str
    implements: list[tuple[int, str]]
    lead: str
    participating: str
    due: str
    badge: str
    percent: int
    status: str
    status_badge: str


def status_badge(status: str) -> str:
    return format_html(
        '<span class="badge text-bg-{}" data-status="{}">{}</span>',
        STATUS_COLOURS[status],
        status,
        TaskStatus(status).label,
    )


# What a ledger row reads of its task: plain tuples, no model instances (the page shows 50 rows,
# the export a plan's hundreds).
LEDGER_FIELDS = (
    "pk",
    "position",
    "text",
    "percent_done",
    "completed_on",
    "next_due",
    "status",
    "measure__number",
    "measure__title",
)


def unit_names(**task_filter) -> dict[int, tuple[str, str]]:
    """(lead and responsible, participating) unit names of each task matching `task_filter`
    (`task_id__in=…` or `task__measure__plan=…`), as the plan names them, in one query: what
    `Task.lead_names` and `participating_names` give one task from its prefetched assignments."""
    lead: dict[int, list[str]] = defaultdict(list)
    participating: dict[int, list[str]] = defaultdict(list)
    rows = (
        TaskAssignment.objects.filter(**task_filter)
        .order_by("task_id", "role", "position")
        .values_list("task_id", "role", "raw", "unit__name", "group__name")
    )
    for task_id, role, raw, unit, group in rows:
        name = unit or group or raw
        if role in OWING_ROLES:
            lead[task_id].append(name)
        elif role == OwnerRole.PARTICIPATING:
            participating[task_id].append(name)
    return defaultdict(
        lambda: ("", ""),
        {
            pk: ("、".join(lead.get(pk, ())), "、".join(participating.get(pk, ())))
            for pk in lead.keys() | participating.keys()
        },
    )


def truncate(text: str, length: int) -> str:
    """`Truncator(text).chars(length)`, the same string, without its cost where nothing is cut
    (most ledger cells): Truncator's result is the NFC form, and a text no longer than `length`
    code points is never cut (combining characters only make it count shorter)."""
    text = unicodedata.normalize("NFC", str(text))
    if len(text) <= length:
        return text
    return Truncator(text).chars(length)


def measure_label(number: int) -> str:
    """(十九): what `Measure.label` gives a measure row."""
    return f"({chinese_number(number)})"


def _implements(task_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """The higher measures each task implements, labelled for the ledger, in one query."""
    through = Task.implements.through.objects.filter(task_id__in=task_ids)
    rows = through.order_by("measure__plan_id", "measure__position").values_list(
        "task_id", "measure_id", "measure__number", "measure__title", "measure__plan__title"
    )
    out: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for task_id, pk, number, title, plan_title in rows:
        out[task_id].append(
            (
                pk,
                _("落实《%(plan)s》%(measure)s")
                % {
                    "plan": truncate(plan_title, 24),
                    "measure": f"{measure_label(number)}{title}",
                },
            )
        )
    return out


_URL_KEY = 987654321  # a placeholder key no address contains otherwise


def ledger_rows(tasks: QuerySet[Task]) -> list[LedgerRow]:
    """The ledger page's rows of a `task_list` queryset (one page of it): three queries (the
    tasks as tuples, their unit lines, the higher measures they implement), formatted here."""
    from fazhi.core.templatetags.fazhi import deadline_badge

    rows = list(tasks.prefetch_related(None).values_list(*LEDGER_FIELDS))
    ids = [row[0] for row in rows]
    names = unit_names(task_id__in=ids) if ids else {}
    implements = _implements(ids) if ids else {}
    done_text = _("%(date)s完成")
    badges = {s: status_badge(s) for s in TaskStatus.values}
    # One reverse for the page: the task's address with a placeholder key, filled per row.
    url_head, url_tail = reverse("plans:task_detail", args=[_URL_KEY]).split(str(_URL_KEY))
    deadlines: dict[tuple, str] = {}  # (date, done): the badge, the same for every row
    out = []
    for pk, position, text, percent, completed_on, next_due, status, number, title in rows:
        if next_due:
            key = (next_due, bool(completed_on))
            if key not in deadlines:
                deadlines[key] = deadline_badge(next_due, completed_on)
            due, badge = dates.day(next_due), deadlines[key]
        elif completed_on:
            due, badge = done_text % {"date": dates.day(completed_on)}, ""
        else:
            due, badge = "—", ""
        lead, participating = names[pk]
        out.append(
            LedgerRow(
                pk=pk,
                url=f"{url_head}{pk}{url_tail}",
                code=f"{measure_label(number)}-{position}",
                measure=truncate(title, 12),
                text=truncate(text, 120),
                implements=implements.get(pk, []),
                lead=lead,
                participating=truncate(participating, 60),
                due=due,
                badge=badge,
                percent=percent,
                status=status,
                status_badge=badges[status],
            )
        )
    return out


def _escaped(value) -> str:
    """What the template's `{{ value }}` prints (autoescape on): a safe string as is, anything
    else as its text with & < > " ' escaped (`conditional_escape`, without its lazy wrapper)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def ledger_rows_html(rows: list[LedgerRow]) -> str:
    """The ledger table's rows, printed here once instead of by the template's loop (50 rows of
    ten variables each): byte for byte what `partials/task_table.html`'s loop gave, the newline
    and indentation before each `<tr>` included."""
    out = []
    for row in rows:
        implements = "".join(
            f'<div class="text-success" data-implements="{pk}"><i class="bi bi-diagram-3"></i>'
            f" {_escaped(label)}</div>"
            for pk, label in row.implements
        )
        badge = f"<br>{_escaped(row.badge)}" if row.badge else ""
        out.append(
            f'\n  <tr data-task="{row.pk}">\n'
            f'    <td class="text-nowrap"><a href="{_escaped(row.url)}">{_escaped(row.code)}</a>'
            f'<div class="small text-muted">{_escaped(row.measure)}</div></td>\n'
            f'    <td class="small">{_escaped(row.text)}{implements}</td>\n'
            f'    <td class="small">{_escaped(row.lead)}</td>\n'
            f'    <td class="small text-muted">{_escaped(row.participating)}</td>\n'
            f'    <td class="small text-nowrap">{_escaped(row.due)}{badge}</td>\n'
            f'    <td class="small">{row.percent}%</td>\n'
            f"    <td>{_escaped(row.status_badge)}</td>\n"
            "  </tr>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


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


def plans_with_chosen(*, user, plan_id: int | None) -> tuple[list[Plan], Plan | None]:
    """The user's plans as the plan switcher lists them (`plan_list`) and, chosen from the
    same read, the plan `plan_get_for_user` gives: one query where a page shows both."""
    plans = list(plan_list(user=user))
    if plan_id:
        plan = next((p for p in plans if p.pk == plan_id), None)
        if plan is None:
            raise NotFound(_("实施方案不存在"))
        return plans, plan
    if not plans:
        return plans, None
    # ORDER BY is_reference, issued_on DESC, id DESC, as the database sorts a missing date
    # (PostgreSQL: above every date, so first when descending; SQLite: below, so last).
    undated_first = connection.features.nulls_order_largest

    def key(p: Plan):
        dated = p.issued_on is not None
        return (
            p.is_reference,
            dated if undated_first else not dated,
            -p.issued_on.toordinal() if dated else 0,
            -p.pk,
        )

    return plans, min(plans, key=key)


def _zero() -> dict[str, int]:
    return dict.fromkeys(TaskStatus.values, 0)


def _plan_tasks(user, plan: Plan):
    """The plan's current tasks the user sees (a sub-select where the dashboard filters by them:
    an IN list of a plan's 400 ids costs more to build and parse than the query to run)."""
    return Task.objects.visible_to(user).current().filter(measure__plan=plan)


def status_counts(*, user, plan: Plan, today: dt.date | None = None) -> dict:
    """The plan's current tasks the user sees, counted by status: in all, by part and by lead
    or responsible unit (one row per owner line, as the plan names them). One read of each
    task's status and one of the owner lines, counted here: grouping the owner lines in SQL
    makes the database compute each task's status once per owner line."""
    today = _today(today)
    rows = (
        with_status(_plan_tasks(user, plan), today)
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
    tasks = _plan_tasks(user, plan).values("pk")
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


def chapter_rows_html(chapters: list[dict], ledger_url: str, plan_pk: int) -> str:
    """The dashboard's table by part, byte for byte what its template loop printed (the
    heading as `chapter_heading:22` gave it, the three counts linked to the ledger)."""
    from .templatetags.plans_tags import chapter_heading

    head = f"{_printed(ledger_url)}?plan={plan_pk}&chapter="
    return mark_safe(  # noqa: S308 (every value below is escaped)
        "".join(
            f"<tr><td>{_printed(chapter_heading(c['chapter'], 22))}</td>"
            f'<td class="text-end"><a href="{head}{c["chapter"].pk}">{c["total"]}</a></td>'
            f'<td class="text-end"><a href="{head}{c["chapter"].pk}&status=done">'
            f"{c['counts']['done']}</a></td>"
            f'<td class="text-end"><a class="text-danger" href="{head}{c["chapter"].pk}'
            f'&status=overdue">{c["counts"]["overdue"]}</a></td></tr>'
            for c in chapters
        )
    )


def _target_cells(rows: list[dict]) -> list[dict]:
    """The dashboard's target rows with the cells its table formats (the address, the measure,
    the two values, the source's page, the year) made here once per row: what the template's
    `url`, `floatformat:"-2"`, `target_source_url` and `date:_("Y年")|default:_("每年")` gave."""
    from django.template.defaultfilters import date as date_filter
    from django.template.defaultfilters import floatformat

    from .templatetags.plans_tags import target_source_url

    url_head, url_tail = reverse("plans:task_detail", args=[_URL_KEY]).split(str(_URL_KEY))
    year_format, every_year = _("Y年"), _("每年")
    not_reported = _("未填报")
    for row in rows:
        target = row["target"]
        current = row["current"]
        row.update(
            url=f"{url_head}{target.task_id}{url_tail}",
            measure=measure_label(target.measure_number),
            current_text=None if current is None else floatformat(current, "-2"),
            goal_text=floatformat(target.goal, "-2"),
            source_url=target_source_url(target),
            year=date_filter(target.due_on, year_format) or every_year,
        )
        row["html"] = _target_row_html(row, not_reported)
    return rows


def _printed(value) -> str:
    """What the template's `{{ value }}` prints: localized (numbers, dates), then escaped."""
    return conditional_escape(localize(value))


def _target_row_html(row: dict, not_reported: str) -> str:
    """A target's row of the dashboard's table, byte for byte what its template loop printed
    from the same cells (`dashboard.html` before the rows were printed here)."""
    target, ratio = row["target"], row["ratio"]
    unit = _printed(target.unit)
    current = "—" if row["current_text"] is None else f"{_printed(row['current_text'])}{unit}"
    source = _printed(row["source"])
    if row["source_url"]:
        source = f'<a class="link-secondary" href="{_printed(row["source_url"])}">{source}</a>'
    if ratio is None:
        bar = f'<span class="text-muted">{_printed(not_reported)}</span>'
    else:
        shown = _printed(ratio)
        bar = (
            f'<div class="progress" role="progressbar" aria-valuenow="{shown}"'
            ' aria-valuemin="0" aria-valuemax="100"><div class="progress-bar'
            f' {"bg-success" if ratio >= 100 else ""}"'
            f' style="width:{"100" if ratio > 100 else shown}%">{shown}%</div></div>'
        )
    return mark_safe(  # noqa: S308 (every value below is escaped)
        f'<tr><td class="text-nowrap"><a href="{_printed(row["url"])}">'
        f"{_printed(row['measure'])}</a></td><td>{_printed(target.text)}</td>"
        f'<td class="text-end">{_printed(target.baseline or "—")}</td>'
        f'<td class="text-end">{current}<div class="text-muted">{source}</div></td>'
        f'<td class="text-end">{_printed(row["goal_text"])}{unit}</td>\n'
        f'<td>{bar}</td><td class="text-nowrap">{_printed(row["year"])}</td></tr>'
    )


def task_lines_html(lines: list[TaskLine]) -> str:
    """The dashboard's overdue or due-soon rows, byte for byte what `partials/task_rows.html`'s
    loop printed from the same lines."""
    out = []
    for line in lines:
        due = f"{_printed(line.due)}<br>{_printed(line.badge)}" if line.next_due else "—"
        out.append(
            "\n<tr>\n"
            f'  <td class="text-nowrap"><a href="{_printed(line.url)}">{_printed(line.code)}</a>'
            "</td>\n"
            f'  <td class="small">{_printed(line.short_text)}</td>\n'
            f'  <td class="small">{_printed(line.lead_names)}</td>\n'
            f'  <td class="text-nowrap small">{due}</td>\n'
            f"  <td>{_printed(line.status_badge)}\n</td>\n"
            "</tr>\n"
        )
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


@dataclass(frozen=True)
class TaskLine:
    """A task as the dashboard's lists show it (what those rows read of a `Task`), with the
    cells `partials/task_rows.html` prints formatted here: its address, the text cut to 50
    characters, the deadline's date and badge, the status badge."""

    pk: int
    code: str
    text: str
    lead_names: str
    next_due: dt.date | None
    completed_on: dt.date | None
    status: str
    url: str = ""
    short_text: str = ""
    due: str = ""
    badge: str = ""
    status_badge: str = ""


def _first_lines(counts: dict, statuses: tuple[str, ...]) -> dict[str, list[TaskLine]]:
    """The ten earliest-due tasks of each status, chosen from the counts' read (which has each
    task's status and next deadline, for the tasks the user sees): one read of those tasks'
    own columns and one of their unit lines for every list together, none when the counts say
    there are none. Plain rows with the fields the dashboard's task rows show."""
    due_of, status_of = counts["due_of"], counts["status_of"]
    chosen: dict[str, list[int]] = {}
    for status in statuses:
        if not counts["totals"][status]:
            continue
        of_status = [pk for pk, s in status_of.items() if s == status]
        # Earliest deadline first, then the key: what ORDER BY next_due, pk gave.
        ids = sorted(of_status, key=lambda pk: (due_of[pk] is None, due_of[pk] or dt.date.min, pk))
        chosen[status] = ids[:10]
    lines: dict[str, list[TaskLine]] = {status: [] for status in statuses}
    every = [pk for ids in chosen.values() for pk in ids]
    if not every:
        return lines
    from django.template.defaultfilters import date as date_filter

    from fazhi.core.templatetags.fazhi import deadline_badge

    rows = {
        row[0]: row
        for row in Task.objects.filter(pk__in=every).values_list(
            "pk", "position", "text", "completed_on", "measure__number"
        )
    }
    names = unit_names(task_id__in=every)
    url_head, url_tail = reverse("plans:task_detail", args=[_URL_KEY]).split(str(_URL_KEY))
    badges = {s: status_badge(s) for s in chosen}
    for status, ids in chosen.items():
        for pk in ids:
            _pk, position, text, completed_on, number = rows[pk]
            next_due = due_of[pk]
            lines[status].append(
                TaskLine(
                    pk=pk,
                    code=f"{measure_label(number)}-{position}",
                    text=text,
                    lead_names=names[pk][0],
                    next_due=next_due,
                    completed_on=completed_on,
                    status=status,
                    url=f"{url_head}{pk}{url_tail}",
                    short_text=truncate(text, 50),
                    due=date_filter(next_due, "DATE_FORMAT") if next_due else "",
                    badge=deadline_badge(next_due, completed_on) if next_due else "",
                    status_badge=badges[status],
                )
            )
    return lines


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
    counts = dict.fromkeys(TaskStatus.values, 0)
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
