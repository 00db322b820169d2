"""Letters that demand a reply: reconsideration opinions and recommendations (Art. 76),
judicial and procuratorial recommendations."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dates
from fazhi.core.actors import Actor
from fazhi.core.errors import ApplicationError
from fazhi.core.models import OrgUnit
from fazhi.core.writes import created, guarded, require_perm

from ..choices import LetterKind
from ..errors import DisputesError
from ..events import Event
from ..models import LitigationCase, OversightLetter, ReconsiderationCase
from .common import DOC_NUMBER, due_fields, not_before, past, refuse, stripped
from .common import text as required_text

LETTER_PERIOD = {
    LetterKind.OPINION: "disputes.recon_opinion_reply",
    LetterKind.RECOMMENDATION: "disputes.recon_recommendation_reply",
    LetterKind.JUDICIAL: "disputes.lit_judicial_reply",
    LetterKind.PROCURATORIAL: "disputes.lit_procuratorial_reply",
}


@transaction.atomic
def letter_issue(
    *,
    actor: Actor,
    kind: str,
    addressee: OrgUnit | None,
    issuer: str,
    doc_number: str,
    issued_on: dt.date,
    content: str,
    reconsideration: ReconsiderationCase | None = None,
    litigation: LitigationCase | None = None,
) -> OversightLetter:
    """Register a letter that demands a reply; the reply period runs from `issued_on`."""
    if kind in (LetterKind.OPINION, LetterKind.RECOMMENDATION):
        require_perm(
            actor, "disputes.handle_reconsideration", message=_("意见书、建议书由行政复议机构制发")
        )
    else:
        require_perm(
            actor,
            "disputes.issue_letter",
            message=_("只有行政复议机构或依法治县办可以登记司法建议、检察建议"),
        )
    if kind not in LETTER_PERIOD:
        raise refuse(_("请选择文书类别"), "kind", _("必填"))
    if addressee is None:
        raise refuse(_("请选择收文单位"), "addressee", _("必填"))
    past(issued_on, "issued_on", _("制发/收到日期"))
    if not DOC_NUMBER.match((doc_number or "").strip()):
        raise refuse(
            _("文号格式应为“天政复意〔2026〕3号”"),
            "doc_number",
            _("格式不正确"),
            code=DisputesError.DOC_NUMBER,
        )
    letter = OversightLetter(
        kind=kind,
        addressee=addressee,
        doc_number=doc_number.strip(),
        issued_on=issued_on,
        **stripped(issuer=issuer, content=content),
        **due_fields("reply_due", LETTER_PERIOD[kind], issued_on),
        reconsideration=reconsideration,
        litigation=litigation,
        created_by=actor,
    )
    return created(letter, actor=actor, action=Event.LETTER_ISSUE)


@transaction.atomic
def letter_reply(
    *, actor: Actor, letter: OversightLetter, replied_on: dt.date, text: str
) -> OversightLetter:
    with guarded(
        OversightLetter,
        letter.pk,
        actor=actor,
        perm="disputes.reply_letter",
        denied=_("只有收文单位可以回复"),
        action=Event.LETTER_REPLY,
    ) as letter:
        if letter.replied_on:
            raise ApplicationError(_("该文书已回复"), code=DisputesError.ALREADY_REPLIED)
        past(replied_on, "replied_on", _("回复日期"))
        not_before(replied_on, letter.issued_on, "replied_on", _("回复日期不能早于文书日期"))
        letter.reply_text = required_text(text, "text", _("请填写整改落实情况"))
        letter.replied_on = replied_on
    return letter


@transaction.atomic
def letter_follow_up(*, actor: Actor, letter: OversightLetter, note: str) -> OversightLetter:
    g = guarded(
        OversightLetter,
        letter.pk,
        actor=actor,
        perm="disputes.follow_up_letter",
        denied=_("只有行政复议机构或依法治县办可以记录跟踪督促"),
        action=Event.LETTER_FOLLOW_UP,
    )
    with g as letter:
        note = required_text(note, "note", _("请填写督促情况"))
        # Saved to the letter: stays Chinese whoever writes it.
        line = f"{dates.day(dates.today(), chinese=True)} {actor.display_name}:{note}"
        letter.follow_up = f"{letter.follow_up}\n{line}".strip()
    return letter
