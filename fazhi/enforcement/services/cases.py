"""Penalty cases under the general procedure: filing, each step of `workflow`, evidence.

Messages for the user are translated when raised; what is saved (process-record notes, audit
fields) stays Chinese whatever the interface language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.catalogs.choices import PowerKind
from fazhi.core import dates, numbering, periods, uploads
from fazhi.core.actors import Actor
from fazhi.core.dates import day
from fazhi.core.errors import ApplicationError
from fazhi.core.writes import created, guarded, require_perm

from .. import case_index, discretion, workflow
from ..choices import CaseAction, CustodyAction, DecisionKind, PartyKind, ReviewConclusion
from ..errors import EnforcementError
from ..events import Event, case_event
from ..models import (
    CaseExtension,
    CaseStep,
    CustodyEntry,
    DiscretionStandard,
    EnforcementBody,
    Evidence,
    LegalReview,
    Officer,
    PenaltyCase,
)
from .common import (
    acted_on,
    check_officers,
    check_power_item,
    clean_resident_id,
    clean_uscc,
    credentialed,
    refuse_conflicts,
    relation_conflicts,
)
from .standards import assess_case, check_standard_applies

HANDLE = "enforcement.handle_case"
EVIDENCE_TYPES = {
    ".pdf",
    ".jpg",
    ".jpeg",
    ".png",
    ".mp4",
    ".mp3",
    ".wav",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".txt",
    ".zip",
}


def _not_member(body: EnforcementBody) -> str:
    return _("只有%(unit)s的执法人员或填报员可以办理") % {"unit": body.unit.name}


def case_facts(case: PenaltyCase, today: dt.date, **overrides) -> workflow.CaseFacts:
    officers = list(case.officers.prefetch_related("credentials"))
    good, _problems = credentialed(officers, today)
    values = dict(
        stage=case.stage,
        today=today,
        credentialed_officers=len(good),
        evidence_count=case.evidence.count(),
        has_proposal=bool(case.circumstance_level),
        is_major=case.is_major,
        is_serious=case.is_serious,
        hearing_request_due=case.hearing_request_due,
        rights_waived=case.rights_waived,
        hearing_requested=case.hearing_requested,
        hearing_held=case.hearing_held_on is not None,
        review_passed=case.review_passed,
        collective_done=case.collective_on is not None,
        decision_due=case.decision_due,
        decision_no_penalty=case.decision_kind == DecisionKind.NO_PENALTY,
        published=case.published_on is not None,
    )
    values.update(overrides)
    return workflow.CaseFacts(**values)


def _moment(today: dt.date, hour: int = 10) -> dt.datetime:
    if today == dates.today():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(today, dt.time(hour, 0)))


class _Step:
    """One workflow step on a locked case: `check()` the transition, change fields, then the
    guarded exit saves and audits, and the process record (全过程记录) gets its entry."""

    def __init__(self, case, action, *, actor, version, on, perm=HANDLE, denied=None):
        self.action = action
        self.actor = actor
        self.today = acted_on(on)
        self.note = ""
        self.data: dict = {}
        self._checked = False
        self.guard = guarded(
            PenaltyCase,
            case.pk,
            actor=actor,
            action=case_event(action),
            perm=perm,
            version=version,
            denied=denied if denied is not None else _not_member(case.body),
            queryset=PenaltyCase.objects.select_related("body__unit", "standard"),
        )

    def __enter__(self) -> _Step:
        self.case = self.guard.__enter__()
        self.stage_before = self.case.stage
        return self

    def check(self, *, approved: bool = True, **facts) -> None:
        try:
            self.case.stage = workflow.next_stage(
                self.action, case_facts(self.case, self.today, **facts), approved=approved
            )
        except workflow.Refused as exc:
            raise ApplicationError(
                ";".join(exc.reasons),
                code=EnforcementError.REFUSED,
                fields={"__all__": exc.reasons},
            ) from exc
        self._checked = True

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None and not self._checked:
            raise RuntimeError(f"case step {self.action!r} wrote without checking the workflow")
        self.guard.__exit__(exc_type, exc, tb)
        if exc_type is None:
            CaseStep.objects.create(
                case=self.case,
                action=self.action,
                stage_before=self.stage_before,
                stage_after=self.case.stage,
                occurred_at=_moment(self.today),
                actor=self.actor,
                actor_name=self.actor.display_name,
                note=self.note,
                data=self.data,
            )
        return False


def _mark(case, action, field, note, *, actor, version, on, value=None) -> PenaltyCase:
    """A step that records when it happened (or sets `field` to `value`) and a note."""
    with _Step(case, action, actor=actor, version=version, on=on) as step:
        step.check()
        if field:
            setattr(step.case, field, step.today if value is None else value)
        step.note = note
    return step.case


def case_number(body: EnforcementBody, year: int) -> tuple[int, str]:
    """The next serial and number of the body's prefix in `year` (天市监罚〔2026〕3号), read
    under the lock on that number space: two bodies sharing a prefix, or two officers filing
    at once, never get one number; a number once issued is never issued again, even after a
    body changes its prefix. Call it inside the transaction that saves the case."""
    prefix = body.number_prefix
    numbering.lock_number_space(prefix, year)
    serial = numbering.next_serial(PenaltyCase.objects.all(), prefix, year)
    return serial, numbering.format_number(prefix, year, serial)


@transaction.atomic
def case_file(
    *,
    actor: Actor,
    body: EnforcementBody,
    title: str,
    party_kind: str,
    party_name: str,
    party_uscc: str = "",
    party_resident_id: str = "",
    facts: str = "",
    standard: DiscretionStandard | None = None,
    is_major: bool = False,
    is_serious: bool = False,
    officers: Sequence[Officer] = (),
    power_item=None,
    on: dt.date | None = None,
) -> PenaltyCase:
    """立案: number the case by body and year, start the decision clock (Art. 60). The case
    cites the penalty item of the body's power list in force it is brought under."""
    require_perm(actor, HANDLE, body, _not_member(body))
    filed_on = acted_on(on)
    check_power_item(body, power_item, kind=PowerKind.PENALTY, on=filed_on, required=True)
    if party_kind == PartyKind.ORGANISATION:
        if not party_uscc:
            raise ApplicationError(
                _("法人或其他组织须填写统一社会信用代码"),
                code=EnforcementError.INVALID_USCC,
                fields={"party_uscc": [_("必填")]},
            )
        party_uscc, party_resident_id = clean_uscc(party_uscc), ""
    else:
        party_uscc = ""
        party_resident_id = clean_resident_id(party_resident_id) if party_resident_id else ""
    if standard is not None:
        check_standard_applies(standard, body)
    officers = list(officers)
    if officers:
        check_officers(officers, body, filed_on)
        refuse_conflicts(relation_conflicts(officers, uscc=party_uscc))
    serial, number = case_number(body, filed_on.year)
    due = periods.due("enforcement.decision", filed_on)
    case = PenaltyCase(
        body=body,
        year=filed_on.year,
        serial=serial,
        number=number,
        title=title.strip(),
        party_kind=party_kind,
        party_name=party_name.strip(),
        party_uscc=party_uscc,
        party_resident_id=party_resident_id,
        facts=facts.strip(),
        standard=standard,
        power_item=power_item,
        is_major=is_major,
        is_serious=is_serious,
        filed_on=filed_on,
        filed_by=actor,
        decision_due=due.date,
        decision_due_provisional=due.provisional,
    )
    created(case, actor=actor, action=Event.CASE_FILE, note={"officers": [o.pk for o in officers]})
    case_index.fill([case])
    if officers:
        case.officers.set(officers)
    CaseStep.objects.create(
        case=case,
        action=CaseAction.FILE,
        stage_before="",
        stage_after=case.stage,
        occurred_at=_moment(filed_on, 9) if on else timezone.now(),
        actor=actor,
        actor_name=actor.display_name,
        note=f"立案,{case.number}",
        data={"officers": [o.full_name for o in officers]},
    )
    return case


@transaction.atomic
def case_assign_officers(
    *, actor: Actor, case: PenaltyCase, officers: Sequence[Officer], version=None, on=None
) -> PenaltyCase:
    """指派: at least two credentialed officers of the body, none with a recorded relation to
    the party (回避, 行政处罚法第四十三条)."""
    officers = list(officers)
    with _Step(case, "assign", actor=actor, version=version, on=on) as step:
        check_officers(officers, step.case.body, step.today)
        refuse_conflicts(relation_conflicts(officers, uscc=step.case.party_uscc))
        step.check()
        names = [o.full_name for o in officers]
        step.note = "承办人员:" + "、".join(names)
        step.data = {"officers": names}
        step.guard.note(officers=sorted(o.pk for o in officers))
    step.case.officers.set(officers)
    return step.case


@transaction.atomic
def case_investigate(*, actor: Actor, case: PenaltyCase, version=None, on=None) -> PenaltyCase:
    return _mark(case, "investigate", "", "开始调查取证", actor=actor, version=version, on=on)


def _sm3_of(fileobj) -> tuple[str, int]:
    digest, size = hashlib.new("sm3"), 0
    for chunk in (
        fileobj.chunks() if hasattr(fileobj, "chunks") else iter(lambda: fileobj.read(65536), b"")
    ):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


@transaction.atomic
def evidence_add(
    *, actor: Actor, case: PenaltyCase, title: str, upload, version=None, on=None
) -> Evidence:
    """Register a file as evidence: size and type checked, SM3 hashed, custody chain started."""
    require_perm(actor, HANDLE, case, _not_member(case.body))
    name = getattr(upload, "name", "") or "evidence"
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if suffix not in EVIDENCE_TYPES:
        raise ApplicationError(
            _("不支持的文件类型“%(suffix)s”,允许:%(allowed)s")
            % {"suffix": suffix or _("无扩展名"), "allowed": " ".join(sorted(EVIDENCE_TYPES))},
            code="upload_rejected",
            fields={"upload": [_("文件类型不支持")]},
        )
    uploads.check(upload, kinds=[s.lstrip(".") for s in EVIDENCE_TYPES], field="upload")
    if not title.strip():
        raise ApplicationError(
            _("请填写证据名称"), code=EnforcementError.REFUSED, fields={"title": [_("必填")]}
        )
    sm3, size = _sm3_of(upload)
    if hasattr(upload, "seek"):
        upload.seek(0)
    with _Step(case, "add_evidence", actor=actor, version=version, on=on) as step:
        step.check()
        step.note = f"登记证据:{title.strip()}"
        step.data = {"sm3": sm3, "size": size}
    now = _moment(step.today)
    evidence = Evidence(
        case=step.case,
        title=title.strip(),
        size=size,
        sm3=sm3,
        collected_at=now,
        collected_by=actor,
    )
    evidence.file.save(name.replace("/", "_")[-120:], upload, save=False)
    created(evidence, actor=actor, action=Event.EVIDENCE_ADD)
    CustodyEntry.objects.create(
        evidence=evidence,
        action=CustodyAction.COLLECTED,
        actor=actor,
        occurred_at=now,
        note="收集登记",
        sm3_checked=sm3,
    )
    return evidence


@transaction.atomic
def evidence_custody(
    *, actor: Actor, evidence: Evidence, action: str, note: str = ""
) -> CustodyEntry:
    """Record a hand-over or examination; the stored file must still match its SM3."""
    require_perm(actor, HANDLE, evidence.case, _not_member(evidence.case.body))
    with evidence.file.open("rb") as fh:
        sm3, _size = _sm3_of(fh)
    if sm3 != evidence.sm3:
        raise ApplicationError(
            _("证据“%(title)s”的文件与登记时的 SM3 不一致,可能已被改动")
            % {"title": evidence.title},
            code=EnforcementError.EVIDENCE_TAMPERED,
        )
    entry = CustodyEntry(
        evidence=evidence,
        action=action,
        actor=actor,
        occurred_at=timezone.now(),
        note=note.strip(),
        sm3_checked=sm3,
    )
    return created(entry, actor=actor, action=Event.EVIDENCE_CUSTODY)


@transaction.atomic
def case_notify(
    *,
    actor: Actor,
    case: PenaltyCase,
    level: str,
    proposed_penalty: str,
    proposed_fine: Decimal | None,
    first_offence: bool = False,
    corrected_promptly: bool = False,
    harm: str = "some",
    mitigating: bool = False,
    lenient: bool = False,
    version=None,
    on=None,
) -> PenaltyCase:
    """告知 (Art. 44): the officer picks the circumstances; the allowed range comes from the
    standard. A new notice (a heavier penalty intended) opens a new statement period and, in a
    major case, needs a new legal review (Art. 45, 58)."""
    with _Step(case, "notify", actor=actor, version=version, on=on) as step:
        c = step.case
        if c.standard is None:
            raise ApplicationError(
                _("请先为案件选择适用的裁量基准"), code=EnforcementError.NO_STANDARD
            )
        check_standard_applies(c.standard, c.body)
        assessment = assess_case(
            c.standard,
            discretion.Circumstances(
                level=level,
                first_offence=first_offence,
                corrected_promptly=corrected_promptly,
                harm=harm,
                mitigating=mitigating,
                lenient=lenient,
            ),
        )
        step.check(has_proposal=True)
        renotice = c.notified_on is not None
        due = periods.due("enforcement.hearing_request", step.today)
        c.circumstance_level = level
        c.first_offence, c.corrected_promptly, c.harm = first_offence, corrected_promptly, harm
        c.mitigating, c.lenient = mitigating, lenient
        c.proposed_penalty = proposed_penalty.strip()
        c.proposed_fine = proposed_fine
        c.allowed_min, c.allowed_max = assessment.fine_min, assessment.fine_max
        c.exemption_applied = assessment.exemption or ""
        c.notified_on = step.today
        c.hearing_request_due = due.date
        if renotice:
            c.rights_waived = c.hearing_requested = False
            c.hearing_held_on = c.collective_on = None
            c.review_passed = False
        step.note = (
            "重新告知" if renotice else "告知"
        ) + f"拟处罚:{proposed_penalty.strip()};申请听证截止{day(due.date, chinese=True)}"
        step.data = {
            "allowed": [str(assessment.fine_min), str(assessment.fine_max)],
            "exemption": assessment.exemption,
            "renotice": renotice,
        }
    return step.case


@transaction.atomic
def case_waive(*, actor: Actor, case: PenaltyCase, note: str = "", version=None, on=None):
    note = note or "当事人书面放弃陈述、申辩和听证"
    return _mark(
        case, "waive", "rights_waived", note, actor=actor, version=version, on=on, value=True
    )


@transaction.atomic
def case_request_hearing(*, actor: Actor, case: PenaltyCase, version=None, on=None):
    return _mark(
        case,
        "request_hearing",
        "hearing_requested",
        "当事人申请听证",
        actor=actor,
        version=version,
        on=on,
        value=True,
    )


def _required(value: str, message: str, field: str) -> str:
    if not value.strip():
        raise ApplicationError(message, code=EnforcementError.REFUSED, fields={field: [_("必填")]})
    return value.strip()


@transaction.atomic
def case_hold_hearing(*, actor: Actor, case: PenaltyCase, record: str, version=None, on=None):
    record = _required(record, _("请填写听证笔录摘要"), "record")
    return _mark(
        case, "hold_hearing", "hearing_held_on", record, actor=actor, version=version, on=on
    )


@transaction.atomic
def case_submit_review(*, actor: Actor, case: PenaltyCase, version=None, on=None):
    return _mark(case, "submit_review", "", "提交法制审核", actor=actor, version=version, on=on)


@transaction.atomic
def case_review(
    *, actor: Actor, case: PenaltyCase, approved: bool, opinion: str, version=None, on=None
) -> LegalReview:
    """法制审核 (Art. 58): only a legal reviewer; a return sends the case back to investigation."""
    opinion = _required(opinion, _("请填写审核意见"), "opinion")
    with _Step(
        case,
        "review",
        actor=actor,
        version=version,
        on=on,
        perm="enforcement.review_case",
        denied=_("只有法制审核人员可以出具审核意见"),
    ) as step:
        step.check(approved=approved)
        step.case.review_passed = approved
        step.note = opinion
        step.data = {"approved": approved}
    review = LegalReview(
        case=step.case,
        reviewer=actor,
        conclusion=ReviewConclusion.APPROVED if approved else ReviewConclusion.RETURNED,
        opinion=opinion,
        reviewed_at=_moment(step.today, 11),
    )
    review.save()
    return review


@transaction.atomic
def case_discuss(*, actor: Actor, case: PenaltyCase, minutes: str, version=None, on=None):
    minutes = _required(minutes, _("请填写集体讨论纪要"), "minutes")
    return _mark(case, "discuss", "collective_on", minutes, actor=actor, version=version, on=on)


@transaction.atomic
def case_extend(
    *, actor: Actor, case: PenaltyCase, days: int, reason: str, version=None, on=None
) -> CaseExtension:
    if days is None or int(days) <= 0:
        raise ApplicationError(
            _("延长天数必须大于0"), code=EnforcementError.REFUSED, fields={"days": [_("必须大于0")]}
        )
    reason = _required(reason, _("请填写延期理由"), "reason")
    with _Step(case, "extend", actor=actor, version=version, on=on) as step:
        step.check()
        c = step.case
        c.extension_days += int(days)
        due = periods.due("enforcement.decision", c.filed_on, extra_days=c.extension_days)
        c.decision_due, c.decision_due_provisional = due.date, due.provisional
        step.note = f"延长{days}日:{reason}"
    return CaseExtension.objects.create(
        case=c, days=int(days), reason=reason, approved_by=actor, new_due=due.date
    )


def heavier_than_notified(case: PenaltyCase, fine: Decimal | None, other_penalty: str) -> bool:
    """A decided penalty the party was not told of: a larger fine, or a penalty of another kind."""
    if fine is not None and fine > (case.proposed_fine or Decimal("0")):
        return True
    other = other_penalty.strip()
    return bool(other) and other not in case.proposed_penalty


@transaction.atomic
def case_decide(
    *,
    actor: Actor,
    case: PenaltyCase,
    decision_kind: str,
    fine: Decimal | None,
    other_penalty: str = "",
    outside_range_reason: str = "",
    version=None,
    on=None,
) -> PenaltyCase:
    """作出决定: refused without legal review where required, outside the range without a
    reason, heavier than notified (Art. 44, 45, 62), after the period (Art. 60)."""
    if decision_kind == DecisionKind.NO_PENALTY:
        fine = None
    elif fine is None and not other_penalty.strip():
        raise ApplicationError(
            _("给予处罚的,请填写罚款金额或其他处罚"),
            code=EnforcementError.REFUSED,
            fields={"fine": [_("必填")]},
        )
    with _Step(case, "decide", actor=actor, version=version, on=on) as step:
        c = step.case
        outside = False
        if c.allowed_min is not None:
            no_penalty_allowed = c.allowed_max == 0 and c.exemption_applied in (
                "no_penalty",
                "first_offence",
            )
            if decision_kind == DecisionKind.NO_PENALTY:
                outside = not no_penalty_allowed
            elif fine is not None:
                outside = not (c.allowed_min <= fine <= c.allowed_max) or no_penalty_allowed
        heavier = decision_kind == DecisionKind.PENALTY and heavier_than_notified(
            c, fine, other_penalty
        )
        step.check(
            fine_outside_range=outside,
            outside_range_reason=outside_range_reason,
            heavier_than_notified=heavier,
        )
        today = step.today
        c.decision_kind = decision_kind
        c.fine = fine
        c.other_penalty = other_penalty.strip()
        c.outside_range_reason = outside_range_reason.strip() if outside else ""
        c.decided_on = today
        c.service_due = periods.due("enforcement.service", today).date
        c.publicity_due = periods.due("enforcement.decision_publicity", today).date
        label = (
            "不予处罚"
            if decision_kind == DecisionKind.NO_PENALTY
            else f"罚款{fine}元 {other_penalty}".strip()
        )
        step.note = f"决定:{label}" + (
            f";超出裁量范围理由:{outside_range_reason.strip()}" if outside else ""
        )
        step.data = {"outside_range": outside}
    return step.case


@transaction.atomic
def case_serve(*, actor: Actor, case: PenaltyCase, method: str = "直接送达", version=None, on=None):
    with _Step(case, "serve", actor=actor, version=version, on=on) as step:
        step.check()
        due = step.case.service_due
        step.case.served_on = step.today
        step.note = method + (f",送达期限{day(due, chinese=True)}" if due else "")
    return step.case


@transaction.atomic
def case_publish(*, actor: Actor, case: PenaltyCase, version=None, on=None):
    note = "在门户网站公示处罚决定(自然人姓名、身份证号已隐去)"
    return _mark(case, "publish", "published_on", note, actor=actor, version=version, on=on)


@transaction.atomic
def case_execute(*, actor: Actor, case: PenaltyCase, note: str = "", version=None, on=None):
    note = note or "罚款已缴纳"
    return _mark(case, "execute", "executed_on", note, actor=actor, version=version, on=on)


@transaction.atomic
def case_close(*, actor: Actor, case: PenaltyCase, version=None, on=None):
    return _mark(case, "close", "closed_on", "结案归档", actor=actor, version=version, on=on)
