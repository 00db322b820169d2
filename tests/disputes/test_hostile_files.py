"""Attachments of an online application: hostile files are refused by name, nothing is saved."""

import pytest
from django.utils import timezone

from fazhi.disputes.models import ReconsiderationAttachment, ReconsiderationCase
from tests import hostile

CASES = hostile.hostile_docx() + [
    ("png-as-pdf", "决定书.pdf", lambda: hostile.PNG),
    ("xlsx-as-docx", "决定书.docx", hostile.xlsx_bytes),
]


@pytest.fixture
def form_data(respondent, office, holidays):
    return {
        "applicant_kind": "person",
        "applicant_name": "张三",
        "applicant_phone": "13912345678",
        "respondent": respondent.pk,
        "act_description": "罚款200元的决定",
        "act_known_on": timezone.localdate().isoformat(),
        "request": "撤销罚款",
    }


@pytest.mark.parametrize(("case", "name", "maker"), CASES, ids=[c[0] for c in CASES])
def test_hostile_attachment_is_refused_and_no_case_is_registered(
    client, form_data, case, name, maker
):
    response = client.post(
        "/public/disputes/apply/", {**form_data, "files": hostile.upload(name, maker())}
    )
    assert response.status_code == 200
    assert f"文件“{name}”:" in response.content.decode()
    assert ReconsiderationCase.objects.count() == 0
    assert ReconsiderationAttachment.objects.count() == 0
