"""The registry import refuses hostile and damaged files with a clear message, saving nothing."""

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.normdocs.models import NormativeDocument
from tests import hostile

CASES = hostile.hostile_docx() + [
    ("xlsx-" + case, "目录.xlsx", maker) for case, _name, maker in hostile.hostile_xlsx()
]
REASONS = {
    "bomb": "疑似压缩炸弹",
    "damaged": "word/document.xml 已损坏",
    "entities": "含有 XML 实体或 DTD 声明",
    "truncated": "压缩结构已损坏",
    "png": "内容是PNG 图片",
    "xlsx": "内容是Excel(.xlsx),不是Word(.docx)文件",
    "xlsx-bomb": "疑似压缩炸弹",
    "xlsx-png": "内容是PNG 图片,不是Excel(.xlsx)文件",
    "xlsx-docx": "内容是Word(.docx),不是Excel(.xlsx)文件",
    "xlsx-truncated": "压缩结构已损坏",
}


@pytest.mark.parametrize(("case", "name", "maker"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file_is_refused_by_name_and_nothing_is_saved(
    client, supervisor, drafting_unit, case, name, maker
):
    client.force_login(supervisor)
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("normdocs:document_import"),
        {"issuer": drafting_unit.pk, "files": [hostile.upload(name, maker())]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert name in html
    assert REASONS[case] in html
    assert NormativeDocument.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_parser_failure_after_the_guard_is_a_per_file_refusal():
    from fazhi.normdocs import importing

    # A well-formed prologue that breaks later: the guard lets it through, the parser fails.
    broken = hostile._replace(
        hostile.docx_bytes(),
        "word/document.xml",
        b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p></w:body>',
    )
    rows, failed = importing.rows_from_files([("办法.docx", broken)])
    assert rows == []
    assert failed == [("办法.docx", "已损坏或不是有效的Word(.docx),无法读取")]
