"""Cells the ledger and the dashboard print: their rows read once, formatted in Python and printed
as the templates' loops printed them (escaped), so a page of 50 rows costs no template lookups."""

from __future__ import annotations

import datetime as dt
import html
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    QuerySet,
)
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from fazhi.core import dates
from fazhi.plans.numbers import chinese_number

from .choices import STATUS_COLOURS, OwnerRole, TaskStatus
from .models import (
    Task,
    TaskAssignment,
)

OWING_ROLES = (OwnerRole.LEAD, OwnerRole.RESPONSIBLE)


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


def escaped(value) -> str:
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
            f" {escaped(label)}</div>"
            for pk, label in row.implements
        )
        badge = f"<br>{escaped(row.badge)}" if row.badge else ""
        out.append(
            f'\n  <tr data-task="{row.pk}">\n'
            f'    <td class="text-nowrap"><a href="{escaped(row.url)}">{escaped(row.code)}</a>'
            f'<div class="small text-muted">{escaped(row.measure)}</div></td>\n'
            f'    <td class="small">{escaped(row.text)}{implements}</td>\n'
            f'    <td class="small">{escaped(row.lead)}</td>\n'
            f'    <td class="small text-muted">{escaped(row.participating)}</td>\n'
            f'    <td class="small text-nowrap">{escaped(row.due)}{badge}</td>\n'
            f'    <td class="small">{row.percent}%</td>\n'
            f"    <td>{escaped(row.status_badge)}</td>\n"
            "  </tr>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


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
    return escaped(localize(value))


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
