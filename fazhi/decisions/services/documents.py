"""Issuing the dossier's official documents: numbered once (文号), rendered, kept as issued."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from fazhi.core import documents as layout
from fazhi.core import numbering
from fazhi.core.actors import user_or_none
from fazhi.core.errors import ApplicationError, Conflict
from fazhi.core.validators import past_date
from fazhi.core.writes import created

from .. import documents
from ..choices import DocumentKind
from ..errors import DecisionsError, invalid
from ..events import Event
from ..models import Decision, OfficialDocument
from .dossier import decision_consultation
from .steps import dossier_step

# The legality-review body issues its opinion; the drafting side issues the others.
PERMS = {
    DocumentKind.CONSULTATION_NOTICE: "decisions.draft_decision",
    DocumentKind.EXPERT_SUMMARY: "decisions.draft_decision",
    DocumentKind.REVIEW_OPINION: "decisions.review_decision",
    DocumentKind.PUBLICATION_NOTICE: "decisions.draft_decision",
}


def next_serial(prefix: str, year: int) -> int:
    """The serial the next document of `prefix` in `year` gets: the highest issued plus one,
    read under a lock on that number space (`core.numbering`), so two users issuing at once
    never get one 文号. Call it inside the transaction that saves the document."""
    numbering.lock_number_space(prefix, year)
    return numbering.next_serial(OfficialDocument.objects.all(), prefix, year)


def last_prefix(decision: Decision, kind: str) -> str:
    """The prefix the same issuer used last for this kind of document (the form's default)."""
    issuer = decision.review_unit_id if kind == DocumentKind.REVIEW_OPINION else None
    qs = OfficialDocument.objects.filter(kind=kind)
    qs = (
        qs.filter(decision__review_unit_id=issuer)
        if issuer
        else qs.filter(decision__body_id=decision.body_id)
    )
    return qs.order_by("-id").values_list("prefix", flat=True).first() or ""


@transaction.atomic
def document_issue(
    *, actor, decision_id: int, version: int | None, kind: str, prefix: str, issued_on: dt.date
) -> OfficialDocument:
    past_date(issued_on, label=_("成文日期"), field="issued_on")
    if kind not in DocumentKind.values:
        raise ApplicationError(_("未知的文书种类"), code="invalid")
    prefix = prefix.strip()
    if not prefix or any(c in prefix for c in "〔〕[]()()0123456789"):
        message = _("请填写文号前缀(机关代字),如“天政审”,年份和序号自动编排")
        raise invalid(message, "prefix")
    g = dossier_step(
        decision_id, actor=actor, version=version, action=Event.DOCUMENT_ISSUE, perm=PERMS[kind]
    )
    with g as decision:
        label = DocumentKind(kind).label
        if decision.documents.filter(kind=kind).exists():
            raise ApplicationError(
                _("本决策的%(kind)s已印发,不能重复印发") % {"kind": label},
                code=DecisionsError.DOCUMENT_ISSUED,
            )
        consultation = decision_consultation(decision)
        if not documents.ready(decision, kind, consultation):
            raise ApplicationError(
                _("决策尚未进行到可以印发%(kind)s的阶段") % {"kind": label},
                code=DecisionsError.DOCUMENT_NOT_READY,
            )
        text = documents.draft(decision, kind, consultation)
        serial = next_serial(prefix, issued_on.year)
        number = numbering.format_number(prefix, issued_on.year, serial)
        data = layout.render(
            title=text.title,
            number=number,
            addressee=text.addressee,
            paragraphs=text.paragraphs,
            issuer=text.issuer,
            issued_on=issued_on,
        )
        doc = OfficialDocument(
            decision=decision,
            kind=kind,
            prefix=prefix,
            year=issued_on.year,
            serial=serial,
            number=number,
            issuer=text.issuer,
            issued_on=issued_on,
            sm3=hashlib.new("sm3", data).hexdigest(),
            issued_by=user_or_none(actor),
        )
        doc.file.save(f"{decision.number}-{kind}.docx", ContentFile(data), save=False)
        try:
            with transaction.atomic():
                created(doc, actor=actor, action=Event.DOCUMENT_ISSUE)
        except IntegrityError as exc:
            doc.file.delete(save=False)
            raise Conflict(_("文号%(number)s刚被占用,请重新提交") % {"number": number}) from exc
        g.note(document=doc.pk, number=number, kind=kind, sm3=doc.sm3)
    return doc
