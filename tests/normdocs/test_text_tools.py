import datetime as dt
import io

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from fazhi.normdocs import segment
from fazhi.normdocs.highlight import snippet
from fazhi.normdocs.importing import NotADocument, parse_document, read_text, rows_from_files


def test_search_mode_yields_two_character_words():
    tokens = segment.index_tokens("申请人不服行政复议决定的")
    assert "复议" in tokens and "行政复议" in tokens
    assert segment.query_tokens("行政复议  决定 决定") == ["行政复议", "决定"]
    assert segment.query_tokens('"NEAR * -') == ["near"]


def test_snippet_escapes_then_marks():
    html = snippet("<script>alert(1)</script> 行政复议 & 复议机关", ["复议", "script"])
    assert "<script>" not in html
    assert "&lt;<mark>script</mark>&gt;" in html
    assert "行政<mark>复议</mark> &amp; <mark>复议</mark>机关" in html


@given(st.text(max_size=300), st.lists(st.text(min_size=1, max_size=4), max_size=3))
def test_snippet_never_lets_markup_through(text, terms):
    html = snippet(text, terms)
    stripped = html.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped


HEADING = "天镇县司法局文件\n天司发［2025］3号\n天镇县司法局关于印发《天镇县行政复议听证办法》的通知\n第一条 根据《中华人民共和国行政复议法》,制定本办法。\n第二条 本办法自2025年4月1日起施行,有效期5年。\n天镇县司法局\n2025年3月1日\n"


def test_parse_a_text_document():
    row = parse_document("a.txt", HEADING)
    assert row.errors == []
    assert (row.issuer, row.doc_number, row.title) == (
        "天镇县司法局",
        "天司发〔2025〕3号",
        "天镇县司法局关于印发《天镇县行政复议听证办法》的通知",
    )
    assert (row.published_on, row.effective_on, row.valid_until) == (
        dt.date(2025, 3, 1),
        dt.date(2025, 4, 1),
        dt.date(2030, 3, 31),
    )


def test_docx_and_gbk_text_are_read():
    document = docx.Document()
    for line in HEADING.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    assert "天司发" in read_text("a.docx", buffer.getvalue())
    assert "天司发" in read_text("a.txt", HEADING.encode("gb18030"))


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.docx", b"not a zip", "Word"),
        ("a.txt", b"\x00\x01\x02", "文本"),
        ("a.pdf", b"%PDF", ".txt"),
        ("a.txt", b"   ", "没有文字"),
    ],
)
def test_files_that_are_not_documents(name, data, reason):
    with pytest.raises(NotADocument, match=reason):
        read_text(name, data)


def test_excel_list_reports_bad_rows_by_line():
    wb = Workbook()
    ws = wb.active
    ws.append(["标题", "文号", "制定机关", "公布日期", "施行日期"])
    ws.append(
        [
            "关于甲的通知",
            "天政办发[2024]1号",
            "天镇县人民政府办公室",
            dt.date(2024, 1, 5),
            "2024-02-05",
        ]
    )
    ws.append(["关于乙的通知", "", "天镇县人民政府办公室", "明天", None])
    buffer = io.BytesIO()
    wb.save(buffer)
    rows, failed = rows_from_files([("list.xlsx", buffer.getvalue()), ("x.xlsx", b"nope")])
    assert failed == [
        ("x.xlsx", "内容是文本(.txt),不是Excel(.xlsx)文件")
    ]  # the upload guard's words
    assert rows[0].errors == [] and rows[0].effective_on == dt.date(2024, 2, 5)
    assert rows[1].source == "list.xlsx 第3行"
    assert set(rows[1].errors) == {"“明天”不是日期", "缺少文号", "缺少公布日期"}
