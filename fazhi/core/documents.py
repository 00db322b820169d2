"""Official documents as Word files in the GB/T 9704-2012 layout, for every app.

    data = documents.render(
        title="督 办 单", number="天法督〔2026〕3号", addressee="天镇县司法局:",
        paragraphs=["你单位承担的……"], issuer="县委依法治县办", issued_on=date(2026, 3, 5),
    )

A4 paper; margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; the title in 二号小标宋
(22 pt) centred; the 发文字号 (文号) centred under it; the body in 三号仿宋 (16 pt) at a fixed
28 pt line (22 lines a page, 28 characters a line), first lines indented two characters; the
issuing body and the date (2026年3月5日, no leading zeros) at the foot, right-aligned.
A document is Chinese whatever the interface language.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .dates import day

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
LINE_PT = 28
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _run(paragraph, text: str, *, size: float, face: str):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.name = face
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
    return run


def _paragraph(out, text: str, *, align=None, indent=True, size=BODY_PT, face=BODY_FONT):
    p = out.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT if size <= BODY_PT else size + 10)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(2 * BODY_PT)
    if align is not None:
        p.alignment = align
    _run(p, text, size=size, face=face)
    return p


def _page(out) -> None:
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = out.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)


def render(
    *,
    title: str,
    paragraphs: Iterable[str],
    number: str = "",
    addressee: str = "",
    issuer: str = "",
    issued_on: dt.date | None = None,
) -> bytes:
    """The .docx bytes of one official document (see the module docstring for the layout)."""
    out = docx.Document()
    _page(out)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(out, title, align=center, indent=False, size=TITLE_PT, face=TITLE_FONT)
    if number:
        _paragraph(out, number, align=center, indent=False)
    _paragraph(out, "", indent=False)
    if addressee:
        _paragraph(out, addressee, indent=False)
    for text in paragraphs:
        _paragraph(out, text)
    _paragraph(out, "", indent=False)
    for line in (issuer, day(issued_on, chinese=True) if issued_on else ""):
        if line:
            p = _paragraph(out, line, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
            p.paragraph_format.right_indent = Pt(4 * BODY_PT)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
