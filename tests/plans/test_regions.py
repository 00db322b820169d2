"""Region tenancy: two counties, two offices, two plans. No county sees, lists, exports or acts
on the other's rows, through the pages or the API; their city and province see both."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.choices import Role, UnitKind
from fazhi.core.errors import NotFound
from fazhi.core.models import AuditEvent, OrgUnit, Region
from fazhi.plans import selectors, services
from fazhi.plans.choices import OwnerRole, ReportStatus
from fazhi.plans.models import (
    Chapter,
    Measure,
    Obligation,
    Plan,
    ProgressReport,
    SupervisionNotice,
    Task,
    TaskOwner,
)

from .conftest import unit

ISSUED = dt.date(2026, 6, 10)


@pytest.fixture
def yanggao(mini_plan, make_user):
    """County B (阳高县, 140221) beside Tianzhen's mini plan: its own office, plan, task, a
    report waiting for review and a 督办单."""
    county = Region.objects.create(code="140221", name="阳高县", parent_id="140200")
    justice = OrgUnit.objects.create(
        name="阳高县司法局", kind=UnitKind.GOVERNMENT_DEPARTMENT, region=county
    )
    office_unit = OrgUnit.objects.create(
        name="阳高县委依法治县办", kind=UnitKind.PARTY_BODY, region=county
    )
    plan = Plan.objects.create(
        region=county,
        identity="阳政发〔2026〕3号",
        doc_number="阳政发〔2026〕3号",
        title="阳高县法治政府建设实施方案",
        start_year=2026,
        end_year=2027,
        content_hash="b" * 64,
    )
    chapter = Chapter.objects.create(plan=plan, number=1, title="依法履职", position=1)
    measure = Measure.objects.create(
        plan=plan, chapter=chapter, number=1, title="推行权责清单", position=1
    )
    task = Task.objects.create(measure=measure, position=1, text="阳高县编制权责清单")
    TaskOwner.objects.create(task=task, unit=justice, role=OwnerRole.LEAD)
    Obligation.objects.create(task=task, due_on=dt.date(2026, 4, 30), label="2026年度")
    reporter = make_user(Role.REPORTER, unit=justice)
    office = make_user(Role.SUPERVISOR, unit=office_unit)
    report = services.progress_report_submit(
        actor=reporter, task=task, text="阳高县进展", percent_done=20, today=ISSUED
    )
    notice = services.supervision_notice_issue(
        actor=office, task=task, unit=justice, request="阳高县督办事项", today=ISSUED
    )
    return {
        "plan": plan,
        "task": task,
        "report": report,
        "notice": notice,
        "office": office,
        "reporter": reporter,
    }


def _xlsx_text(response) -> str:
    wb = load_workbook(io.BytesIO(response.content))
    return " ".join(
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    )


def test_each_county_numbers_its_own_notices(yanggao, office):
    tianzhen = services.supervision_notice_issue(
        actor=office,
        task=Task.objects.get(measure__plan__doc_number="天政发〔2026〕7号", measure__number=1),
        unit=unit("天镇县司法局"),
        request="请说明",
        today=ISSUED,
    )
    assert tianzhen.number == "天法督〔2026〕1号" and tianzhen.region_id == "140222"
    assert yanggao["notice"].number == "阳法督〔2026〕1号"
    assert yanggao["notice"].region_id == "140221"


def test_a_county_sees_only_its_own_rows(yanggao, mini_plan, office, judicial_reporter):
    other = yanggao
    for user in (office, judicial_reporter):
        assert other["plan"] not in selectors.plan_list(user=user)
        assert not selectors.task_list(user=user).filter(pk=other["task"].pk).exists()
        assert other["report"] not in selectors.report_list(user=user)
        assert other["notice"] not in selectors.notice_list(user=user)
        with pytest.raises(NotFound):
            selectors.task_get_for_user(user=user, task_id=other["task"].pk)
    assert list(selectors.plan_list(user=other["office"])) == [other["plan"]]
    assert set(selectors.plan_list(user=office)) == {mini_plan}


@pytest.mark.parametrize("level", ["140200", "140000"])
def test_the_city_and_province_see_both_counties(yanggao, mini_plan, make_user, level):
    higher = OrgUnit.objects.create(
        name=f"{level}依法治办", kind=UnitKind.PARTY_BODY, region_id=level
    )
    supervisor = make_user(Role.SUPERVISOR, unit=higher)
    assert set(selectors.plan_list(user=supervisor)) == {mini_plan, yanggao["plan"]}
    tasks = selectors.task_list(user=supervisor)
    assert tasks.filter(pk=yanggao["task"].pk).exists()
    assert tasks.filter(measure__plan=mini_plan).count() == 3
    assert yanggao["notice"] in selectors.notice_list(user=supervisor)


def test_pages_and_exports_keep_the_other_county_out(client, yanggao, office):
    other = yanggao
    client.force_login(office)
    task_url = reverse("plans:task_detail", args=[other["task"].pk])
    assert client.get(task_url).status_code == 404
    assert client.get(reverse("plans:notice_detail", args=[other["notice"].pk])).status_code == 404
    assert client.get(reverse("plans:notice_docx", args=[other["notice"].pk])).status_code == 404
    for name in ("plans:dashboard", "plans:task_list"):
        assert client.get(reverse(name), {"plan": other["plan"].pk}).status_code == 404
        assert (
            client.get(reverse(name), {"plan": other["plan"].pk, "format": "xlsx"}).status_code
            == 404
        )
    ledger = client.get(reverse("plans:task_list"))
    assert "阳高县" not in ledger.content.decode() and "(一)-1" in ledger.content.decode()
    assert "阳高县" not in _xlsx_text(client.get(reverse("plans:task_list"), {"format": "xlsx"}))
    for name in ("plans:report_list", "plans:notice_list"):
        page = client.get(reverse(name), {"status": ""})
        assert page.status_code == 200 and "阳高县" not in page.content.decode()
        assert "阳高县" not in _xlsx_text(client.get(reverse(name), {"format": "xlsx"}))
    unit_page = client.get(reverse("plans:unit_overview"), {"unit": other["reporter"].unit_id})
    assert unit_page.status_code == 404


def test_no_county_acts_on_the_other_countys_rows(client, yanggao, office, judicial_reporter):
    other = yanggao
    events = AuditEvent.objects.filter(action__startswith="plans.").count()
    client.force_login(office)
    task_url = reverse("plans:task_detail", args=[other["task"].pk])
    remind = client.post(task_url + "?action=remind", {"remind-message": "越界催办"})
    assert remind.status_code == 404
    review = client.post(
        reverse("plans:report_detail", args=[other["report"].pk]) + "?action=review",
        {"review-decision": "accept", "review-version": other["report"].version},
    )
    assert review.status_code == 404
    with pytest.raises(NotFound):
        services.progress_report_accept(actor=office, report=other["report"])
    with pytest.raises(NotFound):
        services.supervision_notice_issue(
            actor=office, task=other["task"], unit=other["reporter"].unit, request="越界"
        )
    with pytest.raises(NotFound):
        services.task_update(actor=office, task=other["task"], version=None, text="越界修改")
    client.force_login(judicial_reporter)
    reply = client.post(
        reverse("plans:notice_detail", args=[other["notice"].pk]) + "?action=reply",
        {"reply-reply": "越界回复", "reply-version": other["notice"].version},
    )
    assert reply.status_code == 404
    other["report"].refresh_from_db()
    other["notice"].refresh_from_db()
    assert other["report"].status == ReportStatus.SUBMITTED and other["notice"].reply == ""
    assert Task.objects.get(pk=other["task"].pk).text == "阳高县编制权责清单"
    assert AuditEvent.objects.filter(action__startswith="plans.").count() == events


def test_the_api_keeps_the_other_county_out(client, yanggao, office):
    other = yanggao
    client.force_login(office)
    tasks = client.get("/api/plans/tasks", {"limit": 500}).json()
    assert tasks["count"] == 3 and other["task"].pk not in {t["id"] for t in tasks["items"]}
    assert client.get(f"/api/plans/tasks/{other['task'].pk}").status_code == 404
    assert client.get("/api/plans/tasks", {"plan": other["plan"].pk}).json()["count"] == 0
    assert client.get("/api/plans/dashboard", {"plan": other["plan"].pk}).status_code == 404
    reports = client.get("/api/plans/reports").json()
    assert other["report"].pk not in {r["id"] for r in reports["items"]}
    notices = client.get("/api/plans/notices").json()
    assert other["notice"].pk not in {n["id"] for n in notices["items"]}
    assert client.get(f"/api/plans/notices/{other['notice'].pk}").status_code == 404
    refused = client.post(
        f"/api/plans/reports/{other['report'].pk}/review",
        {"decision": "accept"},
        content_type="application/json",
    )
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    assert ProgressReport.objects.get(pk=other["report"].pk).status == ReportStatus.SUBMITTED
    client.force_login(other["office"])
    own = client.get("/api/plans/tasks").json()
    assert [t["id"] for t in own["items"]] == [other["task"].pk]
    assert SupervisionNotice.objects.filter(region_id="140221").count() == 1


def test_notices_are_numbered_under_the_kernels_lock_of_each_countys_prefix(
    yanggao, office, monkeypatch
):
    from fazhi.core import numbering

    locked = []
    real = numbering.lock_number_space
    monkeypatch.setattr(
        numbering, "lock_number_space", lambda p, y: (locked.append((p, y)), real(p, y))
    )
    second = services.supervision_notice_issue(
        actor=yanggao["office"],
        task=yanggao["task"],
        unit=yanggao["task"].owners.first().unit,
        request="再次督办",
        today=ISSUED,
    )
    tianzhen = services.supervision_notice_issue(
        actor=office,
        task=Task.objects.get(measure__plan__doc_number="天政发〔2026〕7号", measure__number=1),
        unit=unit("天镇县司法局"),
        request="请说明",
        today=ISSUED,
    )
    assert locked == [("阳法督", 2026), ("天法督", 2026)]
    assert (second.number, second.serial) == ("阳法督〔2026〕2号", 2)
    assert (tianzhen.number, tianzhen.serial) == ("天法督〔2026〕1号", 1)


def test_the_unit_chart_drops_each_countys_own_name(client, yanggao):
    import json

    client.force_login(yanggao["office"])
    page = client.get(reverse("plans:dashboard"), {"plan": yanggao["plan"].pk}).content.decode()
    start = page.index('id="chart-units"')
    options = json.loads(page[page.index(">", start) + 1 : page.index("</script>", start)])
    # 阳高县司法局 → 司法局 (the chart dropped only 天镇县 before)
    assert options["yAxis"]["data"] == ["司法局"]


def test_a_plans_tasks_without_the_scope_sub_select_are_exactly_those_the_scope_gives(
    yanggao, mini_plan, make_user, office, judicial_reporter
):
    city = OrgUnit.objects.create(
        name="大同市依法治市办", kind=UnitKind.PARTY_BODY, region_id="140200"
    )
    market = make_user(Role.REPORTER, unit=unit("天镇县市场监督管理局"))
    users = (office, judicial_reporter, market, yanggao["office"])
    users += (make_user(Role.SUPERVISOR, unit=city),)
    for plan in (mini_plan, yanggao["plan"]):
        for user in users:
            scoped = Task.objects.visible_to(user).current().filter(measure__plan=plan)
            assert set(selectors.plan_tasks(user, plan)) == set(scoped), (user, plan)
            ledger = selectors.task_list(user=user, plan=plan.pk, plan_obj=plan)
            assert set(ledger) == set(scoped), (user, plan)
    assert not selectors.plan_tasks(office, yanggao["plan"]).exists()
    assert 0 < selectors.plan_tasks(market, mini_plan).count() < 3


def test_a_supervisors_scope_joins_the_region_instead_of_a_sub_select_of_every_task(office):
    """Tasks are owned through a many-valued path (owners), but a supervisor's scope follows the
    plan's region through foreign keys alone: no sub-select listing every task of the region."""
    sql = str(Task.objects.visible_to(office).query)
    assert "IN (SELECT" not in sql.upper()
    assert "plans_plan" in sql
