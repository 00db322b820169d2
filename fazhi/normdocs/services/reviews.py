"""The legality review: the assistant's findings, the reviewer's own, the opinion and its
letter; and, after an opinion "修改后通过", the resolution of each confirmed finding."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fazhi.core import dates, periods
from fazhi.core.actors import Actor, user_or_none
from fazhi.core.errors import ApplicationError
from fazhi.core.writes import created, guarded, require_perm

from ..choices import FindingStatus, LawStatus, ReviewOpinion, Stage
from ..docnumber import parse_doc_number
from ..errors import NormdocsError
from ..events import Event
from ..letters import opinion_letter
from ..models import Law, LegalityReview, NormativeDocument, ReviewFinding
from ..review_rules import RULE_LABELS, DraftFacts, LawEntry, Limits, review
from .common import advance, filled, new_number, not_before, refuse, step, zh

REVIEW = "normdocs.review_normdoc"
REVIEWER_RULE = "reviewer"


def law_entries() -> list[LawEntry]:
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
        validity_years=periods.value("normdocs.validity_years"),
        provisional_validity_years=periods.value("normdocs.provisional_validity_years"),
        effective_gap_days=periods.value("normdocs.effective_gap_days"),
    )


# ---------------------------------------------------------------- resolution of findings


def changes_required(document: NormativeDocument) -> LegalityReview | None:
    """The decided review whose opinion "修改后通过" the text must satisfy, if any."""
    latest = document.reviews.exclude(opinion="").order_by("-decided_on", "-pk").first()
    return latest if latest and latest.opinion == ReviewOpinion.PASS_WITH_CHANGES else None


def resolutions(document: NormativeDocument, findings: list[ReviewFinding]) -> dict[int, str]:
    """For each confirmed finding: "changed" (its words are gone from the text, or the
    assistant no longer finds a whole-text problem), "accepted" (the reviewer accepted the
    drafter's reason), "explained" (a reason awaits the reviewer) or "" (unresolved)."""
    text = f"{document.legal_basis}\n{document.body}"
    rules_now: set[str] | None = None
    out: dict[int, str] = {}
    for finding in findings:
        if finding.status != FindingStatus.CONFIRMED:
            continue
        if finding.explanation_accepted_on:
            out[finding.pk] = "accepted"
            continue
        if finding.sentence:
            gone = finding.sentence not in text
        elif finding.by_reviewer:
            gone = False
        else:
            if rules_now is None:
                facts = DraftFacts(
                    title=document.title,
                    body=document.body,
                    legal_basis=document.legal_basis,
                    valid_until=document.valid_until,
                )
                rules_now = {f.rule for f in review(facts, law_entries(), review_limits())}
            gone = finding.rule not in rules_now
        out[finding.pk] = "changed" if gone else ("explained" if finding.explanation else "")
    return out


def require_resolved(document: NormativeDocument) -> None:
    """Refuse while a finding confirmed in an opinion "修改后通过" is neither changed nor
    explained to the reviewer's satisfaction (国办发〔2018〕115号: the opinion is binding)."""
    row = changes_required(document)
    if row is None:
        return
    findings = list(row.findings.all())
    state = resolutions(document, findings)
    open_ones = [f for f in findings if state.get(f.pk) in ("", "explained")]
    if open_ones:
        labels = "、".join(dict.fromkeys(_(RULE_LABELS.get(f.rule, f.rule)) for f in open_ones[:5]))
        raise ApplicationError(
            ngettext(
                "合法性审核意见为“修改后通过”,还有%(count)s处确认的问题未解决(%(rules)s):"
                "请修改相应文字,或说明理由并经审核人员认可",
                "合法性审核意见为“修改后通过”,还有%(count)s处确认的问题未解决(%(rules)s):"
                "请修改相应文字,或说明理由并经审核人员认可",
                len(open_ones),
            )
            % {"count": len(open_ones), "rules": labels},
            code=NormdocsError.FINDINGS_UNRESOLVED,
        )


# ---------------------------------------------------------------- findings


def _finding(finding: ReviewFinding) -> ReviewFinding:
    return ReviewFinding.objects.select_related("review__document").get(pk=finding.pk)


@transaction.atomic
def review_finding_set(
    *, actor: Actor, finding: ReviewFinding, status: str, note: str = ""
) -> ReviewFinding:
    """The reviewer confirms or dismisses one finding of the assistant."""
    require_perm(actor, REVIEW, message=_("只有司法局合法性审核人员可以确认审核发现"))
    with guarded(ReviewFinding, finding.pk, actor=actor, action=Event.FINDING_SET) as row:
        if row.review.opinion:
            raise ApplicationError(
                _("审核意见已出具,不能再修改审核发现"), code=NormdocsError.STEP_REFUSED
            )
        if status not in (FindingStatus.CONFIRMED, FindingStatus.DISMISSED):
            raise refuse(_("请选择“确认存在问题”或“不构成问题”"), "status", _("无效"))
        row.status, row.note = status, note.strip()[:255]
    return row


@transaction.atomic
def review_finding_add(
    *, actor: Actor, review_row: LegalityReview, message: str, sentence: str = "", note: str = ""
) -> ReviewFinding:
    """The reviewer records a problem of their own (confirmed from the start)."""
    require_perm(actor, REVIEW, message=_("只有司法局合法性审核人员可以添加审核发现"))
    review_row = (
        LegalityReview.objects.select_for_update().select_related("document").get(pk=review_row.pk)
    )
    if review_row.opinion:
        raise ApplicationError(
            _("审核意见已出具,不能再添加审核发现"), code=NormdocsError.STEP_REFUSED
        )
    filled(message, "message", _("请写明问题"))
    sentence = sentence.strip()
    document = review_row.document
    start = document.body.find(sentence) if sentence else -1
    if sentence and start < 0 and sentence not in document.legal_basis:
        raise ApplicationError(
            _("所引原文在草案中找不到,请从草案中复制原句"),
            code=NormdocsError.INVALID,
            fields={"sentence": _("草案中没有这句话")},
        )
    return created(
        ReviewFinding(
            review=review_row,
            rule=REVIEWER_RULE,
            message=message.strip(),
            sentence=sentence,
            start=start if start >= 0 else None,
            end=start + len(sentence) if start >= 0 else None,
            status=FindingStatus.CONFIRMED,
            note=note.strip()[:255],
            by_reviewer=True,
        ),
        actor=actor,
        action=Event.FINDING_ADD,
    )


def _resolvable(row: ReviewFinding) -> NormativeDocument:
    document = row.review.document
    if row.status != FindingStatus.CONFIRMED or changes_required(document) != row.review:
        raise ApplicationError(
            _("只有“修改后通过”意见中确认的问题需要处理"), code=NormdocsError.STEP_REFUSED
        )
    if document.stage not in (Stage.COLLECTIVE_DELIBERATION, Stage.DELIBERATED):
        raise ApplicationError(_("文件已公布,不能再处理审核发现"), code=NormdocsError.STEP_REFUSED)
    return document


@transaction.atomic
def review_finding_explain(
    *, actor: Actor, finding: ReviewFinding, explanation: str
) -> ReviewFinding:
    """The drafter explains why a confirmed finding is kept unchanged; the reviewer decides."""
    row = _finding(finding)
    require_perm(actor, "normdocs.draft_normdoc", row.review.document, _("只能办理本单位的文件"))
    with guarded(ReviewFinding, row.pk, actor=actor, action=Event.FINDING_EXPLAIN) as row:
        _resolvable(row)
        row.explanation = filled(explanation, "explanation", _("请说明理由"))
        row.explanation_accepted_on, row.explanation_accepted_by = None, None
    return row


@transaction.atomic
def review_finding_accept(
    *, actor: Actor, finding: ReviewFinding, accepted_on: dt.date | None = None
) -> ReviewFinding:
    """The reviewer accepts the drafter's reason: the finding no longer blocks publication."""
    require_perm(actor, REVIEW, message=_("只有司法局合法性审核人员可以认可理由"))
    with guarded(ReviewFinding, finding.pk, actor=actor, action=Event.FINDING_ACCEPT) as row:
        _resolvable(row)
        if not row.explanation:
            raise ApplicationError(_("起草单位尚未说明理由"), code=NormdocsError.STEP_REFUSED)
        row.explanation_accepted_on = accepted_on or dates.today()
        row.explanation_accepted_by = user_or_none(actor)
    return row


# ---------------------------------------------------------------- the opinion


def letter_number_suggestion(unit, year: int) -> str:
    """The next 意见书文号 of the reviewer's unit: its code with the highest serial of the year
    plus one (天司审〔2026〕4号); a unit's first letter takes a code made from its region
    (天镇县 → 天司审)."""
    this_year = LegalityReview.objects.filter(letter_number__contains=f"〔{year}〕")
    mine = [
        p
        for p in map(
            parse_doc_number,
            this_year.filter(reviewer__unit=unit).values_list("letter_number", flat=True),
        )
        if p is not None
    ]
    if mine:
        code = max(mine, key=lambda p: p.serial).issuer_code
    else:
        region = getattr(getattr(unit, "region", None), "name", "") or ""
        code = f"{region[:1]}司审"
    serials = [
        p.serial
        for p in map(parse_doc_number, this_year.values_list("letter_number", flat=True))
        if p is not None and p.issuer_code == code
    ]
    return f"{code}〔{year}〕{max(serials, default=0) + 1}号"


def _letter_number(raw: str, actor, decided_on: dt.date) -> str:
    if not raw.strip():
        raw = letter_number_suggestion(getattr(actor, "unit", None), decided_on.year)
    parsed = new_number(
        raw,
        "letter_number",
        _("“%(number)s”不是有效的文号,应写作 天司审〔2026〕3号"),
        _("文号 %(number)s 已被其他意见书使用"),
        LegalityReview.objects.all(),
    )
    return str(parsed)


@transaction.atomic
def legality_review_decide(
    *,
    actor: Actor,
    review_row: LegalityReview,
    opinion: str,
    opinion_text: str = "",
    decided_on: dt.date | None = None,
    letter_number: str = "",
    version: int | None = None,
) -> LegalityReview:
    """Issue the opinion: pass, pass with changes, or fail (back to drafting). Writes the letter.

    `version` is the document's, as the reviewer saw it.
    """
    require_perm(actor, REVIEW, message=_("只有司法局合法性审核人员可以出具审核意见"))
    g = guarded(
        NormativeDocument,
        review_row.document_id,
        actor=actor,
        action=Event.LEGALITY_REVIEW_DECIDE,
        version=version,
    )
    with g as document:
        row = LegalityReview.objects.select_for_update().get(pk=review_row.pk)
        if row.opinion:
            raise ApplicationError(_("该次审核已出具意见"), code=NormdocsError.STEP_REFUSED)
        if opinion not in ReviewOpinion.values:
            raise refuse(_("请选择审核结论"), "opinion", _("必选"))
        stage = advance(document, "review_fail" if opinion == ReviewOpinion.FAIL else "review_pass")
        findings = list(row.findings.order_by("start", "id"))
        open_count = sum(1 for f in findings if f.status == FindingStatus.OPEN)
        if open_count:
            raise ApplicationError(
                ngettext(
                    "还有%(count)s处审核发现未确认或排除,请逐条处理后再出具意见",
                    "还有%(count)s处审核发现未确认或排除,请逐条处理后再出具意见",
                    open_count,
                )
                % {"count": open_count},
                code=NormdocsError.FINDINGS_OPEN,
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
                code=NormdocsError.OPINION_CONTRADICTS,
                fields={"opinion": _("与确认的问题矛盾")},
            )
        decided_on = decided_on or dates.today()
        not_before(
            decided_on,
            row.submitted_on,
            "decided_on",
            _("出具日期不能早于送审日期"),
            _("早于送审日期"),
        )
        row.opinion, row.opinion_text, row.decided_on = opinion, opinion_text.strip(), decided_on
        row.reviewer = user_or_none(actor)
        row.letter_number = _letter_number(letter_number, actor, decided_on)
        row.document = document
        row.letter.save(
            f"合法性审核意见书-{document.pk}-{row.pk}.docx",
            ContentFile(opinion_letter(row, findings)),
            save=False,
        )
        row.save(
            update_fields=[
                "opinion",
                "opinion_text",
                "decided_on",
                "reviewer",
                "letter",
                "letter_number",
                "updated_at",
            ]
        )
        document.stage, document.due_on, document.due_provisional = stage, None, False
        g.note(opinion=opinion, review=row.pk, letter_number=row.letter_number)
    step(
        document,
        Stage.LEGALITY_REVIEW,
        decided_on,
        actor,
        zh(lambda: f"合法性审核意见:{row.get_opinion_display()}"),
    )
    return row
