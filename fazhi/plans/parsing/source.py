"""Bytes → text: encoding detection and refusal of what is not a plain-text plan."""

from __future__ import annotations

import re

from .errors import PlanParseError

MAX_TEXT_BYTES = 5 * 1024 * 1024

# Known file signatures, and what to tell the user about each.
_SIGNATURES = (
    (b"\x89PNG", "这是一张 PNG 图片,不是实施方案文本"),
    (b"\xff\xd8\xff", "这是一张 JPEG 图片,不是实施方案文本"),
    (b"GIF8", "这是一张 GIF 图片,不是实施方案文本"),
    (b"%PDF", "暂不支持 PDF 文件,请上传 .docx 或 .txt 格式的实施方案"),
    (b"\xd0\xcf\x11\xe0", "这是旧版 Word(.doc)、WPS 或加密文档,请另存为 .docx 或 .txt 后再上传"),
    (b"Rar!", "这是 RAR 压缩包,不是实施方案文件"),
    (b"7z\xbc\xaf", "这是 7z 压缩包,不是实施方案文件"),
    (b"\x1f\x8b", "这是 gzip 压缩文件,不是实施方案文件"),
    (b"{\\rtf", "暂不支持 RTF 文件,请另存为 .docx 或 .txt 后再上传"),
)
# C0/C1 control characters other than tab, line feed, vertical tab, form feed, carriage return
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def signature_message(data: bytes) -> str | None:
    for magic, message in _SIGNATURES:
        if data.startswith(magic):
            return message
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "这是一张 WebP 图片,不是实施方案文本"
    return None


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030; refuses binary content."""
    if len(data) > MAX_TEXT_BYTES:
        raise PlanParseError(too_large(len(data)))
    if not data.strip():
        raise PlanParseError("文件为空,没有任何内容")
    message = signature_message(data)
    if message:
        raise PlanParseError(message)
    text = _decode(data)
    check_text(text)
    return text


def too_large(size: int) -> str:
    return f"文件过大({size / 1024 / 1024:.1f} MB),实施方案文本不能超过 5 MB"


def check_text(text: str) -> None:
    if not text.strip():
        raise PlanParseError("文件为空,没有任何内容")
    if len(text) > MAX_TEXT_BYTES or len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise PlanParseError(too_large(len(text.encode("utf-8"))))
    controls = len(_CONTROLS.findall(text))
    if "\x00" in text or controls > len(text) // 100:
        raise PlanParseError("文件含有二进制内容,不是文本文件;请上传 .txt 或 .docx 格式的实施方案")


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise PlanParseError(
            "无法识别文件编码(既不是 UTF-8 也不是 GB18030),可能不是文本文件"
        ) from None
