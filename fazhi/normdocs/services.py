"""Every write on normative documents: permission, validation, transaction, audit event.

The procedure's order is enforced here (through `workflow.next_stage`), never by a page: a
skipped step raises ApplicationError with the reason and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fazhi.core import audit
from fazhi.core.directory import resolve_unit
from fazhi.core.errors import ApplicationError, Conflict, PermissionDenied
from fazhi.core.holidays import deadline
from fazhi.core.models import OrgUnit
from fazhi.core.rules import is_reporter

from . import segment, workflow
from .choices import (
    CleanupDecisionKind,
    CleanupRoundStatus,
    FilingResult,
    FindingStatus,
    LawStatus,
    LinkKind,
    ReviewOpinion,
    SettingKey,
    Stage,
)
from .docnumber import parse_doc_number
from .importing import RegistryRow
from .letters import opinion_letter
from .models import (
    CleanupDecision,
    CleanupRound,
    DocumentLink,
    DocumentSearchEntry,
    Filing,
    Law,
    LegalityReview,
    NormativeDocument,
    ProcedureStep,
    ReviewFinding,
)
from .periods import setting
from .review_rules import DraftFacts, LawEntry, Limits, review

AUDITED = [
    "title",
    "doc_number",
    "registration_number",
    "stage",
    "published_on",
    "effective_on",
    "valid_until",
    "repealed_on",
    "amended_on",
    "due_on",
]


# ---------------------------------------------------------------- helpers


def _today() -> dt.date:
    return timezone.localdate()


def _require(actor, perm: str, obj=None, message: str | None = None) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(message or _("没有权限"))


def _advance(document: NormativeDocument, action: str) -> str:
    try:
        return workflow.next_stage(document.stage, action)
    except workflow.StepRefused as exc:
        raise ApplicationError(exc.reason, code="normdocs.step_refused") from exc


def _validate(document: NormativeDocument, exclude: list[str] | None = None) -> None:
    try:
        document.full_clean(exclude=exclude)
    except ValidationError as exc:
        fields = {k: "；".join(str(m) for m in v) for k, v in exc.message_dict.items()}
        raise ApplicationError(
            "；".join(fields.values()), code="normdocs.invalid", fields=fields
        ) from exc


def _check_version(document: NormativeDocument, version: int | None) -> None:
    if version is not None and version != document.version:
        raise Conflict(_("该文件已被他人修改,请刷新页面后再操作"))


def _save(document: NormativeDocument, fields: list[str]) -> None:
    document.version += 1
    document.save(update_fields=[*fields, "version", "updated_at"])


def _zh(render: Callable[[], str]) -> str:
    """Text saved to the database is Chinese whatever the interface language (ADR 0004)."""
    with translation.override(settings.LANGUAGE_CODE):
        return render()


def _step(document, stage: str, on: dt.date, actor, note: str = "") -> None:
    ProcedureStep.objects.create(
        document=document,
        stage=stage,
        happened_on=on,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )


def _lock(document: NormativeDocument) -> NormativeDocument:
    return NormativeDocument.objects.select_for_update().get(pk=document.pk)


def _doc_number_fields(raw: str, *, exclude_pk: int | None = None) -> dict:
    parsed = parse_doc_number(raw)
    if parsed is None:
        raise ApplicationError(
            _("“%(number)s”不是有效的文号,应写作 天政办发〔2023〕12号") % {"number": raw},
            code="normdocs.bad_doc_number",
            fields={"doc_number": _("格式不正确")},
        )
    number = str(parsed)
    if NormativeDocument.objects.filter(doc_number=number).exclude(pk=exclude_pk).exists():
        raise ApplicationError(
            _("文号 %(number)s 已被其他文件使用") % {"number": number},
            code="normdocs.duplicate_doc_number",
            fields={"doc_number": _("重复")},
        )
    return {
        "doc_number": number,
        "doc_issuer_code": parsed.issuer_code,
        "doc_year": parsed.year,
        "doc_serial": parsed.serial,
    }


def _check_dates(published_on, effective_on, valid_until) -> None:
    if published_on and effective_on and effective_on < published_on:
        raise ApplicationError(
            _("施行日期不能早于公布日期"),
            code="normdocs.bad_dates",
            fields={"effective_on": _("早于公布日期")},
        )
    if (
        valid_until
        and (effective_on or published_on)
        and valid_until <= (effective_on or published_on)
    ):
        raise ApplicationError(
            _("有效期截止日期应晚于施行日期"),
            code="normdocs.bad_dates",
            fields={"valid_until": _("早于施行日期")},
        )


def _index(document: NormativeDocument) -> None:
    title = " ".join(filter(None, [document.title, document.doc_number or ""]))
    DocumentSearchEntry.objects.update_or_create(
        document=document,
        defaults={
            "title_tokens": segment.index_text(title),
            "body_tokens": segment.index_text(document.body),
        },
    )


def _next_registration_number(year: int) -> str:
    prefix = f"{settings.FAZHI_REGION_CODE}-{year}-"
    # Longest first, then highest: "…-10000" sorts after "…-9999".
    last = (
        NormativeDocument.objects.filter(registration_number__startswith=prefix)
        .order_by(Length("registration_number").desc(), "-registration_number")
        .values_list("registration_number", flat=True)
        .first()
    )
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{serial:04d}"


# ---------------------------------------------------------------- drafting


@transaction.atomic
def normdoc_create(
    *,
    actor,
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
        created_by=actor,
    )
    _require(actor, "normdocs.draft_normdoc", document, _("只能为本单位起草规范性文件"))
    _validate(document, exclude=["version"])
    document.save()
    _step(document, Stage.DRAFTING, _today(), actor, "创建草案")
    audit.record(
        actor=actor,
        action="normdocs.document_create",
        obj=document,
        after=audit.snapshot(document, ["title", "issuer", "drafting_unit", "stage"]),
    )
    return document


@transaction.atomic
def normdoc_update_draft(
    *, actor, document: NormativeDocument, version: int, title: str, body: str, legal_basis: str
) -> NormativeDocument:
    document = _lock(document)
    _require(actor, "normdocs.draft_normdoc", document, _("只能修改本单位的草案"))
    _check_version(document, version)
    if document.stage != Stage.DRAFTING:
        raise ApplicationError(
            _("只有起草中的草案可以修改(当前环节:%(stage)s)")
            % {"stage": document.get_stage_display()},
            code="normdocs.step_refused",
        )
    before = audit.snapshot(document, ["title", "body", "legal_basis"])
    document.title, document.body, document.legal_basis = title.strip(), body, legal_basis
    _validate(document, exclude=["version"])
    _save(document, ["title", "body", "legal_basis"])
    audit.record(
        actor=actor,
        action="normdocs.document_update",
        obj=document,
        before=before,
        after=audit.snapshot(document, ["title", "body", "legal_basis"]),
    )
    return document


@transaction.atomic
def normdoc_open_comment(
    *, actor, document: NormativeDocument, started_on: dt.date, version: int | None = None
) -> NormativeDocument:
    """Publish the draft for public comment; the minimum period comes from the settings."""
    document = _lock(document)
    _require(actor, "normdocs.draft_normdoc", document, _("只能办理本单位的草案"))
    _check_version(document, version)
    stage = _advance(document, "open_comment")
    if started_on > _today():
        raise ApplicationError(
            _("征求意见开始日期不能晚于今天"), fields={"started_on": _("晚于今天")}
        )
    days, working = setting(SettingKey.COMMENT_DAYS)
    before = audit.snapshot(document, AUDITED)
    document.stage = stage
    document.comment_started_on = started_on
    document.comment_ends_on = deadline(started_on, days, working=working).date
    _save(document, ["stage", "comment_started_on", "comment_ends_on"])
    _step(
        document,
        stage,
        started_on,
        actor,
        f"征求意见期不少于{days}{'个工作日' if working else '日'},至{document.comment_ends_on:%Y年%-m月%-d日}",
    )
    audit.record(
        actor=actor,
        action="normdocs.document_open_comment",
        obj=document,
        before=before,
        after=audit.snapshot(document, [*AUDITED, "comment_ends_on"]),
    )
    return document


def _law_entries() -> list[LawEntry]:
    return [
        LawEntry(
            law.title,
            tuple(law.years or ()),
            law.status == LawStatus.IN_FORCE,
            law.successor,
            law.changed_on,
        )
        for law in Law.objects.all()
    ]


def review_limits() -> Limits:
    return Limits(
        validity_years=setting(SettingKey.VALIDITY_YEARS)[0],
        provisional_validity_years=setting(SettingKey.PROVISIONAL_VALIDITY_YEARS)[0],
        effective_gap_days=setting(SettingKey.EFFECTIVE_GAP_DAYS)[0],
    )


@transaction.atomic
def normdoc_submit_for_review(
    *,
    actor,
    document: NormativeDocument,
    submitted_on: dt.date | None = None,
    version: int | None = None,
) -> LegalityReview:
    """Send the draft to the justice bureau; the assistant lists its findings at once."""
    document = _lock(document)
    _require(actor, "normdocs.draft_normdoc", document, _("只能办理本单位的草案"))
    _check_version(document, version)
    stage = _advance(document, "submit_for_review")
    submitted_on = submitted_on or _today()
    if document.comment_ends_on and submitted_on < document.comment_ends_on:
        raise ApplicationError(
            _("公开征求意见期至%(date)s届满,期满前不能送合法性审核")
            % {"date": date_format(document.comment_ends_on)},
            code="normdocs.step_refused",
        )
    if not document.body.strip():
        raise ApplicationError(_("草案正文为空,不能送审"), fields={"body": _("必填")})
    days, working = setting(SettingKey.REVIEW_DAYS)
    due = deadline(submitted_on, days, working=working)
    review_row = LegalityReview.objects.create(
        document=document,
        submitted_on=submitted_on,
        due_on=due.date,
        due_provisional=due.provisional,
    )
    facts = DraftFacts(
        title=document.title,
        body=document.body,
        legal_basis=document.legal_basis,
        valid_until=document.valid_until,
    )
    findings = review(facts, _law_entries(), review_limits())
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
    before = audit.snapshot(document, AUDITED)
    document.stage, document.due_on, document.due_provisional = stage, due.date, due.provisional
    _save(document, ["stage", "due_on", "due_provisional"])
    _step(
        document,
        stage,
        submitted_on,
        actor,
        f"送审;审核期限{days}{'个工作日' if working else '日'},至{due.date:%Y年%-m月%-d日};审核助手发现{len(findings)}处问题",
    )
    audit.record(
        actor=actor,
        action="normdocs.document_submit_for_review",
        obj=document,
        before=before,
        after={**audit.snapshot(document, AUDITED), "findings": len(findings)},
    )
    return review_row


@transaction.atomic
def review_finding_set(
    *, actor, finding: ReviewFinding, status: str, note: str = ""
) -> ReviewFinding:
    """The reviewer confirms or dismisses one finding of the assistant."""
    _require(
        actor, "normdocs.review_normdoc", message=_("只有司法局合法性审核人员可以确认审核发现")
    )
    finding = ReviewFinding.objects.select_for_update().select_related("review").get(pk=finding.pk)
    if finding.review.opinion:
        raise ApplicationError(_("审核意见已出具,不能再修改审核发现"), code="normdocs.step_refused")
    if status not in (FindingStatus.CONFIRMED, FindingStatus.DISMISSED):
        raise ApplicationError(
            _("请选择“确认存在问题”或“不构成问题”"), fields={"status": _("无效")}
        )
    before = {"status": finding.status, "note": finding.note}
    finding.status, finding.note = status, note.strip()[:255]
    finding.save(update_fields=["status", "note"])
    audit.record(
        actor=actor,
        action="normdocs.finding_set",
        obj=finding,
        before=before,
        after={"status": status, "note": finding.note},
    )
    return finding


@transaction.atomic
def legality_review_decide(
    *,
    actor,
    review_row: LegalityReview,
    opinion: str,
    opinion_text: str = "",
    decided_on: dt.date | None = None,
) -> LegalityReview:
    """Issue the opinion: pass, pass with changes, or fail (back to drafting). Writes the letter."""
    _require(
        actor, "normdocs.review_normdoc", message=_("只有司法局合法性审核人员可以出具审核意见")
    )
    review_row = (
        LegalityReview.objects.select_for_update()
        .select_related("document__drafting_unit")
        .get(pk=review_row.pk)
    )
    document = _lock(review_row.document)
    if review_row.opinion:
        raise ApplicationError(_("该次审核已出具意见"), code="normdocs.step_refused")
    if opinion not in ReviewOpinion.values:
        raise ApplicationError(_("请选择审核结论"), fields={"opinion": _("必选")})
    stage = _advance(document, "review_fail" if opinion == ReviewOpinion.FAIL else "review_pass")
    findings = list(review_row.findings.all())
    open_count = sum(1 for f in findings if f.status == FindingStatus.OPEN)
    if open_count:
        raise ApplicationError(
            ngettext(
                "还有%(count)s处审核发现未确认或排除,请逐条处理后再出具意见",
                "还有%(count)s处审核发现未确认或排除,请逐条处理后再出具意见",
                open_count,
            )
            % {"count": open_count},
            code="normdocs.findings_open",
        )
    confirmed = sum(1 for f in findings if f.status == FindingStatus.CONFIRMED)
    if opinion == ReviewOpinion.PASS and confirmed:
        raise ApplicationError(
            ngettext(
                "已确认%(count)s处问题,不能“审核通过”;请选择“修改后通过”或“不予通过”",
                "已确认%(count)s处问题,不能“审核通过”;请选择“修改后通过”或“不予通过”",
                confirmed,
            )
            % {"count": confirmed},
            fields={"opinion": _("与确认的问题矛盾")},
        )
    decided_on = decided_on or _today()
    if decided_on < review_row.submitted_on:
        raise ApplicationError(
            _("出具日期不能早于送审日期"), fields={"decided_on": _("早于送审日期")}
        )
    review_row.opinion, review_row.opinion_text, review_row.decided_on = (
        opinion,
        opinion_text.strip(),
        decided_on,
    )
    review_row.reviewer = actor
    review_row.letter.save(
        f"合法性审核意见书-{document.pk}-{review_row.pk}.docx",
        ContentFile(opinion_letter(review_row, findings)),
        save=False,
    )
    review_row.save(
        update_fields=["opinion", "opinion_text", "decided_on", "reviewer", "letter", "updated_at"]
    )
    before = audit.snapshot(document, AUDITED)
    document.stage, document.due_on, document.due_provisional = stage, None, False
    _save(document, ["stage", "due_on", "due_provisional"])
    _step(
        document,
        Stage.LEGALITY_REVIEW,
        decided_on,
        actor,
        _zh(lambda: f"合法性审核意见:{review_row.get_opinion_display()}"),
    )
    audit.record(
        actor=actor,
        action="normdocs.legality_review_decide",
        obj=document,
        before=before,
        after={**audit.snapshot(document, AUDITED), "opinion": opinion, "review": review_row.pk},
    )
    return review_row


@transaction.atomic
def normdoc_deliberate(
    *,
    actor,
    document: NormativeDocument,
    meeting: str,
    deliberated_on: dt.date,
    version: int | None = None,
) -> NormativeDocument:
    """Record the collective deliberation (常务会议/办公会议); only after a passed legality review."""
    document = _lock(document)
    _require(actor, "normdocs.draft_normdoc", document, _("只能办理本单位的草案"))
    _check_version(document, version)
    stage = _advance(document, "deliberate")
    passed = (
        document.reviews.exclude(opinion="")
        .exclude(opinion=ReviewOpinion.FAIL)
        .order_by("-decided_on")
        .first()
    )
    if passed is None:
        raise ApplicationError(
            _("未经合法性审核通过,不得提交集体审议"), code="normdocs.step_refused"
        )
    if deliberated_on < passed.decided_on:
        raise ApplicationError(
            _("集体审议日期不能早于合法性审核意见出具日期"),
            fields={"deliberated_on": _("早于审核日期")},
        )
    if not meeting.strip():
        raise ApplicationError(_("请填写审议会议名称"), fields={"meeting": _("必填")})
    before = audit.snapshot(document, AUDITED)
    document.stage, document.deliberated_on, document.deliberation_meeting = (
        stage,
        deliberated_on,
        meeting.strip()[:128],
    )
    _save(document, ["stage", "deliberated_on", "deliberation_meeting"])
    _step(document, stage, deliberated_on, actor, meeting.strip())
    audit.record(
        actor=actor,
        action="normdocs.document_deliberate",
        obj=document,
        before=before,
        after=audit.snapshot(document, [*AUDITED, "deliberation_meeting"]),
    )
    return document


@transaction.atomic
def normdoc_publish(
    *,
    actor,
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
    """Sign and publish: unified registration number and 文号; the filing period starts."""
    document = _lock(document)
    _require(actor, "normdocs.draft_normdoc", document, _("只能办理本单位的文件"))
    _check_version(document, version)
    stage = _advance(document, "publish")
    if document.deliberated_on and published_on < document.deliberated_on:
        raise ApplicationError(
            _("公布日期不能早于集体审议日期"), fields={"published_on": _("早于审议日期")}
        )
    _check_dates(published_on, effective_on, valid_until)
    number = _doc_number_fields(doc_number, exclude_pk=document.pk)
    before = audit.snapshot(document, AUDITED)
    for name, value in number.items():
        setattr(document, name, value)
    document.registration_number = _next_registration_number(published_on.year)
    document.written_on = written_on or published_on
    document.published_on, document.effective_on, document.valid_until = (
        published_on,
        effective_on,
        valid_until,
    )
    days, working = setting(SettingKey.FILING_DAYS)
    due = deadline(published_on, days, working=working)
    document.stage, document.due_on, document.due_provisional = stage, due.date, due.provisional
    _validate(document, exclude=["version"])
    _save(
        document,
        [
            *number,
            "registration_number",
            "written_on",
            "published_on",
            "effective_on",
            "valid_until",
            "stage",
            "due_on",
            "due_provisional",
        ],
    )
    _link_all(actor, document, amends, repeals)
    _index(document)
    _step(
        document,
        stage,
        published_on,
        actor,
        f"统一登记号 {document.registration_number};应于{due.date:%Y年%-m月%-d日}前报送备案",
    )
    audit.record(
        actor=actor,
        action="normdocs.document_publish",
        obj=document,
        before=before,
        after=audit.snapshot(document, AUDITED),
    )
    return document


def _link_all(actor, document, amends, repeals) -> None:
    for kind, targets in ((LinkKind.AMENDS, amends), (LinkKind.REPEALS, repeals)):
        for target in targets:
            _link(actor, document, target, kind)


def _link(actor, source: NormativeDocument, target: NormativeDocument, kind: str) -> DocumentLink:
    if target.pk == source.pk:
        raise ApplicationError(_("文件不能关联自身"), fields={"target": _("不能是本文件")})
    if not target.is_published:
        raise ApplicationError(
            _("《%(title)s》尚未公布,不能被修改或废止") % {"title": target.title},
            fields={"target": _("未公布")},
        )
    link, created = DocumentLink.objects.get_or_create(source=source, target=target, kind=kind)
    on = source.effective_on or source.published_on
    if on and kind in (LinkKind.AMENDS, LinkKind.REPEALS):
        field_name = "amended_on" if kind == LinkKind.AMENDS else "repealed_on"
        target = _lock(target)
        before = audit.snapshot(target, AUDITED)
        setattr(target, field_name, on)
        _save(target, [field_name])
        audit.record(
            actor=actor,
            action=f"normdocs.document_{'amend' if kind == LinkKind.AMENDS else 'repeal'}",
            obj=target,
            before=before,
            after={**audit.snapshot(target, AUDITED), "by": source.pk},
        )
    return link


@transaction.atomic
def normdoc_link(
    *, actor, source: NormativeDocument, target: NormativeDocument, kind: str
) -> DocumentLink:
    """Record in the registry that one document amends, repeals or implements another."""
    _require(actor, "normdocs.manage_registry", message=_("只有依法治县办或司法局可以维护文件关系"))
    if kind not in LinkKind.values:
        raise ApplicationError(_("请选择关系"), fields={"kind": _("无效")})
    if not source.is_published:
        raise ApplicationError(
            _("只有已公布的文件才能修改或废止其他文件"), fields={"source": _("未公布")}
        )
    return _link(actor, source, target, kind)


# ---------------------------------------------------------------- filing


@transaction.atomic
def normdoc_file(
    *,
    actor,
    document: NormativeDocument,
    filed_on: dt.date,
    filed_with: str,
    version: int | None = None,
) -> Filing:
    """Report a published document for filing (报送备案) with the supervising body."""
    document = _lock(document)
    _require(actor, "normdocs.draft_normdoc", document, _("只能办理本单位的文件"))
    _check_version(document, version)
    stage = _advance(document, "file")
    if filed_on < document.published_on:
        raise ApplicationError(
            _("报备日期不能早于公布日期"), fields={"filed_on": _("早于公布日期")}
        )
    if not filed_with.strip():
        raise ApplicationError(_("请填写备案机关"), fields={"filed_with": _("必填")})
    on_time = document.due_on is None or filed_on <= document.due_on
    filing = Filing.objects.create(
        document=document, filed_on=filed_on, filed_with=filed_with.strip()[:128], on_time=on_time
    )
    before = audit.snapshot(document, AUDITED)
    document.stage, document.due_on, document.due_provisional = stage, None, False
    _save(document, ["stage", "due_on", "due_provisional"])
    _step(
        document,
        stage,
        filed_on,
        actor,
        f"报送{filing.filed_with}备案{'' if on_time else '(逾期报备)'}",
    )
    audit.record(
        actor=actor,
        action="normdocs.document_file",
        obj=document,
        before=before,
        after={**audit.snapshot(document, AUDITED), "on_time": on_time},
    )
    return filing


@transaction.atomic
def filing_review_decide(
    *,
    actor,
    document: NormativeDocument,
    result: str,
    note: str = "",
    reviewed_on: dt.date | None = None,
) -> Filing:
    """有备必审、有错必纠: conform, order a correction, or revoke an unlawful document."""
    _require(actor, "normdocs.review_normdoc", message=_("只有司法局审核人员可以进行备案审查"))
    document = _lock(document)
    action = {
        FilingResult.CONFORM: "filing_conform",
        FilingResult.CORRECT: "filing_correct",
        FilingResult.REVOKE: "filing_revoke",
    }.get(result)
    if action is None:
        raise ApplicationError(_("请选择审查结果"), fields={"result": _("必选")})
    stage = _advance(document, action)
    if result != FilingResult.CONFORM and not note.strip():
        raise ApplicationError(_("责令纠正或撤销时须写明理由"), fields={"note": _("必填")})
    filing = Filing.objects.select_for_update().get(document=document)
    reviewed_on = reviewed_on or _today()
    if reviewed_on < filing.filed_on:
        raise ApplicationError(
            _("审查日期不能早于报备日期"), fields={"reviewed_on": _("早于报备日期")}
        )
    filing.result, filing.note, filing.reviewed_on, filing.reviewer = (
        result,
        note.strip(),
        reviewed_on,
        actor,
    )
    filing.save(update_fields=["result", "note", "reviewed_on", "reviewer", "updated_at"])
    before = audit.snapshot(document, AUDITED)
    document.stage = stage
    fields = ["stage"]
    if result == FilingResult.REVOKE:
        document.repealed_on = reviewed_on
        fields.append("repealed_on")
    _save(document, fields)
    _step(
        document,
        stage,
        reviewed_on,
        actor,
        _zh(
            lambda: (
                f"备案审查:{filing.get_result_display()}"
                + (f"。{filing.note}" if filing.note else "")
            )
        ),
    )
    audit.record(
        actor=actor,
        action="normdocs.filing_review",
        obj=document,
        before=before,
        after={**audit.snapshot(document, AUDITED), "result": result},
    )
    return filing


@transaction.atomic
def normdoc_correct(
    *, actor, document: NormativeDocument, corrected_on: dt.date, note: str
) -> Filing:
    """The issuer reports that the correction ordered by the filing review is done."""
    document = _lock(document)
    _require(actor, "normdocs.draft_normdoc", document, _("只能办理本单位的文件"))
    stage = _advance(document, "correct")
    if not note.strip():
        raise ApplicationError(_("请说明纠正情况"), fields={"note": _("必填")})
    filing = Filing.objects.select_for_update().get(document=document)
    filing.corrected_on = corrected_on
    filing.save(update_fields=["corrected_on", "updated_at"])
    before = audit.snapshot(document, AUDITED)
    document.stage = stage
    _save(document, ["stage"])
    _step(document, stage, corrected_on, actor, f"纠正完成:{note.strip()}")
    audit.record(
        actor=actor,
        action="normdocs.document_correct",
        obj=document,
        before=before,
        after=audit.snapshot(document, AUDITED),
    )
    return filing


# ---------------------------------------------------------------- registry and import


def _registry_document(row: RegistryRow, issuer: OrgUnit, actor) -> NormativeDocument:
    return NormativeDocument(
        title=row.title[:200],
        issuer=issuer,
        drafting_unit=issuer,
        written_on=row.written_on,
        published_on=row.published_on,
        effective_on=row.effective_on,
        valid_until=row.valid_until,
        legal_basis=row.legal_basis,
        body=row.body,
        stage=Stage.REGISTERED,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)


def normdoc_import(
    *,
    actor,
    rows: list[RegistryRow],
    default_issuer: OrgUnit | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 500,
) -> ImportReport:
    """Register existing documents in bulk. Rows with errors, duplicates or unknown issuers are
    reported and skipped; the rest are saved in batches (each batch one transaction)."""
    _require(actor, "normdocs.manage_registry", message=_("只有依法治县办或司法局可以批量登记文件"))
    report = ImportReport()
    taken = set(
        NormativeDocument.objects.exclude(doc_number=None).values_list("doc_number", flat=True)
    )
    units: dict[str, OrgUnit | None] = {}
    batch: list[tuple[RegistryRow, NormativeDocument]] = []
    for row in rows:
        document = _prepare(row, default_issuer, taken, units, report, actor)
        if document is not None:
            batch.append((row, document))
        if len(batch) >= batch_size:
            _flush(actor, batch, report)
            batch = []
        if progress:
            progress(1)
    _flush(actor, batch, report)
    return report


def _prepare(row, default_issuer, taken, units, report, actor) -> NormativeDocument | None:
    errors = list(row.errors)
    number = parse_doc_number(row.doc_number) if row.doc_number else None
    if row.doc_number and number is None:
        errors.append(_("文号“%(number)s”格式不正确") % {"number": row.doc_number})
    elif number and str(number) in taken:
        errors.append(_("文号 %(number)s 已登记") % {"number": number})
    issuer = default_issuer
    if row.issuer:
        if row.issuer not in units:
            units[row.issuer] = resolve_unit(row.issuer).unit
        issuer = units[row.issuer] or None
        if issuer is None:
            errors.append(_("制定机关“%(issuer)s”不在单位名录中") % {"issuer": row.issuer})
    if issuer is None and not errors:
        errors.append(_("未指定制定机关"))
    if row.published_on and row.effective_on and row.effective_on < row.published_on:
        errors.append(_("施行日期早于公布日期"))
    if row.valid_until and row.effective_on and row.valid_until <= row.effective_on:
        errors.append(_("有效期截止日期早于施行日期"))
    if errors:
        report.failed.append((row.shown_source(), ";".join(dict.fromkeys(errors))))
        return None
    document = _registry_document(row, issuer, actor)
    if row.original:
        name = f"normdocs/originals/{number.year}/{number.issuer_code}-{number.year}-{number.serial}{Path(row.source).suffix.lower()}"
        document.original_file.name = default_storage.save(name, ContentFile(row.original))
    document.doc_number, document.doc_issuer_code, document.doc_year, document.doc_serial = (
        str(number),
        number.issuer_code,
        number.year,
        number.serial,
    )
    taken.add(document.doc_number)
    return document


@transaction.atomic
def _flush(actor, batch: list[tuple[RegistryRow, NormativeDocument]], report: ImportReport) -> None:
    if not batch:
        return
    serials: dict[int, int] = {}
    for _row, document in batch:
        year = document.published_on.year
        if year not in serials:
            serials[year] = int(_next_registration_number(year).rsplit("-", 1)[1])
        document.registration_number = f"{settings.FAZHI_REGION_CODE}-{year}-{serials[year]:04d}"
        serials[year] += 1
    try:
        created = NormativeDocument.objects.bulk_create([d for _, d in batch])
    except IntegrityError as exc:
        raise ApplicationError(
            _("登记时与已有文件冲突(文号或统一登记号重复),本批未保存,请重试")
        ) from exc
    DocumentSearchEntry.objects.bulk_create(
        DocumentSearchEntry(
            document=d,
            title_tokens=segment.index_text(f"{d.title} {d.doc_number}"),
            body_tokens=segment.index_text(d.body),
        )
        for d in created
    )
    ProcedureStep.objects.bulk_create(
        ProcedureStep(
            document=d,
            stage=Stage.REGISTERED,
            happened_on=d.published_on,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            note=f"批量登记:{row.source}",
        )
        for (row, _), d in zip(batch, created, strict=True)
    )
    report.created.extend(d.doc_number for d in created)
    audit.record(
        actor=actor,
        action="normdocs.document_import",
        object_type="normdocs.normativedocument",
        object_id=f"{created[0].pk}-{created[-1].pk}" if created[0].pk else "batch",
        object_repr=f"批量登记{len(created)}件",
        after={"doc_numbers": [d.doc_number for d in created][:200], "count": len(created)},
    )


# ---------------------------------------------------------------- cleanup


@transaction.atomic
def cleanup_round_create(*, actor, title: str, started_on: dt.date) -> CleanupRound:
    _require(actor, "normdocs.manage_registry", message=_("只有依法治县办或司法局可以组织清理"))
    if CleanupRound.objects.filter(title=title.strip()).exists():
        raise ApplicationError(_("已有同名的清理批次"), fields={"title": _("重复")})
    if not title.strip():
        raise ApplicationError(_("请填写清理批次名称"), fields={"title": _("必填")})
    row = CleanupRound.objects.create(
        title=title.strip()[:128], started_on=started_on, created_by=actor
    )
    audit.record(
        actor=actor,
        action="normdocs.cleanup_round_create",
        obj=row,
        after={"title": row.title, "started_on": started_on.isoformat()},
    )
    return row


@transaction.atomic
def cleanup_decide(
    *,
    actor,
    cleanup_round: CleanupRound,
    document: NormativeDocument,
    decision: str,
    reason: str = "",
) -> CleanupDecision:
    """Keep, amend or repeal one published document in an open round."""
    _require(actor, "normdocs.manage_registry", message=_("只有依法治县办或司法局可以作出清理结论"))
    cleanup_round = CleanupRound.objects.select_for_update().get(pk=cleanup_round.pk)
    if cleanup_round.status != CleanupRoundStatus.OPEN:
        raise ApplicationError(_("清理结果已公布,不能再修改"), code="normdocs.step_refused")
    if decision not in CleanupDecisionKind.values:
        raise ApplicationError(_("请选择清理结论"), fields={"decision": _("无效")})
    if not document.is_published:
        raise ApplicationError(_("只有已公布的文件才纳入清理"), fields={"document": _("未公布")})
    if decision != CleanupDecisionKind.KEEP and not reason.strip():
        raise ApplicationError(_("修改或废止须写明理由"), fields={"reason": _("必填")})
    before = (
        CleanupDecision.objects.filter(round=cleanup_round, document=document)
        .values("decision", "reason")
        .first()
    )
    row, _created = CleanupDecision.objects.update_or_create(
        round=cleanup_round,
        document=document,
        defaults={"decision": decision, "reason": reason.strip()[:255], "decided_by": actor},
    )
    audit.record(
        actor=actor,
        action="normdocs.cleanup_decide",
        obj=document,
        before=before,
        after={"round": cleanup_round.pk, "decision": decision, "reason": row.reason},
    )
    return row


@transaction.atomic
def cleanup_round_publish(
    *, actor, cleanup_round: CleanupRound, published_on: dt.date | None = None
) -> CleanupRound:
    """Publish the result list; documents decided 'repeal' are repealed from that day."""
    _require(actor, "normdocs.manage_registry", message=_("只有依法治县办或司法局可以公布清理结果"))
    cleanup_round = CleanupRound.objects.select_for_update().get(pk=cleanup_round.pk)
    if cleanup_round.status != CleanupRoundStatus.OPEN:
        raise ApplicationError(_("清理结果已经公布"), code="normdocs.step_refused")
    decisions = list(cleanup_round.decisions.select_related("document"))
    if not decisions:
        raise ApplicationError(_("该批次还没有任何清理结论,不能公布"), code="normdocs.step_refused")
    published_on = published_on or _today()
    for decision in decisions:
        if (
            decision.decision == CleanupDecisionKind.REPEAL
            and decision.document.repealed_on is None
        ):
            document = _lock(decision.document)
            before = audit.snapshot(document, AUDITED)
            document.repealed_on = published_on
            _save(document, ["repealed_on"])
            _step(document, document.stage, published_on, actor, f"清理废止:{cleanup_round.title}")
            audit.record(
                actor=actor,
                action="normdocs.document_repeal",
                obj=document,
                before=before,
                after={**audit.snapshot(document, AUDITED), "cleanup_round": cleanup_round.pk},
            )
    cleanup_round.status, cleanup_round.published_on = CleanupRoundStatus.PUBLISHED, published_on
    cleanup_round.save(update_fields=["status", "published_on", "updated_at"])
    audit.record(
        actor=actor,
        action="normdocs.cleanup_round_publish",
        obj=cleanup_round,
        after={"published_on": published_on.isoformat(), "decisions": len(decisions)},
    )
    return cleanup_round
