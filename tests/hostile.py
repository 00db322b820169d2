"""Hostile and malformed files for the upload tests, built in memory (each bomb once per process).

Every importer's tests feed it the same set: a .docx and an .xlsx that declare 1 GB unpacked
(a few MB on disk), a damaged .docx, a .docx with an entity-expansion DTD, a PNG renamed .xlsx
and a .docx renamed .xlsx.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

GB = 1024**3
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + ']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


@cache
def docx_bytes(text: str = "天镇县人民政府办公室文件\n关于印发某办法的通知") -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@cache
def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["标题", "文号"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _replace(data: bytes, part: str, content: bytes | None, *, stream_bytes: int = 0) -> bytes:
    """A copy of the package with one part replaced (or streamed as `stream_bytes` zeros)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", compresslevel=1) as dst,
    ):
        for info in src.infolist():
            if info.filename != part:
                dst.writestr(info, src.read(info))
                continue
            if stream_bytes:
                target = zipfile.ZipInfo(part)
                target.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(target, "w", force_zip64=True) as fh:
                    chunk = b"<" + b" " * (1024 * 1024 - 1)
                    for _ in range(stream_bytes // len(chunk)):
                        fh.write(chunk)
            elif content is not None:
                dst.writestr(part, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


@cache
def docx_bomb() -> bytes:
    return _replace(docx_bytes(), "word/document.xml", None, stream_bytes=GB)


@cache
def xlsx_bomb() -> bytes:
    return _replace(xlsx_bytes(), "xl/worksheets/sheet1.xml", None, stream_bytes=GB)


def damaged_docx() -> bytes:
    """Valid zip and content types, but the document part stops in the middle of a tag."""
    return _replace(docx_bytes(), "word/document.xml", b'<?xml version="1.0"?><w:document xmlns')


def entity_docx() -> bytes:
    return _replace(docx_bytes(), "word/document.xml", LAUGHS.encode())


def truncated_docx() -> bytes:
    data = docx_bytes()
    return data[: len(data) // 2]


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def hostile_xlsx():
    """(id, file name, bytes) for an Excel importer."""
    return [
        ("bomb", "台账.xlsx", xlsx_bomb),
        ("png", "台账.xlsx", lambda: PNG),
        ("docx", "台账.xlsx", docx_bytes),
        ("truncated", "台账.xlsx", lambda: xlsx_bytes()[:300]),
    ]


def hostile_docx():
    """(id, file name, bytes) for a Word importer."""
    return [
        ("bomb", "办法.docx", docx_bomb),
        ("damaged", "办法.docx", damaged_docx),
        ("entities", "办法.docx", entity_docx),
        ("truncated", "办法.docx", truncated_docx),
        ("png", "办法.docx", lambda: PNG),
        ("xlsx", "办法.docx", xlsx_bytes),
    ]
