"""Public consultation on drafts (公开征求意见): anonymous comments, moderation, adoption summary.

The consultation's target is generic, so normative documents' public comment can use it too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import dates
from fazhi.core.actors import user_or_none
from fazhi.core.errors import ApplicationError
from fazhi.core.validators import past_date
from fazhi.core.writes import created, guarded, require_perm

from ..choices import CommentStatus, ConsultationStatus
from ..errors import DecisionsError, invalid
from ..events import Event
from ..models import Comment, Consultation

MODERATE = "decisions.moderate_consultation"
# Control characters other than tab and newline are dropped: they are never meant in a comment.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def max_chars() -> int:
    return getattr(settings, "DECISIONS_COMMENT_MAX_CHARS", 2000)


def per_minute() -> int:
    return getattr(settings, "DECISIONS_COMMENTS_PER_MINUTE", 5)


def client_digest(address: str) -> str:
    """The client's address, keyed so that the table never holds addresses themselves."""
    return hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()


def _minute() -> int:
    return int(timezone.now().timestamp() // 60)


def _take_slot(digest: str) -> bool:
    """Count one comment in this client's current minute; False when the limit is reached."""
    key = f"decisions:comments:{digest}:{_minute()}"
    if cache.add(key, 1, timeout=120):
        return per_minute() >= 1
    try:
        return cache.incr(key) <= per_minute()
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=120)
        return True


@transaction.atomic
def comment_submit(
    *,
    actor,
    consultation_id: int,
    text: str,
    client: str,
    author_name: str = "",
    as_of: dt.date | None = None,
) -> Comment:
    """A citizen's comment (actor: the anonymous user); held for moderation."""
    text = _CONTROL.sub("", text or "").strip()
    author_name = _CONTROL.sub("", author_name or "").strip()[:64]
    if not text:
        raise invalid(_("请填写意见内容"), "text", DecisionsError.COMMENT_EMPTY)
    if len(text) > max_chars():
        message = _("意见不能超过%(n)s字(现为%(len)s字)") % {"n": max_chars(), "len": len(text)}
        raise invalid(message, "text", DecisionsError.COMMENT_TOO_LONG)
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    today = dates.today(as_of)
    if (
        consultation is None
        or consultation.status != ConsultationStatus.OPEN
        or not consultation.opens_on <= today <= consultation.closes_on
    ):
        raise ApplicationError(_("该草案不在征求意见期内"), code=DecisionsError.CONSULTATION_CLOSED)
    digest = client_digest(client)
    if not _take_slot(digest):
        raise ApplicationError(_("提交过于频繁,请一分钟后再试"), code=DecisionsError.RATE_LIMITED)
    comment = Comment(
        consultation=consultation, text=text, author_name=author_name, client_digest=digest
    )
    return created(comment, actor=actor, action=Event.COMMENT_SUBMIT)


@transaction.atomic
def comment_moderate(*, actor, comment_id: int, version: int | None, approve: bool) -> Comment:
    g = guarded(
        Comment,
        comment_id,
        actor=actor,
        version=version,
        allowed=(CommentStatus.PENDING,),
        refusal=_("该意见已审核"),
        action=Event.COMMENT_MODERATE,
    )
    with g as row:
        require_perm(actor, MODERATE, row.consultation)
        row.status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
        row.moderated_by = user_or_none(actor)
        row.moderated_at = timezone.now()
    return row


@transaction.atomic
def consultation_close(
    *, actor, consultation_id: int, version: int | None, as_of: dt.date | None = None
) -> Consultation:
    with guarded(
        Consultation,
        consultation_id,
        actor=actor,
        perm=MODERATE,
        version=version,
        allowed=(ConsultationStatus.OPEN,),
        action=Event.CONSULTATION_CLOSE,
    ) as consultation:
        if dates.today(as_of) <= consultation.closes_on:
            raise ApplicationError(
                _("征求意见期至%(date)s,期满前不能截止")
                % {"date": dates.day(consultation.closes_on)},
                code=DecisionsError.COMMENT_OPEN,
            )
        consultation.status = ConsultationStatus.CLOSED
    return consultation


@transaction.atomic
def consultation_summarise(
    *, actor, consultation_id: int, version: int | None, summary: str, summarised_on: dt.date
) -> Consultation:
    past_date(summarised_on, label=_("公布日期"), field="summarised_on")
    with guarded(
        Consultation,
        consultation_id,
        actor=actor,
        perm=MODERATE,
        version=version,
        allowed=(ConsultationStatus.CLOSED,),
        refusal=_("征求意见期满并截止后才能公布采纳情况"),
        action=Event.CONSULTATION_SUMMARISE,
    ) as consultation:
        if consultation.comments.filter(status=CommentStatus.PENDING).exists():
            raise ApplicationError(_("还有未审核的公众意见"), code=DecisionsError.SUMMARY_MISSING)
        if not summary.strip():
            raise invalid(_("请说明意见采纳情况及理由"), "summary")
        consultation.adoption_summary = summary.strip()
        consultation.summarised_on = summarised_on
        consultation.status = ConsultationStatus.SUMMARISED
    return consultation


@transaction.atomic
def consultation_moderate(*, actor, consultation_id: int, comment, approve: bool) -> Comment:
    """Moderate one comment from the consultation's page."""
    if comment.consultation_id != consultation_id:
        raise ApplicationError(_("该意见不属于本次征求意见"), code="invalid")
    return comment_moderate(
        actor=actor, comment_id=comment.pk, version=comment.version, approve=approve
    )
