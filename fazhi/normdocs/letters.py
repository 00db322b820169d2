"""The legality-review opinion letter (合法性审核意见书), an official document laid out by
`core.documents.render` (GB/T 9704-2012: A4, 三号仿宋 body, the 文号 under the title)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from fazhi.core import documents
from fazhi.core.dates import day

from .choices import FindingStatus
from .review_rules import RULE_LABELS


def opinion_letter(review, findings) -> bytes:
    """The letter for one decided review: the draft, each confirmed problem, the conclusion.

    An official document for the record: Chinese whatever the interface language (ADR 0004).
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _opinion_letter(review, findings)


def _opinion_letter(review, findings) -> bytes:
    document = review.document
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
    reviewer_unit = review.reviewer.unit.name if review.reviewer and review.reviewer.unit_id else ""
    return documents.render(
        title="合法性审核意见书",
        number=review.letter_number,
        addressee=f"{document.drafting_unit.name}:",
        paragraphs=lines,
        issuer=reviewer_unit or "合法性审核机构",
        issued_on=review.decided_on,
    )
