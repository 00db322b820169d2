"""Every enforcement write: permission check, validation, transaction, audit event.

Messages for the user (refusals, validation errors) are translated when raised; what is saved
(process-record notes, audit fields) stays Chinese whatever the interface language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit, validators
from fazhi.core.errors import ApplicationError, Conflict, PermissionDenied
from fazhi.core.holidays import deadline
from fazhi.core.rules import is_admin, is_officer, is_reporter, is_reviewer, is_supervisor

from . import assignment, case_index, discretion, draw, importing, rubric, workflow
from .choices import (
    CaseAction,
    CredentialStatus,
    CustodyAction,
    DecisionKind,
    DrawStatus,
    InspectionOutcome,
    PartyKind,
    PlanStatus,
    ReviewConclusion,
)
from .models import (
    CaseExtension,
    CaseFileReview,
    CaseStep,
    Credential,
    CustodyEntry,
    DiscretionLevel,
    DiscretionStandard,
    EnforcementBody,
    EnforcementMatter,
    Evidence,
    Exemption,
    GuidingCase,
    InspectionDraw,
    InspectionPlan,
    InspectionTarget,
    InspectionVisit,
    LegalReview,
    Officer,
    OfficerRelation,
    PenaltyCase,
    StatutoryRule,
    TrainingRecord,
)

DEFAULT_RULES = {
    StatutoryRule.Key.HEARING_REQUEST: (5, True, "行政处罚法第六十四条"),
    StatutoryRule.Key.DECISION: (90, False, "行政处罚法第六十条"),
    StatutoryRule.Key.SERVICE: (7, True, "行政处罚法第六十一条"),
    StatutoryRule.Key.DECISION_PUBLICITY: (7, True, "国办发〔2018〕118号"),
    StatutoryRule.Key.INSPECTION_RESULT: (20, True, "国发〔2019〕5号"),
    StatutoryRule.Key.TRAINING_HOURS: (60, False, "天发〔2022〕42号;国办发〔2023〕27号"),
}
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


# ---------------------------------------------------------------- helpers


def rule(key: str) -> tuple[int, bool]:
    row = StatutoryRule.objects.filter(key=key).first()
    if row is not None:
        return row.value, row.working_days
    value, working, _basis = DEFAULT_RULES[key]
    return value, working


def statutory_due(start: dt.date, key: str, extra_days: int = 0):
    days, working = rule(key)
    return deadline(start, days + extra_days, working=working)


def _is_member(user, body: EnforcementBody) -> bool:
    return bool(
        user.unit_id and user.unit_id == body.unit_id and (is_officer(user) or is_reporter(user))
    )


def _require_member(user, body: EnforcementBody) -> None:
    if not _is_member(user, body):
        raise PermissionDenied(
            _("只有%(unit)s的执法人员或填报员可以办理") % {"unit": body.unit.name}
        )


def _require_supervisor(user) -> None:
    if not (is_supervisor(user) or is_admin(user)):
        raise PermissionDenied(_("只有依法治县办可以进行此操作"))


def _full_clean(obj, exclude: Sequence[str] = ()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        fields = {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
        first = next(iter(fields.values()))[0] if fields else _("数据无效")
        raise ApplicationError(first, code="invalid", fields=fields) from exc


def _today(on: dt.date | None) -> dt.date:
    today = timezone.localdate()
    if on is None:
        return today
    if on > today:
        raise ApplicationError(_("日期不能晚于今天"), code="future_date")
    return on


def validate_uscc(value: str) -> str:
    return validators.uscc(value, field="party_uscc")


def validate_resident_id(value: str, field: str = "party_resident_id") -> str:
    return validators.resident_id(value, field=field)


def credentialed(officers: Iterable[Officer], on: dt.date) -> tuple[list[Officer], list[str]]:
    """Officers holding a credential valid on `on`, and a refusal line for each who does not."""
    good, problems = [], []
    for officer in officers:
        creds = list(officer.credentials.all())
        if any(c.is_valid_on(on) for c in creds):
            good.append(officer)
        elif not creds:
            problems.append(_("%(name)s没有执法证") % {"name": officer.full_name})
        elif any(c.status != CredentialStatus.VALID for c in creds) and not any(
            c.valid_until >= on for c in creds if c.status == CredentialStatus.VALID
        ):
            problems.append(_("%(name)s的执法证已被暂扣或注销") % {"name": officer.full_name})
        else:
            last = max(c.valid_until for c in creds)
            problems.append(
                _("%(name)s的执法证已于%(date)s过期")
                % {"name": officer.full_name, "date": workflow.day(last)}
            )
    return good, problems


def _check_officers(
    officers: Sequence[Officer], body: EnforcementBody, on: dt.date, *, minimum: int = 2
) -> None:
    foreign = [o.full_name for o in officers if o.body_id != body.pk]
    if foreign:
        raise ApplicationError(
            _("%(names)s不是%(unit)s的执法人员")
            % {"names": "、".join(foreign), "unit": body.unit.name},
            code="foreign_officer",
        )
    _good, problems = credentialed(officers, on)
    if problems:
        raise ApplicationError(
            _("不能指派:%(problems)s") % {"problems": ";".join(problems)},
            code="uncredentialed",
            fields={"officers": problems},
        )
    if len(set(o.pk for o in officers)) < minimum:
        raise ApplicationError(
            _("执法人员不得少于%(minimum)s人(行政处罚法第四十二条)") % {"minimum": minimum},
            code="too_few_officers",
        )


def _check_version(obj, version: int | None) -> None:
    if version is not None and int(version) != obj.version:
        raise Conflict(_("该案件已被他人修改,请刷新页面后重试"))


# ---------------------------------------------------------------- bodies and officers


@transaction.atomic
def body_create(*, actor, unit, case_prefix: str, phone: str = "") -> EnforcementBody:
    _require_supervisor(actor)
    body = EnforcementBody(unit=unit, case_prefix=case_prefix.strip(), phone=phone.strip())
    _full_clean(body)
    body.save()
    audit.record(
        actor=actor, action="enforcement.body_create", obj=body, after=audit.snapshot(body)
    )
    return body


@transaction.atomic
def matter_create(
    *,
    actor,
    body,
    name: str,
    matter_type: str,
    legal_basis: str,
    in_random_inspection: bool = False,
) -> EnforcementMatter:
    if not (_is_member(actor, body) or is_supervisor(actor)):
        raise PermissionDenied(_("只能维护本单位的执法事项"))
    matter = EnforcementMatter(
        body=body,
        name=name.strip(),
        matter_type=matter_type,
        legal_basis=legal_basis.strip(),
        in_random_inspection=in_random_inspection,
    )
    _full_clean(matter)
    matter.save()
    audit.record(
        actor=actor, action="enforcement.matter_create", obj=matter, after=audit.snapshot(matter)
    )
    return matter


@transaction.atomic
def officer_create(
    *, actor, body, full_name: str, resident_id: str = "", position: str = "", user=None
) -> Officer:
    if not (_is_member(actor, body) or is_supervisor(actor)):
        raise PermissionDenied(_("只能维护本单位的执法人员"))
    if resident_id:
        resident_id = validate_resident_id(resident_id, "resident_id")
    officer = Officer(
        body=body,
        full_name=full_name.strip(),
        resident_id=resident_id,
        position=position.strip(),
        user=user,
    )
    _full_clean(officer)
    officer.save()
    audit.record(
        actor=actor,
        action="enforcement.officer_create",
        obj=officer,
        after=audit.snapshot(officer, ["body", "full_name", "position", "user"]),
    )
    return officer


@transaction.atomic
def credential_issue(
    *, actor, officer, number: str, kind: str, issued_on: dt.date, valid_until: dt.date
) -> Credential:
    if not (_is_member(actor, officer.body) or is_supervisor(actor)):
        raise PermissionDenied(_("只能维护本单位执法人员的证件"))
    if valid_until < issued_on:
        message = _("有效期至不能早于发证日期")
        raise ApplicationError(message, code="invalid", fields={"valid_until": [message]})
    credential = Credential(
        officer=officer,
        number=number.strip(),
        kind=kind,
        issued_on=issued_on,
        valid_until=valid_until,
    )
    _full_clean(credential)
    credential.save()
    audit.record(
        actor=actor,
        action="enforcement.credential_issue",
        obj=credential,
        after=audit.snapshot(credential),
    )
    return credential


@transaction.atomic
def credential_set_status(*, actor, credential, status: str) -> Credential:
    _require_supervisor(actor)
    before = audit.snapshot(credential, ["status"])
    credential.status = status
    _full_clean(credential)
    credential.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action="enforcement.credential_set_status",
        obj=credential,
        before=before,
        after={"status": status},
    )
    return credential


@transaction.atomic
def training_record(
    *, actor, officer, trained_on: dt.date, course: str, hours: Decimal
) -> TrainingRecord:
    if not (_is_member(actor, officer.body) or is_supervisor(actor)):
        raise PermissionDenied(_("只能登记本单位执法人员的培训"))
    record = TrainingRecord(
        officer=officer, trained_on=trained_on, course=course.strip(), hours=hours
    )
    if hours is None or Decimal(hours) <= 0:
        message = _("学时必须大于0")
        raise ApplicationError(message, code="invalid", fields={"hours": [message]})
    _full_clean(record)
    record.save()
    audit.record(
        actor=actor, action="enforcement.training_record", obj=record, after=audit.snapshot(record)
    )
    return record


@transaction.atomic
def relation_record(*, actor, officer, target, relation: str) -> OfficerRelation:
    if not (_is_member(actor, officer.body) or is_supervisor(actor)):
        raise PermissionDenied(_("只能登记本单位执法人员的回避关系"))
    row = OfficerRelation(officer=officer, target=target, relation=relation.strip())
    _full_clean(row)
    row.save()
    audit.record(
        actor=actor, action="enforcement.relation_record", obj=row, after=audit.snapshot(row)
    )
    return row


# ---------------------------------------------------------------- penalty cases


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


def _step(case, *, action, before_stage, actor, note="", data=None, when=None) -> CaseStep:
    return CaseStep.objects.create(
        case=case,
        action=action,
        stage_before=before_stage,
        stage_after=case.stage,
        occurred_at=when or timezone.now(),
        actor=actor,
        actor_name=actor.display_name,
        note=note,
        data=data or {},
    )


def _advance(
    case,
    action: str,
    *,
    actor,
    today: dt.date,
    changes: dict,
    note: str = "",
    data=None,
    facts=None,
    approved: bool = True,
    version=None,
) -> PenaltyCase:
    """Check the transition, apply `changes`, bump the version, record the step and the audit event."""
    _check_version(case, version)
    facts = facts or case_facts(case, today)
    try:
        new_stage = workflow.next_stage(action, facts, approved=approved)
    except workflow.Refused as exc:
        raise ApplicationError(
            ";".join(exc.reasons), code="refused", fields={"__all__": exc.reasons}
        ) from exc
    before_stage = case.stage
    fields = list(changes)
    before = audit.snapshot(case, ["stage", "version", *fields])
    for name, value in changes.items():
        setattr(case, name, value)
    case.stage = new_stage
    case.version += 1
    _full_clean(case, exclude=["officers"])
    case.save(update_fields=sorted({"stage", "version", "updated_at", *fields}))
    when = None
    if today != timezone.localdate():
        when = timezone.make_aware(dt.datetime.combine(today, dt.time(10, 0)))
    _step(
        case, action=action, before_stage=before_stage, actor=actor, note=note, data=data, when=when
    )
    audit.record(
        actor=actor,
        action=f"enforcement.case_{action}",
        obj=case,
        before=before,
        after=audit.snapshot(case, ["stage", "version", *fields]),
    )
    return case


def _locked(case: PenaltyCase) -> PenaltyCase:
    return (
        PenaltyCase.objects.select_for_update(of=("self",))
        .select_related("body__unit", "standard")
        .get(pk=case.pk)
    )


def case_number(body: EnforcementBody, year: int, serial: int) -> str:
    return f"{body.case_prefix}〔{year}〕{serial}号"


@transaction.atomic
def case_file(
    *,
    actor,
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
    on: dt.date | None = None,
) -> PenaltyCase:
    """立案: number the case by body and year, start the decision clock (Art. 60)."""
    _require_member(actor, body)
    filed_on = _today(on)
    if party_kind == PartyKind.ORGANISATION:
        if not party_uscc:
            raise ApplicationError(
                _("法人或其他组织须填写统一社会信用代码"),
                code="invalid_uscc",
                fields={"party_uscc": [_("必填")]},
            )
        party_uscc, party_resident_id = validate_uscc(party_uscc), ""
    else:
        party_uscc = ""
        party_resident_id = validate_resident_id(party_resident_id) if party_resident_id else ""
    if officers:
        _check_officers(list(officers), body, filed_on)
    EnforcementBody.objects.select_for_update().filter(pk=body.pk).first()
    serial = (
        PenaltyCase.objects.filter(body=body, year=filed_on.year).aggregate(m=Max("serial"))["m"]
        or 0
    ) + 1
    due = statutory_due(filed_on, StatutoryRule.Key.DECISION)
    case = PenaltyCase(
        body=body,
        year=filed_on.year,
        serial=serial,
        number=case_number(body, filed_on.year, serial),
        title=title.strip(),
        party_kind=party_kind,
        party_name=party_name.strip(),
        party_uscc=party_uscc,
        party_resident_id=party_resident_id,
        facts=facts.strip(),
        standard=standard,
        is_major=is_major,
        is_serious=is_serious,
        filed_on=filed_on,
        filed_by=actor,
        decision_due=due.date,
        decision_due_provisional=due.provisional,
    )
    _full_clean(case)
    case.save()
    case_index.fill([case])
    if officers:
        case.officers.set(officers)
    when = timezone.make_aware(dt.datetime.combine(filed_on, dt.time(9, 0))) if on else None
    _step(
        case,
        action=CaseAction.FILE,
        before_stage="",
        actor=actor,
        note=f"立案,{case.number}",
        data={"officers": [o.full_name for o in officers]},
        when=when,
    )
    audit.record(
        actor=actor,
        action="enforcement.case_file",
        obj=case,
        after=audit.snapshot(case, ["number", "title", "party_kind", "stage", "decision_due"]),
    )
    return case


@transaction.atomic
def case_assign_officers(
    *, actor, case, officers: Sequence[Officer], version=None, on=None
) -> PenaltyCase:
    case = _locked(case)
    _require_member(actor, case.body)
    today = _today(on)
    _check_officers(list(officers), case.body, today)
    names = [o.full_name for o in officers]
    _advance(
        case,
        "assign",
        actor=actor,
        today=today,
        changes={},
        note="承办人员:" + "、".join(names),
        data={"officers": names},
        version=version,
    )
    case.officers.set(officers)
    return case


@transaction.atomic
def case_investigate(*, actor, case, version=None, on=None) -> PenaltyCase:
    case = _locked(case)
    _require_member(actor, case.body)
    return _advance(
        case,
        "investigate",
        actor=actor,
        today=_today(on),
        changes={},
        note="开始调查取证",
        version=version,
    )


def _sm3_of(fileobj) -> tuple[str, int]:
    digest, size = hashlib.new("sm3"), 0
    for chunk in (
        fileobj.chunks() if hasattr(fileobj, "chunks") else iter(lambda: fileobj.read(65536), b"")
    ):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


@transaction.atomic
def evidence_add(*, actor, case, title: str, upload, on=None) -> Evidence:
    """Register a file as evidence: size and type checked, SM3 hashed, custody chain started."""
    case = _locked(case)
    _require_member(actor, case.body)
    today = _today(on)
    name = getattr(upload, "name", "") or "evidence"
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if suffix not in EVIDENCE_TYPES:
        raise ApplicationError(
            _("不支持的文件类型“%(suffix)s”,允许:%(allowed)s")
            % {"suffix": suffix or _("无扩展名"), "allowed": " ".join(sorted(EVIDENCE_TYPES))},
            code="bad_type",
            fields={"upload": [_("文件类型不支持")]},
        )
    if upload.size > settings.FAZHI_MAX_UPLOAD_BYTES:
        raise ApplicationError(
            _("文件过大:最大 %(size)s MB")
            % {"size": settings.FAZHI_MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="too_large",
            fields={"upload": [_("文件过大")]},
        )
    if not title.strip():
        raise ApplicationError(_("请填写证据名称"), code="invalid", fields={"title": [_("必填")]})
    sm3, size = _sm3_of(upload)
    if hasattr(upload, "seek"):
        upload.seek(0)
    _advance(
        case,
        "add_evidence",
        actor=actor,
        today=today,
        changes={},
        note=f"登记证据:{title.strip()}",
        data={"sm3": sm3, "size": size},
    )
    now = (
        timezone.now()
        if on is None
        else timezone.make_aware(dt.datetime.combine(today, dt.time(10, 0)))
    )
    evidence = Evidence(
        case=case, title=title.strip(), size=size, sm3=sm3, collected_at=now, collected_by=actor
    )
    evidence.file.save(name.replace("/", "_")[-120:], upload, save=False)
    evidence.save()
    CustodyEntry.objects.create(
        evidence=evidence,
        action=CustodyAction.COLLECTED,
        actor=actor,
        occurred_at=now,
        note="收集登记",
        sm3_checked=sm3,
    )
    audit.record(
        actor=actor,
        action="enforcement.evidence_add",
        obj=evidence,
        after={"case": case.pk, "title": evidence.title, "sm3": sm3, "size": size},
    )
    return evidence


@transaction.atomic
def evidence_custody(*, actor, evidence, action: str, note: str = "") -> CustodyEntry:
    """Record a hand-over or examination; the stored file must still match its SM3."""
    _require_member(actor, evidence.case.body)
    with evidence.file.open("rb") as fh:
        sm3, _size = _sm3_of(fh)
    if sm3 != evidence.sm3:
        raise ApplicationError(
            _("证据“%(title)s”的文件与登记时的 SM3 不一致,可能已被改动")
            % {"title": evidence.title},
            code="evidence_tampered",
        )
    entry = CustodyEntry.objects.create(
        evidence=evidence,
        action=action,
        actor=actor,
        occurred_at=timezone.now(),
        note=note.strip(),
        sm3_checked=sm3,
    )
    audit.record(
        actor=actor,
        action="enforcement.evidence_custody",
        obj=evidence,
        after={"action": action, "sm3": sm3},
    )
    return entry


def _circumstances(
    level: str,
    *,
    first_offence=False,
    corrected_promptly=False,
    harm="some",
    mitigating=False,
    lenient=False,
) -> discretion.Circumstances:
    return discretion.Circumstances(
        level=level,
        first_offence=first_offence,
        corrected_promptly=corrected_promptly,
        harm=harm,
        mitigating=mitigating,
        lenient=lenient,
    )


def assess_case(
    standard: DiscretionStandard, circumstances: discretion.Circumstances
) -> discretion.Assessment:
    levels = {
        lv.level: discretion.LevelRange(lv.level, lv.fine_min, lv.fine_max)
        for lv in standard.levels.all()
    }
    try:
        return discretion.assess(levels, [e.kind for e in standard.exemptions.all()], circumstances)
    except discretion.StandardError as exc:
        raise ApplicationError(str(exc), code="discretion") from exc


@transaction.atomic
def case_notify(
    *,
    actor,
    case,
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
    """告知: the officer picks the circumstances; the allowed range is fixed from the standard."""
    case = _locked(case)
    _require_member(actor, case.body)
    today = _today(on)
    if case.standard is None:
        raise ApplicationError(_("请先为案件选择适用的裁量基准"), code="no_standard")
    facts_in = _circumstances(
        level,
        first_offence=first_offence,
        corrected_promptly=corrected_promptly,
        harm=harm,
        mitigating=mitigating,
        lenient=lenient,
    )
    assessment = assess_case(case.standard, facts_in)
    due = statutory_due(today, StatutoryRule.Key.HEARING_REQUEST)
    changes = dict(
        circumstance_level=level,
        first_offence=first_offence,
        corrected_promptly=corrected_promptly,
        harm=harm,
        mitigating=mitigating,
        lenient=lenient,
        proposed_penalty=proposed_penalty.strip(),
        proposed_fine=proposed_fine,
        allowed_min=assessment.fine_min,
        allowed_max=assessment.fine_max,
        exemption_applied=assessment.exemption or "",
        notified_on=today,
        hearing_request_due=due.date,
    )
    facts = case_facts(case, today, has_proposal=True)
    return _advance(
        case,
        "notify",
        actor=actor,
        today=today,
        changes=changes,
        facts=facts,
        version=version,
        note=f"告知拟处罚:{proposed_penalty.strip()};申请听证截止{due.date:%Y年%m月%d日}",
        data={
            "allowed": [str(assessment.fine_min), str(assessment.fine_max)],
            "exemption": assessment.exemption,
        },
    )


@transaction.atomic
def case_waive(*, actor, case, note: str = "", version=None, on=None) -> PenaltyCase:
    case = _locked(case)
    _require_member(actor, case.body)
    return _advance(
        case,
        "waive",
        actor=actor,
        today=_today(on),
        changes={"rights_waived": True},
        note=note or "当事人书面放弃陈述、申辩和听证",
        version=version,
    )


@transaction.atomic
def case_request_hearing(*, actor, case, version=None, on=None) -> PenaltyCase:
    case = _locked(case)
    _require_member(actor, case.body)
    return _advance(
        case,
        "request_hearing",
        actor=actor,
        today=_today(on),
        changes={"hearing_requested": True},
        note="当事人申请听证",
        version=version,
    )


@transaction.atomic
def case_hold_hearing(*, actor, case, record: str, version=None, on=None) -> PenaltyCase:
    case = _locked(case)
    _require_member(actor, case.body)
    today = _today(on)
    if not record.strip():
        raise ApplicationError(
            _("请填写听证笔录摘要"), code="invalid", fields={"record": [_("必填")]}
        )
    return _advance(
        case,
        "hold_hearing",
        actor=actor,
        today=today,
        changes={"hearing_held_on": today},
        note=record.strip(),
        version=version,
    )


@transaction.atomic
def case_submit_review(*, actor, case, version=None, on=None) -> PenaltyCase:
    case = _locked(case)
    _require_member(actor, case.body)
    return _advance(
        case,
        "submit_review",
        actor=actor,
        today=_today(on),
        changes={},
        note="提交法制审核",
        version=version,
    )


@transaction.atomic
def case_review(*, actor, case, approved: bool, opinion: str, version=None, on=None) -> LegalReview:
    """法制审核: only a legal reviewer; a return sends the case back to investigation."""
    case = _locked(case)
    if not is_reviewer(actor):
        raise PermissionDenied(_("只有法制审核人员可以出具审核意见"))
    today = _today(on)
    if not opinion.strip():
        raise ApplicationError(_("请填写审核意见"), code="invalid", fields={"opinion": [_("必填")]})
    _advance(
        case,
        "review",
        actor=actor,
        today=today,
        changes={"review_passed": approved},
        approved=approved,
        note=opinion.strip(),
        data={"approved": approved},
        version=version,
    )
    when = (
        timezone.now()
        if on is None
        else timezone.make_aware(dt.datetime.combine(today, dt.time(11, 0)))
    )
    return LegalReview.objects.create(
        case=case,
        reviewer=actor,
        conclusion=ReviewConclusion.APPROVED if approved else ReviewConclusion.RETURNED,
        opinion=opinion.strip(),
        reviewed_at=when,
    )


@transaction.atomic
def case_discuss(*, actor, case, minutes: str, version=None, on=None) -> PenaltyCase:
    case = _locked(case)
    _require_member(actor, case.body)
    today = _today(on)
    if not minutes.strip():
        raise ApplicationError(
            _("请填写集体讨论纪要"), code="invalid", fields={"minutes": [_("必填")]}
        )
    return _advance(
        case,
        "discuss",
        actor=actor,
        today=today,
        changes={"collective_on": today},
        note=minutes.strip(),
        version=version,
    )


@transaction.atomic
def case_extend(*, actor, case, days: int, reason: str, version=None, on=None) -> CaseExtension:
    case = _locked(case)
    _require_member(actor, case.body)
    today = _today(on)
    if days is None or int(days) <= 0:
        raise ApplicationError(
            _("延长天数必须大于0"), code="invalid", fields={"days": [_("必须大于0")]}
        )
    if not reason.strip():
        raise ApplicationError(_("请填写延期理由"), code="invalid", fields={"reason": [_("必填")]})
    total = case.extension_days + int(days)
    due = statutory_due(case.filed_on, StatutoryRule.Key.DECISION, extra_days=total)
    _advance(
        case,
        "extend",
        actor=actor,
        today=today,
        changes={
            "extension_days": total,
            "decision_due": due.date,
            "decision_due_provisional": due.provisional,
        },
        note=f"延长{days}日:{reason.strip()}",
        version=version,
    )
    return CaseExtension.objects.create(
        case=case, days=int(days), reason=reason.strip(), approved_by=actor, new_due=due.date
    )


@transaction.atomic
def case_decide(
    *,
    actor,
    case,
    decision_kind: str,
    fine: Decimal | None,
    other_penalty: str = "",
    outside_range_reason: str = "",
    version=None,
    on=None,
) -> PenaltyCase:
    """作出决定: refused without legal review where required, outside the range without a reason, after the period."""
    case = _locked(case)
    _require_member(actor, case.body)
    today = _today(on)
    if decision_kind == DecisionKind.NO_PENALTY:
        fine = None
    elif fine is None and not other_penalty.strip():
        raise ApplicationError(
            _("给予处罚的,请填写罚款金额或其他处罚"), code="invalid", fields={"fine": [_("必填")]}
        )
    outside = False
    if case.allowed_min is not None:
        no_penalty_allowed = case.allowed_max == 0 and case.exemption_applied in (
            "no_penalty",
            "first_offence",
        )
        if decision_kind == DecisionKind.NO_PENALTY:
            outside = not no_penalty_allowed
        elif fine is not None:
            outside = not (case.allowed_min <= fine <= case.allowed_max) or no_penalty_allowed
    facts = case_facts(
        case, today, fine_outside_range=outside, outside_range_reason=outside_range_reason
    )
    due_service = statutory_due(today, StatutoryRule.Key.SERVICE)
    due_publicity = statutory_due(today, StatutoryRule.Key.DECISION_PUBLICITY)
    changes = dict(
        decision_kind=decision_kind,
        fine=fine,
        other_penalty=other_penalty.strip(),
        outside_range_reason=outside_range_reason.strip() if outside else "",
        decided_on=today,
        service_due=due_service.date,
        publicity_due=due_publicity.date,
    )
    label = (
        "不予处罚"
        if decision_kind == DecisionKind.NO_PENALTY
        else f"罚款{fine}元 {other_penalty}".strip()
    )
    return _advance(
        case,
        "decide",
        actor=actor,
        today=today,
        changes=changes,
        facts=facts,
        version=version,
        note=f"决定:{label}"
        + (f";超出裁量范围理由:{outside_range_reason.strip()}" if outside else ""),
        data={"outside_range": outside},
    )


@transaction.atomic
def case_serve(*, actor, case, method: str = "直接送达", version=None, on=None) -> PenaltyCase:
    case = _locked(case)
    _require_member(actor, case.body)
    today = _today(on)
    return _advance(
        case,
        "serve",
        actor=actor,
        today=today,
        changes={"served_on": today},
        note=method + (f",送达期限{case.service_due:%Y年%m月%d日}" if case.service_due else ""),
        version=version,
    )


@transaction.atomic
def case_publish(*, actor, case, version=None, on=None) -> PenaltyCase:
    case = _locked(case)
    _require_member(actor, case.body)
    today = _today(on)
    return _advance(
        case,
        "publish",
        actor=actor,
        today=today,
        changes={"published_on": today},
        note="在门户网站公示处罚决定(自然人姓名、身份证号已隐去)",
        version=version,
    )


@transaction.atomic
def case_execute(*, actor, case, note: str = "", version=None, on=None) -> PenaltyCase:
    case = _locked(case)
    _require_member(actor, case.body)
    today = _today(on)
    return _advance(
        case,
        "execute",
        actor=actor,
        today=today,
        changes={"executed_on": today},
        note=note or "罚款已缴纳",
        version=version,
    )


@transaction.atomic
def case_close(*, actor, case, version=None, on=None) -> PenaltyCase:
    case = _locked(case)
    _require_member(actor, case.body)
    today = _today(on)
    return _advance(
        case,
        "close",
        actor=actor,
        today=today,
        changes={"closed_on": today},
        note="结案归档",
        version=version,
    )


# ---------------------------------------------------------------- discretion standards


def _read_xlsx(upload) -> list[tuple]:
    from openpyxl import load_workbook

    if upload.size > settings.FAZHI_MAX_UPLOAD_BYTES:
        raise ApplicationError(_("文件过大"), code="too_large")
    try:
        wb = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a non-Excel file
        raise ApplicationError(
            _("无法读取该文件,请上传 .xlsx 格式的 Excel 文件"), code="bad_file"
        ) from exc
    return list(wb.worksheets[0].iter_rows(values_only=True))


@transaction.atomic
def standard_import(*, actor, upload, body: EnforcementBody | None = None) -> int:
    """Import standards from Excel: any bad row refuses the whole file (row-level errors)."""
    if not (is_supervisor(actor) or is_admin(actor) or (body and _is_member(actor, body))):
        raise PermissionDenied(_("只有依法治县办或本单位可以导入裁量基准"))
    rows = _read_xlsx(upload)
    if not rows:
        raise ApplicationError(_("文件为空"), code="empty")
    problem = importing.check_headers(rows[0], importing.STANDARD_HEADERS)
    if problem:
        raise ApplicationError(problem, code="bad_header")
    records, errors = importing.parse_standard_rows(rows[1:])
    for record in records:
        try:
            discretion.validate_levels(
                discretion.LevelRange(lv, lo, hi) for lv, (_d, lo, hi, _o) in record.levels.items()
            )
        except discretion.StandardError as exc:
            errors.append(
                importing.RowError(
                    0, _("编号%(code)s:%(problem)s") % {"code": record.code, "problem": exc}
                )
            )
    if errors:
        messages = [str(e) for e in errors]
        raise ApplicationError(
            _("导入失败,共 %(count)s 处错误,未保存任何数据") % {"count": len(errors)},
            code="import_rows",
            fields={"rows": messages},
        )
    for record in records:
        standard, _created = DiscretionStandard.objects.update_or_create(
            code=record.code,
            defaults={
                "violation": record.violation,
                "legal_basis": record.legal_basis,
                "penalty_basis": record.penalty_basis,
                "body": body,
            },
        )
        standard.levels.all().delete()
        DiscretionLevel.objects.bulk_create(
            DiscretionLevel(
                standard=standard,
                level=lv,
                description=desc,
                fine_min=lo,
                fine_max=hi,
                other_penalty=other,
            )
            for lv, (desc, lo, hi, other) in record.levels.items()
        )
        standard.exemptions.all().delete()
        Exemption.objects.bulk_create(
            Exemption(standard=standard, kind=k, condition=c) for k, c in record.exemptions.items()
        )
        audit.record(
            actor=actor,
            action="enforcement.standard_import",
            obj=standard,
            after={"levels": sorted(record.levels), "exemptions": sorted(record.exemptions)},
        )
    return len(records)


# ---------------------------------------------------------------- inspection targets and draws


@transaction.atomic
def target_import(
    *,
    actor,
    rows: Iterable[Sequence],
    batch_size: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Bulk import of market entities; a new code is added, a known one updated; any bad row refuses all."""
    if not (is_supervisor(actor) or is_admin(actor) or is_reporter(actor) or is_officer(actor)):
        raise PermissionDenied(_("无权导入检查对象名录"))
    errors: list[importing.RowError] = []
    saved = 0
    batch: list[InspectionTarget] = []

    def flush():
        nonlocal saved
        InspectionTarget.objects.bulk_create(
            batch,
            batch_size=batch_size,
            update_conflicts=True,
            unique_fields=["uscc"],
            update_fields=["name", "category", "address"],
        )
        saved += len(batch)
        if progress:
            progress(saved)
        batch.clear()

    for record in importing.parse_target_rows(rows, errors):
        if errors:
            continue  # keep validating to report every bad row; nothing more is written
        batch.append(
            InspectionTarget(
                uscc=record.uscc, name=record.name, category=record.category, address=record.address
            )
        )
        if len(batch) >= batch_size:
            flush()
    if errors:
        transaction.set_rollback(True)
        messages = [str(e) for e in errors[:200]]
        raise ApplicationError(
            _("导入失败,共 %(count)s 行有误,未保存任何数据") % {"count": len(errors)},
            code="import_rows",
            fields={"rows": messages},
        )
    if batch:
        flush()
    audit.record(
        actor=actor,
        action="enforcement.target_import",
        object_type="enforcement.inspectiontarget",
        object_id="*",
        object_repr=f"导入 {saved} 个检查对象",
        after={"rows": saved},
    )
    return saved


@transaction.atomic
def plan_create(
    *,
    actor,
    body,
    title: str,
    year: int,
    scope: str,
    ratio_bp: int,
    categories: Sequence[str] = (),
    joint_bodies: Sequence[EnforcementBody] = (),
) -> InspectionPlan:
    _require_member(actor, body)
    plan = InspectionPlan(
        body=body,
        title=title.strip(),
        year=year,
        scope=scope.strip(),
        ratio_bp=ratio_bp,
        categories=sorted({c.strip() for c in categories if c.strip()}),
        created_by=actor,
    )
    if not 0 < int(ratio_bp) <= 10000:
        raise ApplicationError(
            _("抽查比例应大于0且不超过100%"),
            code="invalid",
            fields={"ratio_bp": [_("比例无效")]},
        )
    _full_clean(plan)
    plan.save()
    plan.joint_bodies.set([b for b in joint_bodies if b.pk != body.pk])
    audit.record(
        actor=actor,
        action="enforcement.plan_create",
        obj=plan,
        after=audit.snapshot(plan, ["title", "year", "ratio_bp", "categories"]),
    )
    return plan


def plan_target_ids(plan: InspectionPlan) -> Iterable[str]:
    qs = InspectionTarget.objects.filter(is_active=True)
    if plan.categories:
        qs = qs.filter(category__in=plan.categories)
    return qs.values_list("uscc", flat=True).iterator(chunk_size=20000)


@transaction.atomic
def draw_commit(*, actor, plan: InspectionPlan) -> InspectionDraw:
    """Freeze and publish the target list and a commitment to the seed. A plan is drawn once."""
    plan = InspectionPlan.objects.select_for_update().select_related("body__unit").get(pk=plan.pk)
    _require_member(actor, plan.body)
    if InspectionDraw.objects.filter(plan=plan).exists():
        raise ApplicationError(_("该计划已公布抽取承诺,不能重新抽取"), code="draw_exists")
    data = draw.canonical_target_list(plan_target_ids(plan))
    count = data.count(b"\n")
    if count == 0:
        raise ApplicationError(_("名录中没有符合范围的检查对象"), code="no_targets")
    sm3, sha = draw.list_hashes(data)
    seed = draw.new_seed()
    row = InspectionDraw(
        plan=plan,
        algorithm=draw.ALGORITHM,
        target_count=count,
        ratio_bp=plan.ratio_bp,
        sample_size=draw.sample_size(count, plan.ratio_bp),
        list_sm3=sm3,
        list_sha256=sha,
        seed_commitment=draw.commitment(seed),
        sealed_seed=seed,
        committed_at=timezone.now(),
        committed_by=actor,
    )
    row.target_list.save(f"targets-{sha[:12]}.txt", ContentFile(data), save=False)
    row.save()
    audit.record(
        actor=actor,
        action="enforcement.draw_commit",
        obj=row,
        after={
            "plan": plan.pk,
            "target_count": count,
            "list_sm3": sm3,
            "list_sha256": sha,
            "seed_commitment": row.seed_commitment,
        },
    )
    return row


def active_inspectors(bodies: Sequence[EnforcementBody], on: dt.date) -> dict[int, list[int]]:
    pool: dict[int, list[int]] = defaultdict(list)
    officers = (
        Officer.objects.filter(
            body__in=bodies,
            is_active=True,
            credentials__status=CredentialStatus.VALID,
            credentials__issued_on__lte=on,
            credentials__valid_until__gte=on,
        )
        .distinct()
        .order_by("id")
    )
    for officer_id, body_id in officers.values_list("id", "body_id"):
        pool[body_id].append(officer_id)
    return dict(pool)


@transaction.atomic
def draw_reveal(*, actor, draw_row: InspectionDraw, batch_size: int = 5000) -> InspectionDraw:
    """Reveal the seed, run the draw over the frozen list, assign inspectors. Refused once revealed."""
    row = (
        InspectionDraw.objects.select_for_update()
        .select_related("plan__body__unit")
        .get(pk=draw_row.pk)
    )
    plan = row.plan
    _require_member(actor, plan.body)
    if row.status == DrawStatus.REVEALED:
        raise ApplicationError(_("种子已公布,抽取结果已确定,不能重新抽取"), code="draw_revealed")
    with row.target_list.open("rb") as fh:
        data = fh.read()
    if draw.list_hashes(data) != (row.list_sm3, row.list_sha256):
        raise ApplicationError(
            _("存储的名单文件与公布的哈希不一致,已停止抽取"), code="list_tampered"
        )
    ids = draw.parse_target_list(data)
    selection = draw.run(ids, row.sealed_seed, row.ratio_bp)
    today = timezone.localdate()
    bodies = [plan.body, *plan.joint_bodies.all()]
    pool = active_inspectors(bodies, today)
    wanted = [s.target_id for s in selection]
    target_pk: dict[str, int] = {}
    for offset in range(0, len(wanted), 5000):
        target_pk.update(
            InspectionTarget.objects.filter(uscc__in=wanted[offset : offset + 5000]).values_list(
                "uscc", "id"
            )
        )
    conflicts = {
        (o, u)
        for o, u in OfficerRelation.objects.filter(officer__body__in=bodies).values_list(
            "officer_id", "target__uscc"
        )
    }
    try:
        visits = assignment.assign(
            (s.target_id for s in selection),
            pool,
            lead_body=plan.body.pk,
            joint_bodies=[b.pk for b in bodies[1:]],
            conflicts=conflicts,
            seed_hex=row.sealed_seed,
        )
    except assignment.AssignmentError as exc:
        raise ApplicationError(
            _("无法分派检查人员:%(problem)s") % {"problem": exc}, code="assignment"
        ) from exc
    created = InspectionVisit.objects.bulk_create(
        [
            InspectionVisit(draw=row, rank=s.rank, target_id=target_pk[s.target_id], score=s.score)
            for s in selection
        ],
        batch_size=batch_size,
    )
    through = InspectionVisit.officers.through
    through.objects.bulk_create(
        [
            through(inspectionvisit_id=v.pk, officer_id=o)
            for v, visit in zip(created, visits, strict=True)
            for o in visit.officer_ids
        ],
        batch_size=batch_size,
    )
    row.seed = row.sealed_seed
    row.status = DrawStatus.REVEALED
    row.revealed_at = timezone.now()
    row.revealed_by = actor
    row.selection_sha256 = draw.selection_hash(draw.render(selection))
    row.result_due = statutory_due(today, StatutoryRule.Key.INSPECTION_RESULT).date
    row.save(
        update_fields=[
            "seed",
            "status",
            "revealed_at",
            "revealed_by",
            "selection_sha256",
            "result_due",
        ]
    )
    plan.status = PlanStatus.DRAWN
    plan.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action="enforcement.draw_reveal",
        obj=row,
        after={
            "seed": row.seed,
            "selected": len(selection),
            "selection_sha256": row.selection_sha256,
        },
    )
    return row


@transaction.atomic
def visit_assign_officers(
    *, actor, visit: InspectionVisit, officers: Sequence[Officer]
) -> InspectionVisit:
    plan = visit.draw.plan
    _require_member(actor, plan.body)
    allowed_bodies = {plan.body_id, *plan.joint_bodies.values_list("id", flat=True)}
    today = timezone.localdate()
    outsiders = [o.full_name for o in officers if o.body_id not in allowed_bodies]
    if outsiders:
        raise ApplicationError(
            _("%(names)s不属于本次抽查的牵头或联合部门") % {"names": "、".join(outsiders)},
            code="foreign_officer",
        )
    _good, problems = credentialed(officers, today)
    if problems:
        raise ApplicationError(
            _("不能指派:%(problems)s") % {"problems": ";".join(problems)},
            code="uncredentialed",
            fields={"officers": problems},
        )
    if len({o.pk for o in officers}) < 2:
        raise ApplicationError(_("每次检查不得少于两名执法人员"), code="too_few_officers")
    conflicted = list(
        OfficerRelation.objects.filter(officer__in=officers, target=visit.target).values_list(
            "officer__full_name", "relation"
        )
    )
    if conflicted:
        raise ApplicationError(
            _("应当回避:%(officers)s") % {"officers": ";".join(f"{n}({r})" for n, r in conflicted)},
            code="conflict_of_interest",
        )
    before = sorted(visit.officers.values_list("id", flat=True))
    visit.officers.set(officers)
    audit.record(
        actor=actor,
        action="enforcement.visit_assign",
        obj=visit,
        before={"officers": before},
        after={"officers": sorted(o.pk for o in officers)},
    )
    return visit


@transaction.atomic
def visit_record_result(
    *, actor, visit: InspectionVisit, outcome: str, note: str, inspected_on: dt.date
) -> InspectionVisit:
    visit = (
        InspectionVisit.objects.select_for_update()
        .select_related("draw__plan__body__unit")
        .get(pk=visit.pk)
    )
    user_officer = Officer.objects.filter(user=actor).first()
    plan = visit.draw.plan
    if not (
        _is_member(actor, plan.body)
        or (user_officer and visit.officers.filter(pk=user_officer.pk).exists())
    ):
        raise PermissionDenied(_("只有检查人员或牵头部门可以录入结果"))
    if visit.result_published_on:
        raise ApplicationError(_("结果已公示,不能修改"), code="published")
    if outcome == InspectionOutcome.PENDING or outcome not in InspectionOutcome.values:
        raise ApplicationError(_("请选择检查结果"), code="invalid", fields={"outcome": [_("必选")]})
    if (
        inspected_on > timezone.localdate()
        or inspected_on < timezone.localtime(visit.draw.revealed_at).date()
    ):
        raise ApplicationError(
            _("检查日期应在抽取之后、今天之前"),
            code="invalid",
            fields={"inspected_on": [_("日期无效")]},
        )
    before = audit.snapshot(visit, ["outcome", "result_note", "inspected_on"])
    visit.outcome, visit.result_note, visit.inspected_on = outcome, note.strip(), inspected_on
    visit.save(update_fields=["outcome", "result_note", "inspected_on"])
    audit.record(
        actor=actor,
        action="enforcement.visit_record_result",
        obj=visit,
        before=before,
        after=audit.snapshot(visit, ["outcome", "result_note", "inspected_on"]),
    )
    return visit


@transaction.atomic
def draw_publish_results(*, actor, draw_row: InspectionDraw) -> int:
    row = InspectionDraw.objects.select_related("plan__body__unit").get(pk=draw_row.pk)
    _require_member(actor, row.plan.body)
    today = timezone.localdate()
    count = (
        row.visits.exclude(outcome=InspectionOutcome.PENDING)
        .filter(result_published_on__isnull=True)
        .update(result_published_on=today)
    )
    if count == 0:
        raise ApplicationError(_("没有待公示的检查结果"), code="nothing_to_publish")
    audit.record(
        actor=actor, action="enforcement.draw_publish_results", obj=row, after={"published": count}
    )
    return count


# ---------------------------------------------------------------- supervision


@transaction.atomic
def file_review_record(*, actor, case, scores: dict, comment: str = "") -> CaseFileReview:
    if not (is_supervisor(actor) or is_reviewer(actor)):
        raise PermissionDenied(_("只有依法治县办或法制审核人员可以评查案卷"))
    if case.stage != "closed":
        raise ApplicationError(_("只能评查已结案的案卷"), code="not_closed")
    try:
        total = rubric.total(scores)
    except rubric.RubricError as exc:
        raise ApplicationError(str(exc), code="rubric") from exc
    if CaseFileReview.objects.filter(case=case, reviewer=actor).exists():
        raise ApplicationError(_("您已评查过该案卷"), code="duplicate")
    review = CaseFileReview.objects.create(
        case=case,
        reviewer=actor,
        scores={k: int(v) for k, v in scores.items()},
        total=total,
        grade=rubric.grade(total),
        comment=comment.strip(),
        reviewed_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action="enforcement.file_review_record",
        obj=review,
        after={"case": case.pk, "total": total},
    )
    return review


@transaction.atomic
def guiding_case_create(
    *,
    actor,
    title: str,
    field: str,
    summary: str,
    key_points: str,
    legal_basis: str = "",
    published_on: dt.date | None = None,
) -> GuidingCase:
    _require_supervisor(actor)
    row = GuidingCase(
        title=title.strip(),
        field=field.strip(),
        summary=summary.strip(),
        key_points=key_points.strip(),
        legal_basis=legal_basis.strip(),
        published_on=published_on or timezone.localdate(),
    )
    _full_clean(row)
    row.save()
    audit.record(
        actor=actor,
        action="enforcement.guiding_case_create",
        obj=row,
        after=audit.snapshot(row, ["title", "field"]),
    )
    return row
