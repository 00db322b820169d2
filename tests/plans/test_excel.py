import io

import pytest
from openpyxl import load_workbook

from fazhi.core.choices import Role
from fazhi.plans import services
from fazhi.plans.choices import ReportStatus, TaskStatus
from fazhi.plans.excel import (
    HEADERS,
    SUMMARY,
    LedgerImportError,
    ledger_import_progress,
    ledger_workbook,
)
from fazhi.plans.models import ProgressReport, Task

from .conftest import TODAY, unit


def workbook_bytes(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def ledger(**kwargs):
    """The ledger as a unit opens it: written (write-only, streamed), then read back."""
    return load_workbook(io.BytesIO(workbook_bytes(ledger_workbook(**kwargs))))


def test_ledger_layout_one_sheet_per_chapter_and_a_summary(seed_plan, office):
    wb = ledger(user=office, plan=seed_plan, today=TODAY)
    assert wb.sheetnames[0] == SUMMARY
    assert len(wb.sheetnames) == 1 + 8  # chapter 一 holds no tasks
    sheet = wb["二、深刻转变政府职能,进一步提高政府服务效能"[:31]]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.column_dimensions["J"].hidden
    first = [c.value for c in sheet[2]]
    assert first[0] == 1 and first[1].startswith("(四)")
    assert "天镇县人民政府办公室" in first[3] and "各乡(镇)人民政府" in first[4]
    assert first[5] == "2023年底前、按年度"
    assert Task.objects.get(pk=first[9]).measure.number == 4
    summary = wb[SUMMARY]
    assert summary["A1"].value.startswith(seed_plan.doc_number)
    assert [c.value for c in summary[2]][:2] == ["部分", "任务数"]
    assert summary.freeze_panes == "A3" and sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b and sheet["C2"].alignment.wrap_text
    total_row = [c.value for c in summary[summary.max_row]]
    assert total_row[0] == "合计" and total_row[1] == 32


def test_progress_comes_back_from_the_same_sheet(mini_plan, judicial_reporter):
    wb = ledger(user=judicial_reporter, plan=mini_plan, today=TODAY)
    sheet = wb.worksheets[1]
    header = [c.value for c in sheet[1]]
    rows = {sheet.cell(row=r, column=10).value: r for r in range(2, sheet.max_row + 1)}
    task = Task.objects.get(measure__plan=mini_plan, measure__number=1)
    sheet.cell(
        row=rows[task.pk], column=header.index("进展情况") + 1, value="证明事项清单已编制完成"
    )
    sheet.cell(row=rows[task.pk], column=header.index("完成进度(%)") + 1, value=60)
    reports = ledger_import_progress(actor=judicial_reporter, data=workbook_bytes(wb), today=TODAY)
    assert [(r.task_id, r.text, r.percent_done, r.status) for r in reports] == [
        (task.pk, "证明事项清单已编制完成", 60, ReportStatus.SUBMITTED)
    ]
    # unchanged rows make no reports
    assert (
        ledger_import_progress(
            actor=judicial_reporter,
            data=workbook_bytes(ledger_workbook(user=judicial_reporter, plan=mini_plan)),
            today=TODAY,
        )
        == []
    )


def test_any_bad_row_means_nothing_is_saved(mini_plan, judicial_reporter):
    wb = ledger(user=judicial_reporter, plan=mini_plan, today=TODAY)
    sheet = wb.worksheets[1]
    sheet.cell(row=2, column=7, value="第一行正常")
    sheet.cell(row=3, column=9, value=150)
    sheet.cell(row=3, column=7, value="进度超过100")
    sheet.append([9, "(九)", "伪造的行", "", "", "", "进展", "", 10, 999999])
    with pytest.raises(LedgerImportError) as exc:
        ledger_import_progress(actor=judicial_reporter, data=workbook_bytes(wb), today=TODAY)
    rows = exc.value.fields["rows"]
    assert any("第3行" in r and "0–100" in r for r in rows)
    assert any("999999" in r for r in rows)
    assert ProgressReport.objects.count() == 0


def test_rows_of_other_units_are_refused(mini_plan, make_user, office):
    stranger = make_user(Role.REPORTER, unit=unit("天镇县财政局"))
    wb = ledger(user=office, plan=mini_plan, today=TODAY)
    wb.worksheets[1].cell(row=2, column=7, value="越权填报")
    with pytest.raises(LedgerImportError, match="未导入任何内容"):
        ledger_import_progress(actor=stranger, data=workbook_bytes(wb), today=TODAY)
    assert ProgressReport.objects.count() == 0


def test_not_an_excel_file(mini_plan, judicial_reporter):
    with pytest.raises(services.ApplicationError, match="Excel"):
        ledger_import_progress(actor=judicial_reporter, data=b"not a workbook", today=TODAY)


def test_export_numbers_match_the_dashboard(seed_plan, office):
    from fazhi.plans.selectors import dashboard

    data = dashboard(user=office, plan=seed_plan, today=TODAY)
    wb = ledger(user=office, plan=seed_plan, today=TODAY)
    total_row = [c.value for c in wb[SUMMARY][wb[SUMMARY].max_row]]
    assert total_row[1] == data["total"]
    assert total_row[2:7] == [data["totals"][s] for s in TaskStatus.values]
