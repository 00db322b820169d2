import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.catalogs import importing
from fazhi.catalogs.errors import CatalogsError
from fazhi.catalogs.models import CatalogItem, CatalogVersion
from fazhi.core.errors import ApplicationError
from fazhi.core.models import AuditEvent
from tests.catalogs.conftest import approval_row, item, xlsx


def test_reads_the_provincial_layout_under_a_title_row():
    rows = importing.read(
        xlsx([approval_row("A1", "甲许可", days=(20, "5个工作日"), promise="是")]), kind="approval"
    )
    assert rows == [
        {
            "position": 1,
            "code": "A1",
            "name": "甲许可",
            "basis": "《中华人民共和国行政许可法》第十二条",
            "implementing_body": "天镇县行政审批服务管理局",
            "statutory_days": 20,
            "promised_days": 5,
            "fee": "不收费",
            "promise": True,
            "change_reason": "",
        }
    ]


def test_row_errors_name_the_row_and_column():
    upload = xlsx(
        [
            approval_row("A1", "甲"),
            approval_row("A1", "乙"),
            approval_row("", "丙", days=("二十", 5), promise="也许"),
        ]
    )
    with pytest.raises(importing.RowErrors) as exc:
        importing.read(upload, kind="approval")
    assert [str(e) for e in exc.value.errors] == [
        "第4行“事项编码”:与第3行重复",
        "第5行“事项编码”:必填",
        "第5行“法定时限(工作日)”:应为工作日数,如 20",
        "第5行“是否告知承诺”:应填“是”或“否”",
    ]
    assert exc.value.code == CatalogsError.BAD_ROWS


def test_wrong_columns_are_named():
    header = ["编码", "事项名称"]
    with pytest.raises(importing.RowErrors) as exc:
        importing.read(xlsx([["A1", "甲"]], header=header), kind="approval")
    assert exc.value.code == CatalogsError.BAD_COLUMNS
    assert "事项编码" in exc.value.message


def test_a_bodys_own_column_names_are_read_through_its_mapping():
    header = ["编码", "事项名称", "依据"]
    rows = importing.read(
        xlsx([["A1", "甲", "《行政许可法》"]], header=header),
        kind="approval",
        columns={"code": "编码", "basis": "依据"},
    )
    assert (rows[0]["code"], rows[0]["basis"]) == ("A1", "《行政许可法》")


def test_a_power_list_needs_one_of_the_ten_kinds():
    header = ["事项编码", "事项名称", "权力类型"]
    ok = importing.read(
        xlsx([["P1", "甲", "行政处罚"], ["P2", "乙", "行政监督"]], header=header, sheet="权责清单"),
        kind="power",
    )
    assert [r["power_kind"] for r in ok] == ["penalty", "inspection"]
    with pytest.raises(importing.RowErrors) as exc:
        importing.read(
            xlsx([["P1", "甲", "行政审批"]], header=header, sheet="权责清单"), kind="power"
        )
    assert str(exc.value.errors[0]) == "第3行“权力类型”:不是十类行政权力之一"


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 3)
    rows = [approval_row(f"A{i}", "甲") for i in range(5)]
    with pytest.raises(importing.RowErrors) as exc:
        importing.read(xlsx(rows), kind="approval")
    assert exc.value.code == CatalogsError.TOO_MANY_ROWS
    assert "第6行" in exc.value.message


def test_a_renamed_file_is_refused_by_the_upload_guard():
    with pytest.raises(ApplicationError) as exc:
        importing.read(SimpleUploadedFile("list.xlsx", b"not a workbook at all"), kind="approval")
    assert exc.value.code == "upload_rejected"


def test_a_workbook_without_the_kinds_sheet_is_refused():
    upload = xlsx([approval_row("A1", "甲")], sheet="其他")
    from openpyxl import load_workbook

    book = load_workbook(upload)
    book.create_sheet("第二页")
    import io

    buf = io.BytesIO()
    book.save(buf)
    with pytest.raises(importing.RowErrors) as exc:
        importing.read(SimpleUploadedFile("x.xlsx", buf.getvalue()), kind="approval")
    assert "行政审批事项" in exc.value.message


def test_command_imports_and_a_bad_file_saves_nothing(tmp_path, body, capsys):
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx([approval_row("A1", "甲"), approval_row("A2", "乙")]).read())
    call_command(
        "catalog", "import", str(good), "--kind", "approval", "--body", body.name, "--year", "2022"
    )
    assert CatalogVersion.objects.get().item_count == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([approval_row("B1", "甲"), approval_row("B1", "乙")]).read())
    events = AuditEvent.objects.count()
    with pytest.raises(CommandError) as exc:
        call_command(
            "catalog",
            "import",
            str(bad),
            "--kind",
            "approval",
            "--body",
            str(body.pk),
            "--year",
            "2023",
        )
    assert "第4行“事项编码”:与第3行重复" in str(exc.value)
    assert CatalogVersion.objects.count() == 1
    assert CatalogItem.objects.count() == 2
    assert AuditEvent.objects.count() == events


def test_command_diff_prints_json(body, make_version, capsys):
    make_version(2022, [item("A1", "甲"), item("A2", "乙")], reasons=None)
    make_version(
        2023,
        [item("A1", "甲", change_reason="无变化")],
        reasons={"A2": "取消审批"},
    )
    capsys.readouterr()
    call_command(
        "catalog",
        "diff",
        "--kind",
        "approval",
        "--body",
        body.name,
        "--from",
        "2022",
        "--to",
        "2023",
        "--json",
    )
    out = json.loads(capsys.readouterr().out)
    assert (out["before"], out["after"], out["reduction"]) == (2, 1, 50.0)
    assert out["removed"] == [{"code": "A2", "name": "乙", "reason": "取消审批", "fields": {}}]


def test_command_diff_of_a_missing_year_or_unknown_body(body):
    with pytest.raises(CommandError, match="没有2021的"):
        call_command(
            "catalog",
            "diff",
            "--kind",
            "approval",
            "--body",
            body.name,
            "--from",
            "2021",
            "--to",
            "2022",
        )
    with pytest.raises(CommandError, match="找不到单位"):
        call_command(
            "catalog",
            "diff",
            "--kind",
            "approval",
            "--body",
            "不存在局",
            "--from",
            "2021",
            "--to",
            "2022",
        )


@pytest.mark.parametrize("column", ["索要单位", "实施主体"])
def test_a_certification_lists_its_requesting_unit_under_either_name(column):
    """A 证明事项清单 names the implementing body 索要单位 (优化营商环境条例 Art. 44); a file
    under the common 实施主体 header is read the same."""
    header = ["事项编码", "事项名称", "设定依据", column, "开具单位", "办理指南"]
    rows = importing.read(
        xlsx(
            [
                [
                    "Z1",
                    "无犯罪记录证明",
                    "《公安机关办理无犯罪记录证明工作的意见》",
                    "县人社局",
                    "县公安局",
                    "见附件",
                ]
            ],
            header=header,
            sheet="证明事项",
        ),
        kind="certification",
    )
    assert rows[0]["implementing_body"] == "县人社局"
