"""The Excel ledger, cell for cell as openpyxl opens it (normal mode), against values read from
the models one task at a time: every sheet's values, data types, wrapping, header style,
widths, hidden column, filter and frozen panes (issue 15: the export was made faster and must
stay the same workbook)."""

import io
from collections import Counter

import pytest
from openpyxl import load_workbook

from fazhi.core.excel import workbook_response
from fazhi.plans import selectors
from fazhi.plans.choices import ReportStatus, TaskStatus
from fazhi.plans.excel import (
    HEADERS,
    SUMMARY,
    SUMMARY_HEADERS,
    WIDTHS,
    ledger_workbook,
    sheet_title,
)
from fazhi.plans.models import Chapter, ProgressReport, Task

from .conftest import TODAY


def expected_rows(user, chapter) -> list[list]:
    tasks = (
        Task.objects.visible_to(user)
        .current()
        .filter(measure__chapter=chapter)
        .select_related("measure")
        .prefetch_related("assignments__unit", "assignments__group")
        .order_by("measure__position", "position")
    )
    rows = []
    for n, task in enumerate(tasks, start=1):
        progress = (
            ProgressReport.objects.filter(task=task, status=ReportStatus.ACCEPTED)
            .order_by("-reported_on", "-id")
            .values_list("text", flat=True)
            .first()
        )
        due = task.obligations.filter(done_on__isnull=True).order_by("due_on").first()
        deadline = task.deadline_text or (f"{due.due_on:%Y年%m月%d日}前" if due else "")
        status = selectors.task_status(task, today=TODAY)
        rows.append(
            [
                n,
                str(task.measure),
                task.text,
                task.lead_names or None,
                task.participating_names or None,
                deadline or None,
                progress or None,
                str(TaskStatus(status).label),
                task.percent_done,
                task.pk,
            ]
        )
    return rows


def opened(user, plan):
    response = workbook_response(ledger_workbook(user=user, plan=plan, today=TODAY), "台账.xlsx")
    return load_workbook(io.BytesIO(response.content))


@pytest.mark.parametrize("who", ["office", "judicial_reporter"])
def test_the_ledger_cell_for_cell(demo, who, request):
    user = request.getfixturevalue(who)
    wb = opened(user, demo)
    chapters = [
        c for c in Chapter.objects.filter(plan=demo).order_by("position") if expected_rows(user, c)
    ]
    assert wb.sheetnames == [SUMMARY, *(sheet_title(c) for c in chapters)]
    summary_rows = []
    for chapter in chapters:
        ws = wb[sheet_title(chapter)]
        rows = expected_rows(user, chapter)
        read = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
        assert [c.value for c in ws[1]] == HEADERS
        assert read == rows
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if c.value is None:
                    continue  # an empty cell's style is not held (issue 15)
                wraps = c.column <= HEADERS.index("状态")
                assert bool(c.alignment.wrap_text) is wraps, c.coordinate
                assert c.alignment.vertical == ("top" if wraps else None), c.coordinate
                assert c.data_type == ("n" if isinstance(c.value, int) else "s"), c.coordinate
                assert not c.font.b and c.fill.fill_type is None
        for c in ws[1]:
            assert c.font.b and c.fill.fill_type == "solid"
            assert c.fill.fgColor.rgb.endswith("DDEBF7")
            assert c.alignment.horizontal == "center" and c.alignment.wrap_text
        widths = [ws.column_dimensions[chr(ord("A") + i)].width for i in range(len(WIDTHS))]
        assert widths == WIDTHS and ws.column_dimensions["J"].hidden
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:J{1 + len(rows)}"
        statuses = Counter(r[7] for r in rows)
        counts = [statuses[str(s.label)] for s in TaskStatus]
        rate = round(counts[-1] * 100 / len(rows), 1)
        summary_rows.append([str(chapter), len(rows), *counts, rate])
    summary = wb[SUMMARY]
    assert summary["A1"].value == f"{demo.doc_number} 任务台账(截至 2026年03月02日)"
    assert [c.value for c in summary[2]] == SUMMARY_HEADERS
    totals = [sum(r[i] for r in summary_rows) for i in range(1, 2 + len(TaskStatus))]
    total_rate = round(totals[-1] * 100 / totals[0], 1) if totals[0] else 0.0
    expected = [*summary_rows, ["合计", *totals, total_rate]]
    assert [[c.value for c in row] for row in summary.iter_rows(min_row=3)] == expected
    assert summary.freeze_panes == "A3" and summary.auto_filter.ref == f"A2:H{2 + len(expected)}"
    assert not any(c.alignment.wrap_text for row in summary.iter_rows(min_row=3) for c in row)
    assert summary.column_dimensions["A"].width == 36


def test_formula_like_progress_is_text_in_the_ledger(demo, office):
    accepted = ProgressReport.objects.filter(task__measure__plan=demo, status=ReportStatus.ACCEPTED)
    task = accepted.order_by("pk").first().task
    latest = accepted.filter(task=task).order_by("-reported_on", "-id").first()
    accepted.filter(pk=latest.pk).update(text='=HYPERLINK("http://evil.example","点此")')
    wb = opened(office, demo)
    (row,) = [
        row
        for ws in wb.worksheets[1:]
        for row in ws.iter_rows(min_row=2)
        if row[9].value == task.pk
    ]
    assert row[6].value == '=HYPERLINK("http://evil.example","点此")'
    assert row[6].data_type == "s" and row[6].alignment.wrap_text
