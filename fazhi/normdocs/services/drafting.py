"""Drafting a document: create, revise, public comment, submission for review, collective
deliberation, publication, and the registry links (amends / repeals / implements)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dates, periods, validators
from fazhi.core.actors import Actor, user_or_none
from fazhi.core.errors import ApplicationError
from fazhi.core.models import OrgUnit
from fazhi.core.rules import is_reporter
from fazhi.core.writes import created, guarded, require_perm

from ..choices import LinkKind, ReviewOpinion, Stage
from ..errors import NormdocsError
from ..events import Event
from ..models import DocumentLink, LegalityReview, NormativeDocument, ReviewFinding
from ..review_rules import DraftFacts, review
from .common import (
    DRAFT,
    advance,
    by_drafter,
    check_dates,
    doc_number_fields,
    filled,
    index,
    next_registration_number,
    not_before,
    period_text,
    published,
    refuse,
    step,
)
from .reviews import law_entries, require_resolved, review_limits


@transaction.atomic
def normdoc_create(
    *,
    actor: Actor,
    title: str,
    issuer: OrgUnit,
    drafting_unit: OrgUnit | None = None,
    body: str = "",
    legal_basis: str = "",
) -> NormativeDocument:
    """Start a draft. A reporter drafts for its own unit; the supervisor for any unit."""
    if drafting_unit is None:
        drafting_unit = actor.unit if is_reporter(actor) and actor.unit_id else issuer
    document = NormativeDocument(
        title=title.strip(),
        issuer=issuer,
        drafting_unit=drafting_unit,
        body=body,
        legal_basis=legal_basis,
        created_by=user_or_none(actor),
    )
    created(
        document,
        actor=actor,
        action=Event.DOCUMENT_CREATE,
        perm=DRAFT,
        denied=_("只能为本单位起草规范性文件"),
    )
    step(document, Stage.DRAFTING, dates.today(), actor, "创建草案")
    return document


def revisable(document: NormativeDocument) -> bool:
    """A draft, or a text passed "with changes" that is being revised before deliberation."""
    if document.stage == Stage.DRAFTING:
        return True
    if document.stage != Stage.COLLECTIVE_DELIBERATION:
        return False
    latest = document.reviews.exclude(opinion="").order_by("-decided_on", "-pk").first()
    return latest is not None and latest.opinion == ReviewOpinion.PASS_WITH_CHANGES


@transaction.atomic
def normdoc_update_draft(
    *,
    actor: Actor,
    document: NormativeDocument,
    version: int | None,
    title: str,
    body: str,
    legal_basis: str,
) -> NormativeDocument:
    """Revise the text: while drafting, or after an opinion "修改后通过" until deliberation."""
    with by_drafter(
        document,
        actor=actor,
        action=Event.DOCUMENT_UPDATE,
        version=version,
        denied=_("只能修改本单位的草案"),
    ) as doc:
        if not revisable(doc):
            raise ApplicationError(
                _(
                    "只有起草中的草案,或合法性审核“修改后通过”后、集体审议前的文本可以修改"
                    "(当前环节:%(stage)s)"
                )
                % {"stage": doc.get_stage_display()},
                code=NormdocsError.STEP_REFUSED,
            )
        doc.title, doc.body, doc.legal_basis = title.strip(), body, legal_basis
    return doc


@transaction.atomic
def normdoc_open_comment(
    *, actor: Actor, document: NormativeDocument, started_on: dt.date, version: int | None = None
) -> NormativeDocument:
    """Publish the draft for public comment; the minimum period comes from core's periods."""
    with by_drafter(
        document,
        actor=actor,
        action=Event.DOCUMENT_OPEN_COMMENT,
        version=version,
    ) as doc:
        stage = advance(doc, "open_comment")
        validators.past_date(started_on, label=_("征求意见开始日期"), field="started_on")
        doc.stage = stage
        doc.comment_started_on = started_on
        doc.comment_ends_on = periods.due("normdocs.comment_days", started_on).date
    step(
        doc,
        stage,
        started_on,
        actor,
        f"征求意见期不少于{period_text('normdocs.comment_days')},"
        f"至{dates.day(doc.comment_ends_on, chinese=True)}",
    )
    return doc


@transaction.atomic
def normdoc_submit_for_review(
    *,
    actor: Actor,
    document: NormativeDocument,
    submitted_on: dt.date | None = None,
    version: int | None = None,
) -> LegalityReview:
    """Send the draft to the justice bureau; the assistant lists its findings at once."""
    g = by_drafter(
        document,
        actor=actor,
        action=Event.DOCUMENT_SUBMIT_FOR_REVIEW,
        version=version,
    )
    with g as doc:
        stage = advance(doc, "submit_for_review")
        submitted_on = submitted_on or dates.today()
        if doc.comment_ends_on and submitted_on < doc.comment_ends_on:
            raise ApplicationError(
                _("公开征求意见期至%(date)s届满,期满前不能送合法性审核")
                % {"date": dates.day(doc.comment_ends_on)},
                code=NormdocsError.STEP_REFUSED,
            )
        if not doc.body.strip():
            raise ApplicationError(
                _("草案正文为空,不能送审"),
                code=NormdocsError.EMPTY_BODY,
                fields={"body": _("必填")},
            )
        due = periods.due("normdocs.review_days", submitted_on)
        review_row = LegalityReview.objects.create(
            document=doc,
            submitted_on=submitted_on,
            due_on=due.date,
            due_provisional=due.provisional,
        )
        facts = DraftFacts(
            title=doc.title, body=doc.body, legal_basis=doc.legal_basis, valid_until=doc.valid_until
        )
        findings = review(facts, law_entries(), review_limits())
        ReviewFinding.objects.bulk_create(
            ReviewFinding(
                review=review_row,
                rule=f.rule,
                message=f.message,
                sentence=f.sentence,
                start=f.start,
                end=f.end,
            )
            for f in findings
        )
        doc.stage, doc.due_on, doc.due_provisional = stage, due.date, due.provisional
        g.note(findings=len(findings), review=review_row.pk)
    step(
        doc,
        stage,
        submitted_on,
        actor,
        f"送审;审核期限{period_text('normdocs.review_days')},至{dates.day(due.date, chinese=True)};"
        f"审核助手发现{len(findings)}处问题",
    )
    return review_row


@transaction.atomic
def normdoc_deliberate(
    *,
    actor: Actor,
    document: NormativeDocument,
    meeting: str,
    deliberated_on: dt.date,
    version: int | None = None,
) -> NormativeDocument:
    """Record the collective deliberation (常务会议/办公会议); only after a passed legality review."""
    with by_drafter(
        document,
        actor=actor,
        action=Event.DOCUMENT_DELIBERATE,
        version=version,
    ) as doc:
        stage = advance(doc, "deliberate")
        passed = (
            doc.reviews.exclude(opinion="")
            .exclude(opinion=ReviewOpinion.FAIL)
            .order_by("-decided_on")
            .first()
        )
        if passed is None:
            raise ApplicationError(
                _("未经合法性审核通过,不得提交集体审议"), code=NormdocsError.STEP_REFUSED
            )
        not_before(
            deliberated_on,
            passed.decided_on,
            "deliberated_on",
            _("集体审议日期不能早于合法性审核意见出具日期"),
            _("早于审核日期"),
        )
        filled(meeting, "meeting", _("请填写审议会议名称"))
        require_resolved(doc)
        doc.stage, doc.deliberated_on, doc.deliberation_meeting = (
            stage,
            deliberated_on,
            meeting.strip()[:128],
        )
    step(doc, stage, deliberated_on, actor, meeting.strip())
    return doc


@transaction.atomic
def normdoc_publish(
    *,
    actor: Actor,
    document: NormativeDocument,
    doc_number: str,
    published_on: dt.date,
    effective_on: dt.date,
    valid_until: dt.date | None,
    written_on: dt.date | None = None,
    amends: Iterable[NormativeDocument] = (),
    repeals: Iterable[NormativeDocument] = (),
    version: int | None = None,
) -> NormativeDocument:
    """Sign and publish: unified registration number and 文号; the filing period starts.

    After an opinion "修改后通过" every confirmed finding must be resolved first: its words
    are gone from the text, or the drafter's reason was accepted by the reviewer.
    """
    with by_drafter(
        document,
        actor=actor,
        action=Event.DOCUMENT_PUBLISH,
        version=version,
        denied=_("只能办理本单位的文件"),
    ) as doc:
        stage = advance(doc, "publish")
        not_before(
            published_on,
            doc.deliberated_on,
            "published_on",
            _("公布日期不能早于集体审议日期"),
            _("早于审议日期"),
        )
        check_dates(published_on, effective_on, valid_until)
        require_resolved(doc)
        for name, value in doc_number_fields(doc_number, exclude_pk=doc.pk).items():
            setattr(doc, name, value)
        doc.registration_number = next_registration_number(published_on.year, doc.issuer.region_id)
        doc.written_on = written_on or published_on
        doc.published_on, doc.effective_on, doc.valid_until = (
            published_on,
            effective_on,
            valid_until,
        )
        due = periods.due("normdocs.filing_days", published_on)
        doc.stage, doc.due_on, doc.due_provisional = stage, due.date, due.provisional
    for kind, targets in ((LinkKind.AMENDS, amends), (LinkKind.REPEALS, repeals)):
        for target in targets:
            _link(actor, doc, target, kind)
    index(doc)
    step(
        doc,
        stage,
        published_on,
        actor,
        f"统一登记号 {doc.registration_number};应于{dates.day(due.date, chinese=True)}前报送备案",
    )
    return doc


def _link(actor, source: NormativeDocument, target: NormativeDocument, kind: str) -> DocumentLink:
    if target.pk == source.pk:
        raise ApplicationError(
            _("文件不能关联自身"),
            code=NormdocsError.LINK_REFUSED,
            fields={"target": _("不能是本文件")},
        )
    published(
        target, "target", _("《%(title)s》尚未公布,不能被修改或废止") % {"title": target.title}
    )
    link = DocumentLink.objects.filter(source=source, target=target, kind=kind).first()
    if link is None:
        link = created(
            DocumentLink(source=source, target=target, kind=kind),
            actor=actor,
            action=Event.DOCUMENT_LINK,
        )
    on = source.effective_on or source.published_on
    if on and kind in (LinkKind.AMENDS, LinkKind.REPEALS):
        amends = kind == LinkKind.AMENDS
        g = guarded(
            NormativeDocument,
            target.pk,
            actor=actor,
            action=Event.DOCUMENT_AMEND if amends else Event.DOCUMENT_REPEAL,
        )
        with g as row:
            setattr(row, "amended_on" if amends else "repealed_on", on)
            g.note(by=source.pk)
    return link


@transaction.atomic
def normdoc_link(
    *, actor: Actor, source: NormativeDocument, target: NormativeDocument, kind: str
) -> DocumentLink:
    """Record in the registry that one document amends, repeals or implements another."""
    require_perm(
        actor, "normdocs.manage_registry", message=_("只有依法治县办或司法局可以维护文件关系")
    )
    if kind not in LinkKind.values:
        raise refuse(_("请选择关系"), "kind", _("无效"))
    published(source, "source", _("只有已公布的文件才能修改或废止其他文件"))
    return _link(actor, source, target, kind)
