"""The catalog import refuses hostile and damaged files with a clear message, saving nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from fazhi.catalogs import importing
from fazhi.catalogs.models import CatalogItem, CatalogVersion
from fazhi.core.models import AuditEvent
from tests import hostile
from tests.catalogs.conftest import APPROVAL_HEADER, approval_row, xlsx

REASONS = {
    "bomb": "疑似压缩炸弹",
    "png": "内容是PNG 图片,不是Excel(.xlsx)文件",
    "docx": "内容是Word(.docx),不是Excel(.xlsx)文件",
    "truncated": "压缩结构已损坏",
}
CASES = hostile.hostile_xlsx()


@pytest.mark.parametrize(("case", "name", "maker"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file_is_refused_by_reason_and_nothing_is_saved(
    client, office, body, case, name, maker
):
    client.force_login(office)
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("catalogs:import"),
        {
            "file": hostile.upload(name, maker()),
            "kind": "approval",
            "body": body.pk,
            "year": 2023,
        },
    )
    assert response.status_code == 200
    assert REASONS[case] in response.content.decode()
    assert not CatalogVersion.objects.exists()
    assert not CatalogItem.objects.exists()
    assert AuditEvent.objects.count() == events


def test_formula_cells_are_refused_by_row_and_column_not_emptied(client, office, body):
    """openpyxl-written formulas carry no computed value: the import must not read them as
    blank ("必填" for the code, an empty fee without a word) but say they are formulas."""
    upload = xlsx(
        [
            approval_row("A1", "甲许可"),
            [
                "=1+1",
                '=HYPERLINK("http://x","y")',
                "《中华人民共和国行政许可法》第十二条",
                "某局",
                20,
                5,
                "=SUM(A1:A2)",
                "否",
                "",
            ],
        ]
    )
    client.force_login(office)
    response = client.post(
        reverse("catalogs:import"),
        {"file": upload, "kind": "approval", "body": body.pk, "year": 2023},
    )
    page = response.content.decode()
    assert response.status_code == 200
    for column, formula in (("事项编码", "=1+1"), ("收费标准", "=SUM(A1:A2)")):
        assert f"第4行“{column}”:是公式“{formula}”" in page
    assert "必填" not in page
    assert not CatalogVersion.objects.exists()


def test_text_that_looks_like_a_formula_is_kept_as_text():
    book = Workbook()
    ws = book.active
    ws.title = "行政审批事项"
    ws.append(APPROVAL_HEADER)
    ws.append(approval_row("A1", "甲许可"))
    ws["D2"] = '=HYPERLINK("http://x")'
    ws["D2"].data_type = "s"  # typed as text, as a spreadsheet saves '=… typed by hand
    ws["G2"] = "'-"  # a CSV or an older export's quoted "-"
    buf = io.BytesIO()
    book.save(buf)
    rows = importing.read(SimpleUploadedFile("x.xlsx", buf.getvalue()), kind="approval")
    assert (rows[0]["implementing_body"], rows[0]["fee"]) == ('=HYPERLINK("http://x")', "-")
