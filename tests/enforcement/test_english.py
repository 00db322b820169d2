"""The enforcement pages and messages in English (cookie `django_language=en`); Chinese stays the default."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from fazhi.core import validators
from fazhi.core.errors import ApplicationError
from fazhi.enforcement import rubric, services, workflow
from fazhi.enforcement.demo import generated_uscc
from fazhi.enforcement.models import CaseFileReview

pytestmark = pytest.mark.usefixtures("holidays")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def case(officer_user, body, officers, standard):
    return services.case_file(
        actor=officer_user,
        body=body,
        title="未取得许可经营",
        party_kind="organisation",
        party_name="天镇县某某食品店",
        party_uscc=generated_uscc(10000001),
        standard=standard,
        is_major=True,
        officers=officers[:2],
    )


def client_for(user, language=None):
    client = Client()
    client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client


def test_case_list_in_english(officer_user, case):
    page = client_for(officer_user, "en").get(reverse("enforcement:case_list")).content.decode()
    for label in ("Administrative penalty cases", "Case number", "Enforcement body", "Filter"):
        assert label in page
    assert case.number in page and "未取得许可经营" in page  # data stays as entered
    for chinese in ("行政处罚案件", "案件编号", "全部阶段", "筛选", "导出 Excel", "年"):
        assert chinese not in page
    assert case.filed_on.isoformat() in page  # dates are language-neutral


def test_case_list_stays_chinese_by_default(officer_user, case):
    page = client_for(officer_user).get(reverse("enforcement:case_list")).content.decode()
    assert "行政处罚案件" in page and "案件编号" in page
    assert "Administrative penalty cases" not in page


def test_case_detail_in_english(officer_user, case):
    url = reverse("enforcement:case_detail", args=[case.pk])
    page = client_for(officer_user, "en").get(url).content.decode()
    for label in (
        "Statutory periods",
        "Decision (90 days after filing)",
        "Process record",
        "Handling officers",
        "Major enforcement decision · legal review required",
        "Party: 天镇县某某食品店 (Legal person or other organisation,",
        "Start investigation",
    ):
        assert label in page, label
    for chinese in ("法定期限", "全过程记录", "承办执法人员", "当事人:", "开始调查", "办理"):
        assert chinese not in page, chinese
    # the process record is what was saved: it stays Chinese
    assert f"立案,{case.number}" in page


def test_officer_and_inspection_pages_in_english(officer_user, officers):
    client = client_for(officer_user, "en")
    officer_page = client.get(reverse("enforcement:officer_list")).content.decode()
    assert "Officers and Credentials" in officer_page and "Valid" in officer_page
    assert "执法人员与执法证" not in officer_page and "学时" not in officer_page
    plans = client.get(reverse("enforcement:plan_list")).content.decode()
    assert "Random Inspections" in plans and "No inspection plans" in plans
    assert "双随机" not in plans


def test_supervision_chart_and_grade_in_english(make_user, officer_user, case, reviewer):
    from fazhi.core.choices import Role

    supervisor = make_user(Role.SUPERVISOR, username="zhang")
    CaseFileReview.objects.create(
        case=case,
        reviewer=reviewer,
        scores={},
        total=93,
        grade=rubric.grade(93),
        reviewed_at=case.created_at,
    )
    assert CaseFileReview.objects.get().grade == "优秀"  # stored in Chinese
    page = client_for(supervisor, "en").get(reverse("enforcement:supervision")).content.decode()
    assert "Excellent" in page and "Overdue steps" in page and "Cases" in page
    assert "优秀" not in page and "超期环节" not in page


def test_refusals_and_service_errors_in_english(officer_user, case):
    facts = workflow.CaseFacts(
        stage=workflow.NOTIFIED,
        today=dt.date(2026, 3, 10),
        credentialed_officers=2,
        hearing_request_due=dt.date(2026, 3, 5),
        hearing_requested=False,
    )
    with translation.override("en"):
        assert workflow.refusals("close", facts) == [
            "The case is at the stage “Rights notified”; “Close case” is not possible now"
        ]
        with pytest.raises(ApplicationError) as caught:
            services.case_notify(
                actor=officer_user,
                case=case,
                level="general",
                proposed_penalty="罚款",
                proposed_fine=None,
            )
        assert caught.value.message.startswith("The case is at the stage “Filed”")
        with pytest.raises(ApplicationError) as caught:
            validators.uscc("123", field="party_uscc")
        assert "is invalid (wrong check digit or format)" in caught.value.message
    with translation.override("zh-hans"):
        reasons = workflow.refusals("request_hearing", facts)
    assert reasons == ["申请听证期限已于2026年3月5日届满(告知后5个工作日,行政处罚法第六十四条)"]


def test_standard_export_stays_chinese_for_the_importer(make_user, standard):
    from io import BytesIO

    from openpyxl import load_workbook

    from fazhi.core.choices import Role
    from fazhi.enforcement import importing

    supervisor = make_user(Role.SUPERVISOR, username="zhang")
    response = client_for(supervisor, "en").get(reverse("enforcement:standard_export"))
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == importing.STANDARD_HEADERS
    assert {r[4] for r in rows[1:] if r[4]} <= set(importing.LEVEL_NAMES)
    assert {r[9] for r in rows[1:] if r[9]} <= set(importing.EXEMPTION_NAMES)


def test_public_decision_pages_in_english(client, officer_user, case):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("portal:enforcement_public:index")).content.decode()
    assert "Administrative Enforcement Publicity" in page and "行政执法公示" not in page
    draws = client.get(reverse("portal:enforcement_public:draw_list")).content.decode()
    assert "Random Inspection Draws: Publicity and Verification" in draws
