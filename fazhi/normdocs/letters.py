"""The legality-review opinion letter (合法性审核意见书) as a Word file (python-docx)."""

from __future__ import annotations

import io

import docx
from django.conf import settings
from django.utils import translation
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from .choices import FindingStatus
from .review_rules import RULE_LABELS


def _font(run, size: float = 14, bold: bool = False, face: str = "仿宋") -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = face
    run._element.rPr.rFonts.set(qn("w:eastAsia"), face)


def opinion_letter(review, findings) -> bytes:
    """The letter for one decided review: the draft, each confirmed problem, the conclusion.

    An official document for the record: Chinese whatever the interface language (ADR 0004).
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _opinion_letter(review, findings)


def _opinion_letter(review, findings) -> bytes:
    document = review.document
    out = docx.Document()
    title = out.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run("合法性审核意见书"), 22, True, "方正小标宋简体")
    para = out.add_paragraph()
    _font(para.add_run(f"{document.drafting_unit.name}:"))
    lines = [
        f"你单位于{review.submitted_on:%Y年%-m月%-d日}报送的《{document.title}》(送审稿)收悉。"
        "根据《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》(国办发〔2018〕115号),"
        "本机关对该草案的制定主体、权限、程序和内容进行了合法性审核,意见如下:",
    ]
    confirmed = [f for f in findings if f.status == FindingStatus.CONFIRMED]
    if confirmed:
        for number, finding in enumerate(confirmed, start=1):
            label = RULE_LABELS.get(finding.rule, finding.rule)
            quote = f"“{finding.sentence}”" if finding.sentence else "草案全文"
            note = f"({finding.note})" if finding.note else ""
            lines.append(f"{number}. {label}:{quote}。{finding.message}{note}")
    else:
        lines.append("经审核,未发现草案存在违反法律、法规、规章或者超越法定权限的内容。")
    if review.opinion_text:
        lines.append(review.opinion_text)
    lines.append(f"审核结论:{review.get_opinion_display()}。")
    for line in lines:
        p = out.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(28)
        _font(p.add_run(line))
    reviewer_unit = review.reviewer.unit.name if review.reviewer and review.reviewer.unit_id else ""
    for line in (reviewer_unit or "合法性审核机构", f"{review.decided_on:%Y年%-m月%-d日}"):
        p = out.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(p.add_run(line))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
