"""Browser flow: two yearly approval lists imported from Excel, diff reviewed, published; the
seed plan's measure (五) target in the ledger moves with them."""

import pytest

from fazhi.catalogs import demo
from fazhi.core.choices import Role
from fazhi.core.models import OrgUnit
from fazhi.plans.models import Target
from fazhi.plans.parsing import DEMO_PLAN_TXT
from tests.catalogs.conftest import approval_row, xlsx
from tests.plans.conftest import import_file


@pytest.fixture
def setup(directory, holidays, make_user):
    body = OrgUnit.objects.get(name="天镇县行政审批服务管理局")
    office = make_user(Role.SUPERVISOR, Role.REVIEWER, full_name="王监督")
    import_file(DEMO_PLAN_TXT)
    assert demo.link_targets() >= 1  # measure (五)'s targets read the computed indicators
    target = Target.objects.get(text="县级行政审批事项压减30%以上")
    assert target.indicator_key == "catalogs.approval_reduction"
    return {"body": body, "office": office, "target": target}


def _ledger_value(page, target) -> str:
    """The computed current value of the target on its task's page in the plan ledger."""
    page.goto(f"/plans/tasks/{target.task_id}/")
    row = page.locator("tr", has_text=target.text).first
    return row.locator("td").nth(2).inner_text()


def _import(page, path, body, year):
    page.goto("/catalogs/import/")
    page.set_input_files("#id_file", str(path))
    page.select_option("#id_kind", "approval")
    page.select_option("#id_body", label=body.name)
    page.fill("#id_year", str(year))
    page.click("#import-form button[type=submit]")
    page.wait_for_load_state("networkidle")


def _publish(page, on: str):
    """Check, approve and publish on the list's own date (a list of an earlier year entered now
    is published on the day it was, so the ledger reads it for that year)."""
    for action, field in (
        ("check", "checked_on"),
        ("approve", "approved_on"),
        ("publish", "published_on"),
    ):
        page.fill(f"#id_{action}-{field}", on)
        page.click(f"form[data-action={action}] button[type=submit]")
        page.wait_for_load_state("networkidle")
    assert page.inner_text("#version-status").startswith("已发布")


def test_two_versions_diff_publish_and_the_target(page, login, setup, tmp_path):
    page.set_default_timeout(60000)  # the shared machine is slow; this is no timing assertion
    page.on("dialog", lambda dialog: dialog.accept())
    body = setup["body"]
    login(setup["office"])
    target = setup["target"]
    assert _ledger_value(page, target).startswith("—")
    first = tmp_path / "2022.xlsx"
    first.write_bytes(
        xlsx([approval_row(f"A{i}", f"许可{i}", days=(20, 10)) for i in range(10)]).read()
    )
    _import(page, first, body, 2022)
    _publish(page, "2022-03-31")
    assert _ledger_value(page, target).startswith("0%")  # the baseline alone: nothing cut yet

    second = tmp_path / "2023.xlsx"
    rows = [
        approval_row(f"A{i}", f"许可{i}", days=(20, 5), reason="压缩承诺时限") for i in range(7)
    ]
    second.write_bytes(xlsx(rows).read())
    _import(page, second, body, 2023)
    assert "缺少变更理由" in page.inner_text("#findings")
    for code in ("A7", "A8", "A9"):
        page.fill("#id_reason-code", code)
        page.fill("#id_reason-reason", "依据上级清单调整,县级不再实施")
        page.click("form[data-action=reason] button[type=submit]")
        page.wait_for_load_state("networkidle")
    detail = page.url
    page.click("text=与上一版本比较")
    page.wait_for_load_state("networkidle")
    assert "压减 30.0%" in page.inner_text("#reduction")
    assert page.locator("#removed tbody tr").count() == 3
    page.screenshot(path="/tmp/catalogs-diff.png", full_page=True)
    page.goto(detail)
    _publish(page, "2023-03-31")
    page.screenshot(path="/tmp/catalogs-detail.png", full_page=True)
    assert _ledger_value(page, target).startswith("30%")
    page.screenshot(path="/tmp/catalogs-ledger.png", full_page=True)

    page.goto("/catalogs/targets/?year=2023")
    total = page.inner_text("#county-total")
    assert "30.0%" in total and "75.0%" in total
    page.screenshot(path="/tmp/catalogs-targets.png", full_page=True)
    page.click("#targets tbody tr:first-child td:nth-child(5) a")
    page.wait_for_load_state("networkidle")
    assert "7 项" in page.inner_text("#figure-basis")
    page.screenshot(path="/tmp/catalogs-figure-items.png", full_page=True)
    api = page.request.get(
        "/api/public/catalogs/diff?kind=approval&from=2022&to=2023&body=" + str(body.pk)
    ).json()
    assert api["reduction"] == 30.0
    page.goto("/public/catalogs/?year=2023&q=许可3")
    assert "许可3" in page.inner_text("#items")
