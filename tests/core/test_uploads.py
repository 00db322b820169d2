import io
import time
import zipfile

import docx
import openpyxl
import pytest

from fazhi.core import uploads
from fazhi.core.uploads import UploadRejected
from tests import hostile


def refused(name, data, **kwargs) -> str:
    with pytest.raises(UploadRejected) as caught:
        uploads.check(hostile.upload(name, data), **kwargs)
    assert caught.value.code == "upload_rejected"
    assert caught.value.message.startswith(f"文件“{name}”:")
    return caught.value.message


def test_good_word_and_excel_files_pass_and_are_rewound():
    upload = hostile.upload("办法.docx", hostile.docx_bytes())
    assert uploads.check(upload, kinds=("docx", "txt")) == "docx"
    assert upload.tell() == 0
    assert uploads.check(hostile.upload("表.xlsx", hostile.xlsx_bytes()), kinds=("xlsx",)) == "xlsx"


@pytest.mark.parametrize("maker", [hostile.docx_bomb, hostile.xlsx_bomb])
def test_zip_bomb_is_refused_from_its_directory_in_well_under_a_second(maker):
    data = maker()
    name = "炸弹.docx" if maker is hostile.docx_bomb else "炸弹.xlsx"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sum(i.file_size for i in archive.infolist()) > hostile.GB
    assert len(data) < 8 * 1024 * 1024
    started = time.perf_counter()
    message = refused(name, data, kinds=("docx", "xlsx"))
    assert time.perf_counter() - started < 0.5
    assert "疑似压缩炸弹" in message


def test_many_small_entries_are_refused_before_zipfile_indexes_them(settings):
    settings.FAZHI_UPLOAD_MAX_ENTRIES = 50
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(51):
            archive.writestr(f"x{n}.xml", "<a/>")
    assert "疑似压缩炸弹" in refused("多.docx", out.getvalue(), kinds=("docx",))


def test_entity_expansion_docx_is_refused_before_parsing():
    message = refused("办法.docx", hostile.entity_docx(), kinds=("docx",))
    assert "word/document.xml 含有 XML 实体或 DTD 声明" in message


def test_damaged_and_truncated_docx_are_refused():
    assert "word/document.xml 已损坏" in refused(
        "办法.docx", hostile.damaged_docx(), kinds=("docx",)
    )
    assert "压缩结构已损坏" in refused("办法.docx", hostile.truncated_docx(), kinds=("docx",))


def test_png_and_word_renamed_xlsx_are_refused_naming_what_they_are():
    assert "内容是PNG 图片,不是Excel(.xlsx)文件" in refused("表.xlsx", hostile.PNG, kinds=("xlsx",))
    assert "内容是Word(.docx),不是Excel(.xlsx)文件" in refused(
        "表.xlsx", hostile.docx_bytes(), kinds=("xlsx",)
    )


def test_wrong_suffix_empty_and_oversize_are_refused(settings):
    assert "只能上传 .docx、.txt 文件" in refused("a.exe", b"MZ", kinds=("docx", "txt"))
    assert "空文件,没有内容" in refused("a.txt", b"", kinds=("txt",))
    settings.FAZHI_MAX_UPLOAD_BYTES = 1024 * 1024
    assert "文件大小 1.0\xa0MB,超过上限 1.0\xa0MB" in refused(
        "a.txt", b"a" * (1024 * 1024 + 1), kinds=("txt",)
    )
    assert "文件大小 20\xa0字节,超过上限 10\xa0字节" in refused(
        "a.txt", b"a" * 20, kinds=("txt",), max_bytes=10
    )


def test_text_pdf_image_and_legacy_office_are_told_apart():
    pdf = hostile.upload("a.pdf", b"%PDF-1.7\n...")
    assert uploads.check(pdf, kinds=("pdf", "png")) == "pdf"
    assert uploads.check(hostile.upload("a.png", hostile.PNG), kinds=("png",)) == "png"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
    assert uploads.check(hostile.upload("旧.doc", ole), kinds=("doc",)) == "ole"
    assert uploads.check(hostile.upload("名单.csv", "名称,代码\n".encode("gbk")), kinds=("csv",))
    assert "内容是PDF" in refused("a.png", b"%PDF-1.7", kinds=("png", "pdf"))
    assert "无法识别的格式" in refused("a.txt", b"\x00\x01\x02", kinds=("txt",))


def test_parsing_turns_any_parser_error_into_the_refusal():
    with pytest.raises(UploadRejected) as caught, uploads.parsing("办法.docx", "docx"):
        docx.Document(io.BytesIO(hostile.damaged_docx()))
    assert caught.value.message == "文件“办法.docx”:已损坏或不是有效的Word(.docx),无法读取"


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_python_docx_alone_stops_entity_expansion_with_an_error_the_guard_prevents():
    # lxml refuses the amplification itself (resolve_entities=False plus libxml2's limit), but
    # as an XMLSyntaxError: the 500 the importers gave. The guard refuses the file first.
    from lxml.etree import XMLSyntaxError

    with pytest.raises(XMLSyntaxError, match="amplification"):
        docx.Document(io.BytesIO(hostile.entity_docx()))
