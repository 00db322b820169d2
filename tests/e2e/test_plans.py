from openpyxl import load_workbook
from playwright.sync_api import expect

from fazhi.core.choices import Role
from fazhi.core.models import OrgUnit
from tests.plans.conftest import MINI


def logout(page):
    page.click("nav form[action='/logout/'] button[type=submit]")
    page.wait_for_url("**/login/**")


def test_import_review_report_accept_dashboard_export(
    page, login, directory, holidays, make_user, tmp_path
):
    office = make_user(
        Role.SUPERVISOR, unit=OrgUnit.objects.get(name="中共天镇县委全面依法治县委员会办公室")
    )
    market = OrgUnit.objects.get(name="天镇县市场监督管理局")
    reporter = make_user(Role.REPORTER, unit=market)
    plan_file = tmp_path / "方案.txt"
    plan_file.write_text(
        MINI.read_text(encoding="utf-8").replace(
            "牵头单位:县市场监督管理局", "牵头单位:县市监管理局"
        ),
        encoding="utf-8",
    )

    # the office uploads the plan and settles the one name the parser could not resolve
    login(office)
    page.goto("/plans/import/")
    page.set_input_files("input[name=file]", str(plan_file))
    page.click("#upload-form button")
    page.wait_for_selector("#unresolved")
    expect(page.locator("#draft-counts")).to_contain_text("任务 3")
    page.select_option("select[name=pick_0]", label="天镇县市场监督管理局")
    page.click("button[value=apply]")
    page.wait_for_selector("#totals")
    expect(page.locator("[data-total]")).to_have_text("3")
    expect(page.locator('[data-count="done"]')).to_have_text("0")
    page.screenshot(path="/tmp/plans-e2e-dashboard.png", full_page=True)
    logout(page)

    # the unit files progress on its own task
    login(reporter)
    expect(page.locator("#unit-tasks tbody tr")).to_have_count(2)
    page.click("#unit-tasks a:has-text('(二)-1')")
    page.fill("#report-form textarea[name=report-text]", "案卷评查全部完成,合格率96%")
    page.fill("#report-form input[name=report-percent_done]", "100")
    page.locator("#report-form input[name^=report-target_]").fill("96")
    page.click("#report-form button[type=submit]")
    expect(page.locator("#reports")).to_contain_text("待审核")
    page.screenshot(path="/tmp/plans-e2e-task-reported.png", full_page=True)
    logout(page)

    # the office accepts it; the dashboard moves
    login(office)
    page.goto("/plans/reports/")
    page.screenshot(path="/tmp/plans-e2e-review-list.png", full_page=True)
    page.click("#report-table button[value=accept]")
    expect(page.locator("#report-table")).not_to_contain_text("案卷评查全部完成")
    page.goto("/plans/overview/")
    expect(page.locator('[data-count="done"]')).to_have_text("1")
    expect(page.locator("[data-done-rate]")).to_have_text("33.3")

    # the ledger export holds the same numbers
    page.goto("/plans/tasks/")
    with page.expect_download() as download:
        page.click("#export-ledger")
    path = tmp_path / "ledger.xlsx"
    download.value.save_as(path)
    wb = load_workbook(path)
    total = [c.value for c in wb["汇总"][wb["汇总"].max_row]]
    assert total[:2] == ["合计", 3]
    assert total[6] == 1  # 已完成
    rows = [[c.value for c in r] for r in wb.worksheets[1].iter_rows(min_row=2)]
    done = [r for r in rows if r[7] == "已完成"]
    assert len(done) == 1 and done[0][6] == "案卷评查全部完成,合格率96%"


def _task_table_without_doc_number(path):
    import docx

    document = docx.Document()
    document.add_paragraph("天镇县2026年依法行政重点任务分工")
    rows = [
        ("一级指标", "工作任务", "牵头单位", "责任单位"),
        ("规范执法", "推行行政执法三项制度。", "县司法局", "县综合执法队"),
        (None, "开展执法案卷评查。", "县司法局县财政局", "县重点工作部门"),
        ("强化监督", "开展行政复议案件评查。", "县司法局", "工作要求"),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))
    document.save(path)


def test_table_plan_without_doc_number_settled_through_the_review_options(
    page, login, directory, holidays, make_user, tmp_path
):
    from fazhi.core.models import UnitAlias
    from fazhi.plans.models import Plan

    office = make_user(
        Role.SUPERVISOR, unit=OrgUnit.objects.get(name="中共天镇县委全面依法治县委员会办公室")
    )
    plan_file = tmp_path / "分工.docx"
    _task_table_without_doc_number(plan_file)
    login(office)
    page.goto("/plans/import/")
    page.set_input_files("input[name=file]", str(plan_file))
    page.click("#upload-form button")
    page.wait_for_selector("#unresolved")
    expect(page.locator("#draft-counts")).to_contain_text("任务 3")
    rows = page.locator("fieldset.name-row")
    assert rows.evaluate_all("rows => rows.map(r => r.dataset.raw)") == [
        "县综合执法队",
        "县司法局县财政局",
        "县重点工作部门",
        "工作要求",
    ]
    expect(page.locator("#alias_0")).not_to_be_checked()
    # a new unit on the spot, with its kind and parent
    page.check("#action_new_0")
    page.fill("input[name=new_name_0]", "天镇县综合行政执法队")
    page.select_option("select[name=new_kind_0]", value="public_institution")
    page.select_option("select[name=new_parent_0]", label="天镇县司法局")
    # two names run together
    page.check("#action_split_1")
    page.fill("input[name=split_a_1]", "县司法局")
    page.fill("input[name=split_b_1]", "县财政局")
    # a unit group
    page.check("#action_group_2")
    page.select_option("select[name=group_2]", label="县政府各部门")
    # a fragment that is no unit
    page.check("#action_ignore_3")
    page.fill("#doc_number", "")
    page.screenshot(path="/tmp/plans-e2e-review-options.png", full_page=True)
    page.click("button[value=apply]")
    page.wait_for_selector("#totals")
    expect(page.locator("[data-total]")).to_have_text("3")
    plan = Plan.objects.get()
    assert (plan.doc_number, plan.title) == ("", "天镇县2026年依法行政重点任务分工")
    created = OrgUnit.objects.get(name="天镇县综合行政执法队")
    assert created.parent == OrgUnit.objects.get(name="天镇县司法局")
    assert not UnitAlias.objects.filter(name="县综合执法队").exists()
