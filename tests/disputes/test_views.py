import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from fazhi.core.choices import Role
from fazhi.core.models import AuditEvent
from fazhi.disputes import services
from fazhi.disputes.models import ReconsiderationCase
from tests.disputes.helpers import form, sue

D = dt.date


@pytest.fixture
def many_cases(clerk, application, respondent, respondent_reporter, holidays):
    for i in range(6):
        case, _ = services.reconsideration_apply(
            actor=clerk,
            application=application(applicant_name=f"申请人{i}"),
            channel="counter",
            received_on=D(2026, 11, 2),
        )
        if i % 2:
            services.reconsideration_accept(
                actor=clerk, case=case, accepted_on=D(2026, 11, 3), procedure="ordinary"
            )
        lit = sue(
            respondent_reporter,
            respondent,
            f"(2026)晋0222行初{i + 1}号",
            filed_on=D(2026, 11, 2),
            served_on=D(2026, 11, 20),
            plaintiff_name="原告",
            cause="处罚",
        )
        services.litigation_record_hearing(
            actor=respondent_reporter,
            case=lit,
            held_on=D(2026, 11, 25),
            appearance="deputy",
            head_name="副局长",
        )
        services.letter_issue(
            actor=clerk,
            kind="opinion",
            addressee=respondent,
            issuer="天镇县人民政府",
            doc_number=f"天政复意〔2026〕{i + 1}号",
            issued_on=D(2026, 11, 2),
            content="纠正",
        )
        p = services.petition_register(
            actor=respondent_reporter,
            unit=respondent,
            petitioner_name="某",
            subject="事项",
            content="",
            received_on=D(2026, 11, 20),
        )
        services.petition_accept(actor=respondent_reporter, petition=p, accepted_on=D(2026, 11, 21))


@pytest.mark.parametrize(
    "url",
    [
        "/disputes/reconsiderations/",
        "/disputes/litigation/",
        "/disputes/letters/",
        "/disputes/petitions/",
        "/disputes/mediation/",
        "/disputes/adjudication/",
        "/disputes/deadlines/?within=30",
        "/disputes/statistics/?year=2026",
    ],
)
def test_list_pages_have_exact_queries(client, supervisor, many_cases, query_count, url):
    client.force_login(supervisor)
    with query_count("page"):
        response = client.get(url)
    assert response.status_code == 200


def test_excel_exports(client, supervisor, many_cases):
    client.force_login(supervisor)
    for url in (
        "/disputes/reconsiderations/?format=xlsx",
        "/disputes/litigation/?format=xlsx",
        "/disputes/deadlines/?format=xlsx",
        "/disputes/statistics/?year=2026&format=xlsx",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_statistics_workbook_sheets_and_rates(client, supervisor, many_cases):
    client.force_login(supervisor)
    response = client.get("/disputes/statistics/?year=2026&format=xlsx")
    wb = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    assert wb.sheetnames == ["行政复议", "行政应诉", "逐年趋势"]
    recon = list(wb["行政复议"].values)
    assert recon[0][:3] == ("被申请人", "收案", "受理") and recon[0][-1] == "超期"
    assert len(recon[0]) == 15 and all(len(row) == 15 for row in recon)
    rates = [row[9] for row in recon[1:]]
    assert rates and all(r == "—" or str(r).endswith("%") for r in rates)
    lit = list(wb["行政应诉"].values)
    assert lit[0][0] == "被告单位" and lit[0][-1] == "出庭应诉率"
    assert all(r[-1] == "—" or str(r[-1]).endswith("%") for r in lit[1:])
    trend = list(wb["逐年趋势"].values)
    assert trend[0] == (
        "年度",
        "行政诉讼案件",
        "败诉案件",
        "开庭案件",
        "负责人出庭案件",
        "出庭应诉率",
    )


def test_list_export_keeps_the_filters_and_the_sort_shown(client, supervisor, many_cases):
    client.force_login(supervisor)
    body = client.get("/disputes/litigation/?status=pending&sort=-filed").content.decode()
    assert 'href="?status=pending&sort=-filed&format=xlsx"' in body


@pytest.mark.parametrize(
    ("url", "new"),
    [
        ("/disputes/reconsiderations/", "/disputes/reconsiderations/new/"),
        ("/disputes/litigation/", "/disputes/litigation/new/"),
        ("/disputes/mediation/", "/disputes/mediation/new/"),
        ("/disputes/adjudication/", "/disputes/adjudication/new/"),
        ("/disputes/petitions/", "/disputes/petitions/new/"),
    ],
)
def test_list_offers_registration_only_to_who_may_register(
    client, clerk, leader, many_cases, url, new
):
    client.force_login(clerk)
    assert f'href="{new}"' in client.get(url).content.decode()
    client.force_login(leader)
    assert f'href="{new}"' not in client.get(url).content.decode()
    assert client.get(new).status_code == 403


def test_reporter_sees_only_own_cases(client, other_reporter, many_cases):
    client.force_login(other_reporter)
    body = client.get("/disputes/reconsiderations/").content.decode()
    assert "申请人1" not in body
    case = ReconsiderationCase.objects.first()
    assert client.get(f"/disputes/reconsiderations/{case.pk}/").status_code == 404
    assert client.get("/disputes/statistics/").status_code == 403


def test_respondent_reporter_sees_own_case(client, respondent_reporter, many_cases):
    client.force_login(respondent_reporter)
    case = ReconsiderationCase.objects.first()
    response = client.get(f"/disputes/reconsiderations/{case.pk}/")
    assert response.status_code == 200 and case.number in response.content.decode()


def test_deadline_page_lists_clocks_and_selector(client, supervisor, many_cases):
    from fazhi.disputes.selectors import upcoming_deadlines

    items = upcoming_deadlines(supervisor, 60, today=D(2026, 11, 30))
    kinds = {i.kind for i in items}
    assert {"recon_acceptance", "recon_decision", "lit_defence", "petition_handling"} <= kinds
    assert items == sorted(items, key=lambda i: (i.due, i.kind, i.title))
    client.force_login(supervisor)
    body = client.get("/disputes/deadlines/?within=30").content.decode()
    assert "复议受理审查" in body and "已逾期" in body


def test_action_refusal_shows_message_and_writes_nothing(client, clerk, many_cases):
    case = ReconsiderationCase.objects.filter(status="accepted").first()
    client.force_login(clerk)
    before = AuditEvent.objects.count()
    response = client.post(
        f"/disputes/reconsiderations/{case.pk}/decide/",
        form(
            "decide",
            decided_on="2026-10-01",
            decision_type="annul",
            doc_number="天政复〔2026〕9号",
            text="撤销",
            version=case.version,
        ),
    )
    # Shown on the form it came from, the page re-rendered (200, not a redirect).
    assert response.status_code == 200
    assert "不能早于受理日期" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "accepted" and case.decided_on is None
    assert AuditEvent.objects.count() == before


def test_counter_registration_page(client, clerk, respondent, holidays):
    client.force_login(clerk)
    response = client.post(
        "/disputes/reconsiderations/new/",
        {
            "channel": "counter",
            "received_on": "2026-11-27",
            "applicant_kind": "person",
            "applicant_name": "赵六",
            "respondent": respondent.pk,
            "act_description": "罚款决定",
            "act_known_on": "2026-11-20",
            "request": "撤销",
            "files": [SimpleUploadedFile("申请书.pdf", b"%PDF-1.4 test")],
        },
    )
    case = ReconsiderationCase.objects.get(applicant_name="赵六")
    assert response.status_code == 302 and case.attachments.count() == 1
    download = client.get(
        f"/disputes/reconsiderations/{case.pk}/files/{case.attachments.first().pk}/"
    )
    assert download.status_code == 200


def test_leader_reads_but_cannot_act(client, leader, many_cases):
    client.force_login(leader)
    case = ReconsiderationCase.objects.filter(status="received").first()
    assert client.get(f"/disputes/reconsiderations/{case.pk}/").status_code == 200
    response = client.post(
        f"/disputes/reconsiderations/{case.pk}/accept/",
        form("accept", accepted_on="2026-11-03", procedure="ordinary", version=case.version),
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == "received"


def test_navigation_chapter(client, supervisor, db):
    client.force_login(supervisor)
    body = client.get("/disputes/deadlines/").content.decode()
    assert "六、纠纷化解" in body and "期限预警" in body and "年度统计" in body


def test_unit_reporter_without_disputes_role_gets_no_statistics(client, make_user, db):
    client.force_login(make_user(Role.OFFICER))
    assert client.get("/disputes/reconsiderations/").status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/api/disputes/deadlines?within=60",
        "/api/disputes/reconsiderations",
        "/api/disputes/litigation?year=2026",
        "/api/disputes/statistics/2026",
    ],
)
def test_api_list_endpoints_have_exact_queries(client, supervisor, many_cases, query_count, url):
    client.force_login(supervisor)
    with query_count("endpoint"):
        response = client.get(url)
    assert response.status_code == 200 and response.json()


def test_api_scopes_and_refuses(client, other_reporter, many_cases):
    client.force_login(other_reporter)
    assert client.get("/api/disputes/reconsiderations").json() == {"items": [], "count": 0}
    assert client.get("/api/disputes/statistics/2026").status_code == 403


def test_api_statistics_reads_appearance_rate(client, supervisor, many_cases):
    client.force_login(supervisor)
    data = client.get("/api/disputes/statistics/2026").json()
    assert data["head_appearance_rate"] == 100.0 and data["litigation_cases"] == 6


def test_deadline_page_reads_only_what_it_shows_but_pages_correctly(
    client, supervisor, clerk, application, holidays
):
    from fazhi.disputes.selectors import upcoming_deadlines

    for i in range(60):
        services.reconsideration_apply(
            actor=clerk,
            application=application(applicant_name=f"甲{i:02d}"),
            channel="counter",
            received_on=D(2026, 11, 2 + i % 20),
        )
    everything = upcoming_deadlines(supervisor, 30)
    client.force_login(supervisor)
    page2 = client.get("/disputes/deadlines/?within=30&page=2").context["listing"].page
    assert page2.paginator.count == len(everything) == 60
    assert list(page2.object_list) == everything[50:60]


def test_a_received_case_offers_only_the_actions_of_its_stage(client, clerk, received_case):
    """The copy to the respondent is sent after acceptance (行政复议法 Art. 48): before it, the
    page shows no card for it (it once showed an empty one, `actions.copy` being dict.copy)."""
    client.force_login(clerk)
    html = client.get(f"/disputes/reconsiderations/{received_case.pk}/").content.decode()
    assert 'id="action-accept"' in html
    assert 'id="action-"' not in html and "登记发送" not in html


def test_an_accepted_case_offers_the_copy_to_the_respondent(client, clerk, accepted_case):
    client.force_login(clerk)
    html = client.get(f"/disputes/reconsiderations/{accepted_case.pk}/").content.decode()
    assert 'id="action-send_copy"' in html and "发送申请书副本" in html
    accepted_case.refresh_from_db()
    response = client.post(
        f"/disputes/reconsiderations/{accepted_case.pk}/send_copy/",
        {"send_copy-version": accepted_case.version, "send_copy-sent_on": "2026-03-02"},
    )
    assert response.status_code == 302
    accepted_case.refresh_from_db()
    assert str(accepted_case.copy_sent_on) == "2026-03-02"
