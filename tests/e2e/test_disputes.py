"""Browser flows: an online application through to a published decision; a court appearance record."""

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core.choices import Role, UnitKind
from fazhi.disputes import services
from fazhi.disputes.models import ReconsiderationOffice
from tests.factories import UnitFactory


@pytest.fixture
def setup(db, make_user):
    from fazhi.core.holidays import seed_holidays_from_package

    seed_holidays_from_package()
    bureau = UnitFactory(name="天镇县司法局")
    ReconsiderationOffice.objects.create(name="天镇县人民政府行政复议办公室", unit=bureau)
    respondent = UnitFactory(name="天镇县市场监督管理局", kind=UnitKind.GOVERNMENT_DEPARTMENT)
    clerk = make_user(Role.REVIEWER, unit=bureau, full_name="李审核")
    reporter = make_user(Role.REPORTER, unit=respondent, full_name="赵填报")
    return {"clerk": clerk, "reporter": reporter, "respondent": respondent}


def test_online_application_to_published_decision(page, login, setup, tmp_path):
    today = timezone.localdate()
    evidence = tmp_path / "处罚决定书.pdf"
    evidence.write_bytes(b"%PDF-1.4 e2e")
    page.goto("/public/disputes/apply/")
    page.select_option("#id_applicant_kind", "person")
    page.fill("#id_applicant_name", "张三")
    page.fill("#id_applicant_phone", "13912345678")
    page.select_option("#id_respondent", label="天镇县市场监督管理局")
    page.fill("#id_act_description", "天市监罚〔2026〕15号行政处罚决定")
    page.fill("#id_act_known_on", today.isoformat())
    page.fill("#id_request", "撤销该处罚决定")
    page.set_input_files("#id_files", str(evidence))
    page.screenshot(path="/tmp/disputes-apply.png", full_page=True)
    page.click("main form button[type=submit]")
    number = page.inner_text("#case-number")
    code = page.inner_text("#query-code")
    assert number.startswith("天政复〔") and len(code) >= 24

    page.goto("/public/disputes/query/")
    page.fill("#id_number", number)
    page.fill("#id_code", "wrong-code-guess")
    page.click("main form button[type=submit]")
    assert "案号或查询码不正确" in page.content()
    page.fill("#id_number", number)
    page.fill("#id_code", code)
    page.click("main form button[type=submit]")
    assert page.inner_text("#public-status") == "待受理审查"

    login(setup["clerk"])
    page.goto("/disputes/reconsiderations/")
    page.screenshot(path="/tmp/disputes-list.png", full_page=True)
    page.click(f"text={number}")
    page.select_option("form[data-action=accept] #id_accept-procedure", "simplified")
    page.click("form[data-action=accept] button[type=submit]")
    assert page.inner_text("#case-status") == "已受理,审理中"
    page.fill("form[data-action=decide] #id_decide-doc_number", f"天政复〔{today.year}〕88号")
    page.select_option("form[data-action=decide] #id_decide-decision_type", "annul")
    page.fill(
        "form[data-action=decide] #id_decide-text",
        "申请人张三(电话13912345678)不服……本机关决定撤销。",
    )
    page.click("form[data-action=decide] button[type=submit]")
    assert page.inner_text("#case-status") == "已作出决定"
    page.screenshot(path="/tmp/disputes-detail.png", full_page=True)
    page.click("form[data-action=publish] button[type=submit]")
    assert page.inner_text("#case-status") == "决定已公开"

    page.goto("/public/disputes/decisions/")
    page.click(f"text=天政复〔{today.year}〕88号")
    text = page.inner_text("#publication-text")
    assert "张*" in text and "张三" not in text and "13912345678" not in text


def test_court_appearance_record(page, login, setup):
    case = services.litigation_register(
        actor=setup["reporter"],
        court_case_number="(2026)晋0222行初7号",
        defendant=setup["respondent"],
        plaintiff_name="王五",
        cause="行政处罚",
        filed_on=dt.date(2026, 9, 10),
        served_on=dt.date(2026, 9, 16),
    )
    login(setup["reporter"])
    page.goto(f"/disputes/litigation/{case.pk}/")
    assert "2026年10月8日" in page.content()  # 15 days from 16 Sep, rolled past National Day
    form = "form[data-action=hearing]"
    page.fill(f"{form} #id_hearing-held_on", "2026-10-20")
    page.select_option(f"{form} #id_hearing-appearance", "principal")
    page.fill(f"{form} #id_hearing-head_name", "赵局长")
    page.fill(f"{form} #id_hearing-head_title", "局长")
    page.check(f"{form} #id_hearing-head_spoke")
    page.click(f"{form} button[type=submit]")
    assert "已登记出庭情况" in page.content()
    assert "正职负责人出庭" in page.inner_text("#hearings")
    page.screenshot(path="/tmp/disputes-litigation.png", full_page=True)

    # Refusal: a staff-only appearance without a reason is refused, nothing recorded.
    page.select_option(f"{form} #id_hearing-appearance", "staff_only")
    page.click(f"{form} button[type=submit]")
    assert "请写明理由" in page.content()
    assert page.inner_text("#hearings").count("2026年10月20日") == 1


def test_statistics_and_deadlines_pages(page, login, setup, make_user):
    case = services.litigation_register(
        actor=setup["reporter"],
        court_case_number="(2026)晋0222行初8号",
        defendant=setup["respondent"],
        plaintiff_name="王五",
        cause="行政处罚",
        filed_on=dt.date(2026, 9, 10),
        served_on=dt.date(2026, 9, 16),
    )
    services.litigation_record_hearing(
        actor=setup["reporter"],
        case=case,
        held_on=dt.date(2026, 10, 20),
        appearance="deputy",
        head_name="钱副局长",
    )
    login(make_user(Role.SUPERVISOR))
    page.goto("/disputes/statistics/?year=2026")
    assert page.inner_text("#appearance-rate") == "100.0%"
    page.screenshot(path="/tmp/disputes-statistics.png", full_page=True)
    page.goto("/disputes/deadlines/?within=30")
    assert "应诉答辩" in page.content()
    page.screenshot(path="/tmp/disputes-deadlines.png", full_page=True)


def test_ordinary_decision_needs_the_parties_heard(page, login, setup):
    today = timezone.localdate()
    case, _ = services.reconsideration_apply(
        actor=setup["clerk"],
        application=services.Application(
            applicant_kind="person",
            applicant_name="孙七",
            respondent=setup["respondent"],
            act_description="天市监罚〔2026〕16号行政处罚决定",
            act_known_on=today - dt.timedelta(days=10),
            request="撤销",
        ),
        channel="counter",
        received_on=today - dt.timedelta(days=3),
    )
    services.reconsideration_accept(
        actor=setup["clerk"], case=case, accepted_on=case.received_on, procedure="ordinary"
    )
    login(setup["clerk"])
    page.goto(f"/disputes/reconsiderations/{case.pk}/")
    decide = "form[data-action=decide]"
    page.fill(f"{decide} #id_decide-doc_number", f"天政复〔{today.year}〕89号")
    page.fill(f"{decide} #id_decide-text", "维持。")
    page.click(f"{decide} button[type=submit]")
    assert "第49条" in page.inner_text("#action-decide")
    assert page.inner_text("#case-status") == "已受理,审理中"
    page.screenshot(path="/tmp/disputes-art49.png", full_page=True)

    hearing = "form[data-action=hearing]"
    page.select_option(f"{hearing} #id_hearing-kind", "views")
    page.fill(f"{hearing} #id_hearing-participants", "申请人、被申请人")
    page.click(f"{hearing} button[type=submit]")
    page.fill(f"{decide} #id_decide-doc_number", f"天政复〔{today.year}〕89号")
    page.fill(f"{decide} #id_decide-text", "维持。")
    page.click(f"{decide} button[type=submit]")
    assert page.inner_text("#case-status") == "已作出决定"
