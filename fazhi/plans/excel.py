"""The ledger in Excel, as county offices keep it, and progress read back from the same sheet."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook, load_workbook

from fazhi.core import dates, uploads
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.excel import write_sheet

from .cells import measure_label, unit_names
from .choices import ReportStatus, TaskStatus
from .models import Chapter, Plan, ProgressReport, Task
from .selectors import task_list
from .services import progress_report_submit

HEADERS = [
    "序号",
    "措施",
    "任务",
    "牵头单位",
    "参加单位",
    "完成时限",
    "进展情况",
    "状态",
    "完成进度(%)",
    "任务ID",
]
WIDTHS = [6, 24, 60, 28, 28, 16, 40, 12, 10, 8]
STATUS_COLUMN = HEADERS.index("状态")  # the columns before it wrap their text
SUMMARY = "汇总"
# Chinese only: the ledger is read back by the importer (see ledger_workbook).
SUMMARY_HEADERS = [
    "部分",
    "任务数",
    "未启动",
    "按期推进",
    "15日内到期",
    "已逾期",
    "已完成",
    "完成率(%)",
]
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _latest_accepted() -> Subquery:
    return Subquery(
        ProgressReport.objects.filter(task=OuterRef("pk"), status=ReportStatus.ACCEPTED)
        .order_by("-reported_on", "-id")
        .values("text")[:1]
    )


LEDGER_FIELDS = (
    "pk",
    "measure__chapter_id",
    "measure__number",
    "measure__title",
    "text",
    "deadline_text",
    "next_due",
    "progress",
    "status",
    "percent_done",
)


def ledger_tasks(*, user, plan: Plan, today: dt.date | None = None):
    """The plan's current tasks in ledger order, as tuples of `LEDGER_FIELDS`."""
    return (
        task_list(user=user, plan=plan.pk, today=today)
        .prefetch_related(None)
        .annotate(progress=_latest_accepted())
        .order_by("measure__position", "position")
        .values_list(*LEDGER_FIELDS)
    )


def _deadline(deadline_text: str, next_due: dt.date | None) -> str:
    if deadline_text:
        return deadline_text
    return f"{next_due:%Y年%m月%d日}前" if next_due else ""


def ledger_rows(*, user, plan: Plan, today: dt.date | None = None) -> dict[int, list[list]]:
    """Each chapter's rows of the ledger sheet (the values of `HEADERS`), from two queries:
    the tasks as tuples and their unit lines."""
    names = unit_names(task__measure__plan=plan)
    labels = {s: str(s.label) for s in TaskStatus}
    by_chapter: dict[int, list[list]] = {}
    for pk, chapter, number, title, text, deadline, due, progress, status, percent in ledger_tasks(
        user=user, plan=plan, today=today
    ):
        rows = by_chapter.setdefault(chapter, [])
        lead, participating = names[pk]
        rows.append(
            [
                len(rows) + 1,
                f"{measure_label(number)}{title}",
                text,
                lead,
                participating,
                _deadline(deadline, due),
                progress or "",
                labels[status],
                percent,
                pk,
            ]
        )
    return by_chapter


def sheet_title(chapter: Chapter) -> str:
    return _SHEET_BAD.sub("", f"{chapter.label}、{chapter.title}")[:31]


def ledger_workbook(*, user, plan: Plan, today: dt.date | None = None) -> Workbook:
    """A summary sheet, then one sheet per chapter; a hidden 任务ID column maps rows back.

    The ledger is a work form exchanged with the units and read back by the importer: it is
    Chinese whatever the interface language.
    """
    with translation.override("zh-hans"):
        return _ledger_workbook(user=user, plan=plan, today=today)


def _ledger_workbook(*, user, plan: Plan, today: dt.date | None = None) -> Workbook:
    by_chapter = ledger_rows(user=user, plan=plan, today=today)
    # Write-only: each sheet streams its rows to the file, no cell objects are kept.
    wb = Workbook(write_only=True)
    summary = wb.create_sheet(SUMMARY)
    chapters = [
        c for c in Chapter.objects.filter(plan=plan).order_by("position") if c.pk in by_chapter
    ]
    labels = [str(s.label) for s in TaskStatus]
    summary_rows = []
    for chapter in chapters:
        rows = by_chapter[chapter.pk]
        statuses = Counter(row[STATUS_COLUMN] for row in rows)
        counts = [statuses[label] for label in labels]
        summary_rows.append([str(chapter), len(rows), *counts, _rate(counts[-1], len(rows))])
        ws = wb.create_sheet(sheet_title(chapter))
        ws.column_dimensions["J"].hidden = True
        write_sheet(ws, HEADERS, rows, WIDTHS, wrap=STATUS_COLUMN)
    totals = [sum(r[i] for r in summary_rows) for i in range(1, 2 + len(TaskStatus.values))]
    summary_rows.append(["合计", *totals, _rate(totals[-1], totals[0])])
    as_of = dates.today(today)
    write_sheet(
        summary,
        SUMMARY_HEADERS,
        summary_rows,
        [36, 8, 8, 8, 10, 8, 8, 10],
        above=[[f"{plan.doc_number} 任务台账(截至 {as_of:%Y年%m月%d日})"]],
    )
    return wb


def _rate(done: int, total: int) -> float:
    return round(done * 100 / total, 1) if total else 0.0


class LedgerImportError(ApplicationError):
    code = "ledger_rows"


def _rows_failed(errors: list[str]) -> str:
    return ngettext(
        "有 %(n)s 行有误,未导入任何内容", "有 %(n)s 行有误,未导入任何内容", len(errors)
    ) % {"n": len(errors)}


def _read_rows(data: bytes, name: str = "台账.xlsx"):
    uploads.check(ContentFile(data, name=name), kinds=("xlsx",))
    with uploads.parsing(name, "xlsx"):
        yield from _sheet_rows(load_workbook(io.BytesIO(data), read_only=True, data_only=True))


def _sheet_rows(wb):
    for ws in wb.worksheets:
        if ws.title == SUMMARY:
            continue
        rows = ws.iter_rows(values_only=True)
        header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
        if "任务ID" not in header or "进展情况" not in header:
            continue
        col = {name: header.index(name) for name in header if name}
        for number, row in enumerate(rows, start=2):
            if not row or all(v in (None, "") for v in row):
                continue
            yield (
                ws.title,
                number,
                {name: row[i] if i < len(row) else None for name, i in col.items()},
            )


@transaction.atomic
def ledger_import_progress(
    *, actor, data: bytes, today: dt.date | None = None
) -> list[ProgressReport]:
    """Rows whose 进展情况 or 完成进度 changed become progress reports; any bad row: nothing saved."""
    wanted, errors = [], []
    seen_sheet = False
    for sheet, number, row in _read_rows(data):
        seen_sheet = True
        # Messages name the sheet's Chinese columns (任务ID, 进展情况 …) as the file shows them.
        where = _("“%(sheet)s”第%(row)s行") % {"sheet": sheet, "row": number}
        try:
            task_id = int(row.get("任务ID"))
        except (TypeError, ValueError):
            errors.append(_("%(where)s:任务ID缺失或不是数字") % {"where": where})
            continue
        wanted.append((where, task_id, row))
    if not seen_sheet and not errors:
        raise LedgerImportError(_("表格中没有找到台账(需要“任务ID”和“进展情况”两列)"))
    tasks = {
        t.pk: t
        for t in Task.objects.visible_to(actor)
        .current()
        .annotate(progress=_latest_accepted())
        .filter(pk__in=[w[1] for w in wanted])
    }
    plans = []
    for where, task_id, row in wanted:
        task = tasks.get(task_id)
        if task is None:
            errors.append(
                _("%(where)s:任务ID %(id)s 不存在或无权填报") % {"where": where, "id": task_id}
            )
            continue
        text = str(row.get("进展情况") or "").strip()
        raw_percent = row.get("完成进度(%)")
        try:
            percent = (
                task.percent_done
                if raw_percent in (None, "")
                else int(float(str(raw_percent).rstrip("%")))
            )
        except ValueError:
            errors.append(
                _("%(where)s:完成进度“%(value)s”不是数字") % {"where": where, "value": raw_percent}
            )
            continue
        if not 0 <= percent <= 100:
            errors.append(_("%(where)s:完成进度应在 0–100 之间") % {"where": where})
            continue
        if text == (task.progress or "") and percent == task.percent_done:
            continue
        if not text:
            errors.append(_("%(where)s:请填写进展情况") % {"where": where})
            continue
        if task.completed_on:
            errors.append(_("%(where)s:任务已完成,无需再填报") % {"where": where})
            continue
        plans.append((where, task, text, percent))
    if errors:
        raise LedgerImportError(_rows_failed(errors), fields={"rows": errors})
    reports = []
    for where, task, text, percent in plans:
        try:
            reports.append(
                progress_report_submit(
                    actor=actor, task=task, text=text, percent_done=percent, today=today
                )
            )
        except (PermissionDenied, ApplicationError) as exc:
            errors.append(_("%(where)s:%(error)s") % {"where": where, "error": exc.message})
    if errors:
        raise LedgerImportError(_rows_failed(errors), fields={"rows": errors})
    return reports
