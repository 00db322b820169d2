"""Browser test: a county imports its own task table (no 文号) and its city's plan for reference,
then links a county task to a city measure and sees the ledger's count of open city measures move."""

from playwright.sync_api import expect

from fazhi.core.choices import Role
from fazhi.core.models import OrgUnit

from .test_plans import _task_table_without_doc_number

CITY_PLAN = """大同市人民政府办公室

大同市2026年法治政府建设工作要点

一、规范执法
(一)全面推行行政执法三项制度。
(二)开展行政复议案件评查,提升复议质量。
二、智慧城市
(三)建设城市大脑。
"""


def upload(page, path, *, reference: bool = False):
    page.goto("/plans/import/")
    page.set_input_files("input[name=file]", str(path))
    if reference:
        page.check("#id_is_reference")
    page.click("#upload-form button")
    page.wait_for_selector("button[value=apply]")


def test_a_county_task_is_linked_to_a_city_measure_and_the_ledger_count_moves(
    page, login, directory, holidays, make_user, tmp_path
):
    from fazhi.plans.models import Plan

    office = make_user(
        Role.SUPERVISOR, unit=OrgUnit.objects.get(name="中共天镇县委全面依法治县委员会办公室")
    )
    # A cold live server's first page (URL modules, templates) can take long on a loaded machine.
    page.goto("/login/", timeout=90000)
    login(office)

    # the county's task table, without 文号: every name settled through the review options
    table = tmp_path / "分工.docx"
    _task_table_without_doc_number(table)
    upload(page, table)
    page.check("#action_new_0")
    page.fill("input[name=new_name_0]", "天镇县综合行政执法队")
    page.select_option("select[name=new_kind_0]", value="public_institution")
    page.select_option("select[name=new_parent_0]", label="天镇县司法局")
    page.check("#action_split_1")
    page.fill("input[name=split_a_1]", "县司法局")
    page.fill("input[name=split_b_1]", "县财政局")
    page.check("#action_group_2")
    page.select_option("select[name=group_2]", label="县政府各部门")
    page.check("#action_ignore_3")
    page.click("button[value=apply]")
    page.wait_for_selector("#totals")
    county = Plan.objects.get(is_reference=False)
    assert county.doc_number == ""

    # the city's key points, as a reference plan: measures only, no names to settle
    city_file = tmp_path / "大同市要点.txt"
    city_file.write_text(CITY_PLAN, encoding="utf-8")
    upload(page, city_file, reference=True)
    expect(page.locator("#unresolved")).to_have_count(0)
    page.click("button[value=apply]")
    page.wait_for_url("**/plans/links/**")  # a reference plan goes on to the linking page
    city = Plan.objects.get(is_reference=True)
    assert city.measures.count() == 3 and not city.measures.filter(tasks__isnull=False).exists()

    # the ledger counts three city measures no county task implements
    page.goto(f"/plans/tasks/?plan={county.pk}")
    expect(page.locator("#open-measures-count")).to_have_text("3")
    page.screenshot(path="/tmp/plans-e2e-ledger-before.png", full_page=True)

    # the linking page: the office confirms the issuing region the plan names (大同市) …
    page.click("#open-measures a:has-text('对应上级措施')")
    expect(page.locator("#issuing-region")).to_contain_text("尚未指定发文区划")
    expect(page.locator("#issuing-region select")).to_have_value("140200")
    page.click("#save-region")
    expect(page.locator("#issuing-region [data-region]")).to_have_text("大同市(140200)")
    # … then the measure 三项制度, where the matching county task is suggested, not linked
    measure = city.measures.get(number=1)
    page.click(f"#measures [data-measure='{measure.pk}']")
    task = county.measures.get(number=1).tasks.get(position=1)
    candidate = page.locator(f"#candidates [data-task='{task.pk}']")
    expect(candidate).to_contain_text("三项制度")
    expect(page.locator("#linked")).to_contain_text("尚无本级任务落实该措施")
    page.screenshot(path="/tmp/plans-e2e-link-board.png", full_page=True)
    candidate.locator("button").click()
    expect(page.locator("#linked")).to_contain_text(task.code)
    expect(page.locator("#board-counts [data-open]")).to_have_text("2")
    assert list(task.implements.all()) == [measure]

    # back on the ledger: two open city measures, and the task says what it implements
    page.goto(f"/plans/tasks/?plan={county.pk}")
    expect(page.locator("#open-measures-count")).to_have_text("2")
    expect(page.locator(f"#ledger tr[data-task='{task.pk}']")).to_contain_text(
        "落实《大同市2026年法治政府建设工作要点》(一)全面推行行政执法三项制度"
    )
    page.click("#open-measures button[data-bs-toggle=collapse]")
    expect(page.locator("#open-measures-list")).to_contain_text("(三)建设城市大脑")
    page.screenshot(path="/tmp/plans-e2e-ledger-after.png", full_page=True)
