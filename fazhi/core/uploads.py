"""The one upload guard: size, type read from the content, and zip bombs refused before parsing.

    kind = uploads.check(upload, kinds=("docx", "xlsx"))
    with uploads.parsing(upload.name, kind):
        workbook = load_workbook(upload, read_only=True)

`check` refuses (UploadRejected, code `upload_rejected`, message naming the file) an upload that
is empty or over the size limit, whose name and content disagree (a PNG renamed .xlsx, a Word
file renamed .xlsx), or — for zip-based files — whose central directory promises too many
entries, too many unpacked bytes or a compression ratio only a bomb has. It reads only the zip
directory, [Content_Types].xml and the prologue of each XML part, with defusedxml and DTDs
forbidden, so an entity-expansion file is refused before python-docx or openpyxl sees it.
Sizes are the declared ones: Python's zipfile never inflates an entry beyond its declared size.
`parsing` turns whatever a third-party parser raises on a damaged file into the same refusal.
"""

from __future__ import annotations

import codecs
import io
import logging
import struct
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import ApplicationError

log = logging.getLogger(__name__)

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
OOXML_KINDS = {
    WORD_MAIN: "docx",
    EXCEL_MAIN: "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "docm",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "xlsm",
}
LABELS = {
    "docx": gettext_lazy("Word(.docx)"),
    "docm": gettext_lazy("含宏的 Word(.docm)"),
    "xlsx": gettext_lazy("Excel(.xlsx)"),
    "xlsm": gettext_lazy("含宏的 Excel(.xlsm)"),
    "pptx": gettext_lazy("PowerPoint(.pptx)"),
    "ofd": gettext_lazy("OFD"),
    "zip": gettext_lazy("ZIP 压缩包"),
    "pdf": gettext_lazy("PDF"),
    "png": gettext_lazy("PNG 图片"),
    "jpg": gettext_lazy("JPG 图片"),
    "mp4": gettext_lazy("MP4 视频"),
    "mp3": gettext_lazy("MP3 音频"),
    "wav": gettext_lazy("WAV 音频"),
    "ole": gettext_lazy("旧版 Office(.doc/.xls)"),
    "txt": gettext_lazy("文本(.txt)"),
    "csv": gettext_lazy("CSV"),
}
# Suffix -> kinds its content may have. .doc and .xls share the OLE2 container.
SUFFIXES = {
    ".docx": {"docx"},
    ".xlsx": {"xlsx"},
    ".ofd": {"ofd"},
    ".zip": {"zip"},
    ".pdf": {"pdf"},
    ".png": {"png"},
    ".jpg": {"jpg"},
    ".jpeg": {"jpg"},
    ".mp4": {"mp4"},
    ".mp3": {"mp3"},
    ".wav": {"wav"},
    ".doc": {"ole"},
    ".xls": {"ole"},
    ".txt": {"txt"},
    ".csv": {"txt"},
}
ZIP_KINDS = {"docx", "xlsx", "ofd"}  # parsed by us after upload: bomb checks apply
HEAD = 8192
BIG_ENTRY = 1024 * 1024  # the ratio limit applies to entries that unpack to more than this


class UploadRejected(ApplicationError):
    """`message` names the file; `reason` is the same without the name, for a per-file list."""

    code = "upload_rejected"

    def __init__(self, name: str, reason: str, *, field: str | None = None):
        message = _("文件“%(name)s”:%(reason)s") % {"name": name, "reason": reason}
        super().__init__(message, fields={field: [reason]} if field else None)
        self.name, self.reason = name, reason


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_entries: int
    max_unzipped: int
    max_ratio: int

    @classmethod
    def from_settings(cls, max_bytes: int | None) -> Limits:
        return cls(
            max_bytes=max_bytes or settings.FAZHI_MAX_UPLOAD_BYTES,
            max_entries=settings.FAZHI_UPLOAD_MAX_ENTRIES,
            max_unzipped=settings.FAZHI_UPLOAD_MAX_UNZIPPED_BYTES,
            max_ratio=settings.FAZHI_UPLOAD_MAX_RATIO,
        )


def _reject(name: str, reason: str, field: str | None) -> UploadRejected:
    log.warning("upload refused: %s: %s", name, reason)
    return UploadRejected(name, reason, field=field)


def _mb(size: int) -> str:
    return filesizeformat(size)


def check(upload, *, kinds, max_bytes: int | None = None, field: str | None = None) -> str:
    """Refuse a hostile or mistyped upload; return the kind its content has (`docx`, `ole`, …)."""
    name = PurePath(getattr(upload, "name", "") or "").name or _("(无名)")
    limits = Limits.from_settings(max_bytes)
    wanted = set(kinds)
    suffix = PurePath(name).suffix.lower()
    allowed = SUFFIXES.get(suffix, set()) & {"ole" if k in ("doc", "xls") else k for k in wanted}
    if "csv" in wanted and suffix == ".csv":
        allowed.add("txt")
    if not allowed:
        shown = "、".join(sorted({f".{k}" for k in wanted}))
        raise _reject(name, _("只能上传 %(kinds)s 文件") % {"kinds": shown}, field)
    size = _size(upload)
    if size == 0:
        raise _reject(name, _("空文件,没有内容"), field)
    if size > limits.max_bytes:
        reason = _("文件大小 %(size)s,超过上限 %(limit)s") % {
            "size": _mb(size),
            "limit": _mb(limits.max_bytes),
        }
        raise _reject(name, reason, field)
    try:
        found = _sniff(upload, limits)
    except _Refusal as exc:
        raise _reject(name, exc.reason, field) from None
    finally:
        upload.seek(0)
    if found not in allowed:
        expected = "、".join(str(LABELS[k]) for k in sorted(allowed))
        actual = str(LABELS.get(found, _("无法识别的格式")))
        reason = _("内容是%(actual)s,不是%(expected)s文件") % {
            "actual": actual,
            "expected": expected,
        }
        raise _reject(name, reason, field)
    return found


@contextmanager
def parsing(name: str, kind: str = ""):
    """Whatever a parser raises on a file that passed `check` becomes a refusal naming the file."""
    try:
        yield
    except ApplicationError:
        raise
    except Exception as exc:  # third-party parsers raise many types on a damaged file
        log.warning("upload could not be parsed: %s (%r)", name, exc)
        reason = (
            _("已损坏或不是有效的%(label)s,无法读取") % {"label": LABELS[kind]}
            if kind in LABELS
            else _("已损坏,无法读取")
        )
        raise UploadRejected(PurePath(name).name, reason) from exc


class _Refusal(Exception):
    def __init__(self, reason: str):
        self.reason = reason


def _size(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    upload.seek(0)
    return size


def _sniff(upload, limits: Limits) -> str:
    upload.seek(0)
    head = upload.read(HEAD)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(upload, limits)
    for kind, matches in SIGNATURES:
        if matches(head):
            return kind
    if _is_text(head):
        return "txt"
    return "unknown"


SIGNATURES = (
    ("pdf", lambda h: b"%PDF-" in h[:1024]),
    ("png", lambda h: h.startswith(b"\x89PNG\r\n\x1a\n")),
    ("jpg", lambda h: h.startswith(b"\xff\xd8\xff")),
    ("ole", lambda h: h.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")),
    ("mp4", lambda h: h[4:8] == b"ftyp"),
    ("wav", lambda h: h[:4] == b"RIFF" and h[8:12] == b"WAVE"),
    ("mp3", lambda h: h.startswith(b"ID3") or (len(h) > 1 and h[0] == 0xFF and h[1] >= 0xE0)),
)


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _declared_entries(upload) -> int:
    """Entry count from the end-of-central-directory record, read before zipfile builds its index."""
    upload.seek(0, io.SEEK_END)
    end = upload.tell()
    start = max(0, end - 65557)
    upload.seek(start)
    tail = upload.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        raise _Refusal(_("压缩结构已损坏"))
    count = struct.unpack("<H", tail[at + 10 : at + 12])[0]
    if count == 0xFFFF and at >= 20 and tail[at - 20 : at - 16] == b"PK\x06\x07":
        (offset,) = struct.unpack("<Q", tail[at - 12 : at - 4])
        upload.seek(offset)
        record = upload.read(56)
        if record[:4] != b"PK\x06\x06" or len(record) < 56:
            raise _Refusal(_("压缩结构已损坏"))
        (count,) = struct.unpack("<Q", record[32:40])
    return count


def _zip_kind(upload, limits: Limits) -> str:
    if _declared_entries(upload) > limits.max_entries:
        raise _Refusal(_bomb(limits))
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError, struct.error):
        raise _Refusal(_("压缩结构已损坏")) from None
    with archive:
        entries = archive.infolist()
        total = 0
        for info in entries:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > limits.max_unzipped or (
                info.file_size > BIG_ENTRY and ratio > limits.max_ratio
            ):
                raise _Refusal(_bomb(limits))
        names = {info.filename for info in entries}
        kind = _container_kind(archive, names)
        if kind in ZIP_KINDS:
            _check_xml_parts(archive, entries)
        return kind


def _bomb(limits: Limits) -> str:
    return _("解压后超过 %(limit)s、超过 %(entries)s 个条目或压缩比异常,疑似压缩炸弹,已拒绝") % {
        "limit": _mb(limits.max_unzipped),
        "entries": limits.max_entries,
    }


def _container_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "[Content_Types].xml" in names:
        if archive.getinfo("[Content_Types].xml").file_size > BIG_ENTRY:
            raise _Refusal(_("压缩结构已损坏"))
        try:
            types = fromstring(archive.read("[Content_Types].xml"), forbid_dtd=True)
        except (DefusedXmlException, SyntaxError, zipfile.BadZipFile, zlib.error, ValueError):
            raise _Refusal(_("内容类型声明已损坏或含有 DTD")) from None
        for element in types:
            content_type = element.get("ContentType", "")
            if content_type in OOXML_KINDS and element.tag.endswith("Override"):
                part = element.get("PartName", "").lstrip("/")
                if part not in names:
                    raise _Refusal(_("缺少主体部分 %(part)s") % {"part": part})
                return OOXML_KINDS[content_type]
        return "zip"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def _check_xml_parts(archive: zipfile.ZipFile, entries) -> None:
    """Each XML part's prologue parsed by defusedxml: a DTD or entity declaration is refused."""
    for info in entries:
        if not info.filename.endswith((".xml", ".rels")) or info.is_dir():
            continue
        try:
            with archive.open(info) as stream:
                for _event, _element in iterparse(stream, events=("start",), forbid_dtd=True):
                    break
        except DefusedXmlException:
            raise _Refusal(
                _("%(part)s 含有 XML 实体或 DTD 声明,可能是恶意文件") % {"part": info.filename}
            ) from None
        except (SyntaxError, zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
            raise _Refusal(_("%(part)s 已损坏") % {"part": info.filename}) from None
