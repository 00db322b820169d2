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
    page.fill("#report-form textarea[name=text]", "案卷评查全部完成,合格率96%")
    page.fill("#report-form input[name=percent_done]", "100")
    page.locator("#report-form input[name^=target_]").fill("96")
    page.click("#report-form button")
    expect(page.locator("#reports")).to_contain_text("待审核")
    logout(page)

    # the office accepts it; the dashboard moves
    login(office)
    page.goto("/plans/reports/")
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
