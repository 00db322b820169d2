import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.core.models import AuditEvent
from fazhi.disputes.models import ReconsiderationCase
from tests.disputes.helpers import hear_views


@pytest.fixture
def form_data(respondent, office, holidays):
    today = timezone.localdate()
    return {
        "applicant_kind": "person",
        "applicant_name": "张三",
        "applicant_phone": "13912345678",
        "respondent": respondent.pk,
        "act_description": "罚款200元的决定",
        "act_known_on": today.isoformat(),
        "request": "撤销罚款",
    }


def _apply(client, data, **files):
    response = client.post("/public/disputes/apply/", {**data, **files})
    body = response.content.decode()
    number = re.search(r'id="case-number">([^<]+)<', body)
    code = re.search(r'id="query-code">([^<]+)<', body)
    return response, body, number and number.group(1), code and code.group(1)


def test_online_application_and_query(client, form_data):
    response, body, number, code = _apply(
        client, form_data, files=SimpleUploadedFile("处罚决定书.pdf", b"%PDF-1.4")
    )
    assert response.status_code == 200 and number and len(code) >= 24
    case = ReconsiderationCase.objects.get(number=number)
    assert (
        case.channel == "online"
        and case.attachments.count() == 1
        and code not in case.query_code_digest
    )
    # The citizen is no user of the platform: nobody is recorded as registrar, 公众 in the trail.
    assert case.created_by_id is None and case.attachments.get().uploaded_by_id is None
    event = AuditEvent.objects.get(action="disputes.reconsideration_apply")
    assert (event.actor_id, event.actor_name) == (None, "公众")
    status = client.post(
        "/public/disputes/query/", {"number": number, "code": code}
    ).content.decode()
    assert "待受理审查" in status and "张*" in status and "张三" not in status


def test_application_without_respondent_is_refused(client, form_data):
    form_data.pop("respondent")
    response, body, number, _ = _apply(client, form_data)
    assert number is None and "请选择被申请人" in body
    assert ReconsiderationCase.objects.count() == 0


def test_guessed_code_reaches_nothing(client, form_data):
    _, _, number, code = _apply(client, form_data)
    other = {**form_data, "applicant_name": "李四"}
    _, _, other_number, _ = _apply(client, other)
    wrong = client.post(
        "/public/disputes/query/", {"number": other_number, "code": code}
    ).content.decode()
    missing = client.post(
        "/public/disputes/query/", {"number": "天政复〔2026〕999号", "code": code}
    ).content.decode()
    assert "案号或查询码不正确" in wrong and "案号或查询码不正确" in missing
    assert "李" not in wrong.split("<main")[1].split("</main>")[0]


def test_query_is_rate_limited(client, form_data):
    _, _, number, code = _apply(client, form_data)
    for _ in range(10):
        client.post("/public/disputes/query/", {"number": number, "code": "guess"})
    body = client.post("/public/disputes/query/", {"number": number, "code": code}).content.decode()
    assert "查询次数过多" in body and "待受理审查" not in body


def test_published_decisions_only_and_masked(client, clerk, accepted_case):
    import datetime as dt

    from fazhi.disputes import services

    assert (
        client.get("/public/disputes/decisions/").content.decode().count("天政复〔2026〕7号") == 0
    )
    hear_views(clerk, accepted_case)
    services.reconsideration_decide(
        actor=clerk,
        case=accepted_case,
        decided_on=dt.date(2026, 3, 20),
        decision_type="annul",
        doc_number="天政复〔2026〕7号",
        text="申请人张三不服……决定撤销。",
    )
    unpublished = client.get(f"/public/disputes/decisions/{accepted_case.pk}/")
    # The selector's NotFound, answered by core.errorpages with its message.
    assert unpublished.status_code == 404
    assert "记录不存在或您无权查看" in unpublished.content.decode()
    services.reconsideration_publish(
        actor=clerk, case=accepted_case, published_on=dt.date(2026, 3, 21)
    )
    assert "天政复〔2026〕7号" in client.get("/public/disputes/decisions/").content.decode()
    body = client.get(f"/public/disputes/decisions/{accepted_case.pk}/").content.decode()
    assert "张*" in body and "张三" not in body
    organ = f"{accepted_case.office.unit.region.name}人民政府"
    assert f"{organ}行政复议决定书" in body


def test_the_application_page_names_the_offices_that_receive_it(client, office):
    body = client.get("/public/disputes/apply/").content.decode()
    assert f"{office.name}({office.unit.name})" in body
