"""Inspection-target and discretion-standard imports, and evidence: hostile files are refused
with a message naming the file; nothing is saved."""

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.core.uploads import UploadRejected
from fazhi.enforcement import services
from fazhi.enforcement.models import DiscretionStandard, Evidence, InspectionTarget
from tests import hostile

XLSX = hostile.hostile_xlsx() + [("csv-bytes", "名录.csv", lambda: b"\xff\xfe\x00bad")]


@pytest.mark.parametrize(("case", "name", "maker"), XLSX, ids=[c[0] for c in XLSX])
def test_target_import_refuses_hostile_files(client, officer_user, case, name, maker):
    client.force_login(officer_user)
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("enforcement:target_import"), {"upload": hostile.upload(name, maker())}, follow=True
    )
    assert response.status_code == 200
    assert f"文件“{name}”:" in response.content.decode()
    assert InspectionTarget.objects.count() == 0
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("case", "name", "maker"), hostile.hostile_xlsx(), ids=[c[0] for c in hostile.hostile_xlsx()]
)
def test_standard_import_refuses_hostile_workbooks(supervisor, case, name, maker):
    with pytest.raises(UploadRejected) as caught:
        services.standard_import(actor=supervisor, upload=hostile.upload(name, maker()))
    assert caught.value.message.startswith(f"文件“{name}”:")
    assert DiscretionStandard.objects.count() == 0


@pytest.mark.parametrize(
    ("case", "name", "maker"), hostile.hostile_docx(), ids=[c[0] for c in hostile.hostile_docx()]
)
def test_evidence_refuses_hostile_documents(
    officer_user, body, officers, standard, valid_uscc, settings, tmp_path, case, name, maker
):
    from tests.enforcement.test_case_services import file_case

    settings.MEDIA_ROOT = tmp_path
    case_row = file_case(officer_user, body, officers, standard, valid_uscc)
    services.case_investigate(actor=officer_user, case=case_row)
    with pytest.raises(UploadRejected):
        services.evidence_add(
            actor=officer_user, case=case_row, title="笔录", upload=hostile.upload(name, maker())
        )
    assert Evidence.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("名录.pdf", b"%PDF-1.4 x", "只能上传"),
        ("名录.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "不是"),
        ("名录.csv", "统一社会信用代码,名称,行业类别,住所\n".encode() * 200, "超过上限"),
    ],
    ids=["wrong-suffix", "wrong-content", "oversize"],
)
def test_target_import_service_refuses_before_parsing(officer_user, settings, name, data, reason):
    settings.FAZHI_MAX_UPLOAD_BYTES = 4096
    events = AuditEvent.objects.count()
    with pytest.raises(UploadRejected) as caught:
        services.target_import_file(actor=officer_user, upload=hostile.upload(name, data))
    assert caught.value.message.startswith(f"文件“{name}”:") and reason in caught.value.message
    assert InspectionTarget.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_target_import_bomb_refused_as_a_bomb(officer_user):
    with pytest.raises(UploadRejected) as caught:
        services.target_import_file(
            actor=officer_user, upload=hostile.upload("名录.xlsx", hostile.xlsx_bomb())
        )
    assert "压缩炸弹" in caught.value.message
    assert InspectionTarget.objects.count() == 0
