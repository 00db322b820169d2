"""The legality-review opinion letter (合法性审核意见书) as a Word file (python-docx).

Laid out as GB/T 9704-2012 asks of an official document: A4 paper, margins 37 mm top, 35 mm
bottom, 28 mm left, 26 mm right; the title in 二号小标宋 (22 pt); the 发文字号 (文号) centred
under it; the body in 三号仿宋 (16 pt), 28 pt fixed line spacing (22 lines a page), first
lines indented two characters; the issuing body and the date (Arabic numerals, no leading
zeros) at the foot.
"""

from __future__ import annotations

import io

import docx
from django.conf import settings
from django.utils import translation
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fazhi.core.dates import day

from .choices import FindingStatus
from .review_rules import RULE_LABELS

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
LINE_PT = 28


def _run(paragraph, text: str, *, size: float = BODY_PT, face: str = BODY_FONT, bold=False):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = face
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
    return run


def _paragraph(
    out, text: str, *, align=None, indent: bool = True, size: float = BODY_PT, face=BODY_FONT
):
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


def opinion_letter(review, findings) -> bytes:
    """The letter for one decided review: the draft, each confirmed problem, the conclusion.

    An official document for the record: Chinese whatever the interface language (ADR 0004).
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _opinion_letter(review, findings)


def _opinion_letter(review, findings) -> bytes:
    document = review.document
    out = docx.Document()
    _page(out)
    _paragraph(
        out,
        "合法性审核意见书",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        size=TITLE_PT,
        face=TITLE_FONT,
    )
    if review.letter_number:
        _paragraph(out, review.letter_number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(out, "", indent=False)
    _paragraph(out, f"{document.drafting_unit.name}:", indent=False)
    lines = [
        f"你单位于{day(review.submitted_on, chinese=True)}报送的《{document.title}》(送审稿)收悉。"
        "根据《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》(国办发〔2018〕115号),"
        "本机关对该草案的制定主体、权限、程序和内容进行了合法性审核,意见如下:",
    ]
    confirmed = [f for f in findings if f.status == FindingStatus.CONFIRMED]
    if confirmed:
        for number, finding in enumerate(confirmed, start=1):
            label = RULE_LABELS.get(finding.rule, finding.rule)
            quote = f"“{finding.sentence.rstrip('。')}”" if finding.sentence else "草案全文"
            note = f"({finding.note})" if finding.note else ""
            lines.append(f"{number}. {label}:{quote}。{finding.message}{note}")
    else:
        lines.append("经审核,未发现草案存在违反法律、法规、规章或者超越法定权限的内容。")
    if review.opinion_text:
        lines.append(review.opinion_text)
    lines.append(f"审核结论:{review.get_opinion_display()}。")
    for line in lines:
        _paragraph(out, line)
    _paragraph(out, "", indent=False)
    reviewer_unit = review.reviewer.unit.name if review.reviewer and review.reviewer.unit_id else ""
    for line in (reviewer_unit or "合法性审核机构", day(review.decided_on, chinese=True)):
        p = _paragraph(out, line, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        p.paragraph_format.right_indent = Pt(4 * BODY_PT)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
