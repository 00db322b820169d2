"""Every write of the plans app: permission check, validation, one transaction, an audit event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit, uploads
from fazhi.core.errors import ApplicationError, Conflict, PermissionDenied
from fazhi.core.holidays import deadline
from fazhi.core.models import OrgUnit

from .choices import NoticeStatus, OwnerRole, ReportStatus, TaskStatus
from .events import Event
from .models import (
    Evidence,
    NoticeSetting,
    Obligation,
    ProgressReport,
    Reminder,
    SupervisionNotice,
    Target,
    Task,
    TaskOwner,
)

EVIDENCE_SUFFIXES = {
    ".pdf",
    ".ofd",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".jpg",
    ".jpeg",
    ".png",
    ".txt",
}
ROLE_FIELDS = {
    "lead_units": OwnerRole.LEAD,
    "participating_units": OwnerRole.PARTICIPATING,
    "responsible_units": OwnerRole.RESPONSIBLE,
}


def _require(user, perm: str, message: str) -> None:
    """`user=None` is the system itself (CLI, demo loader)."""
    if user is not None and not user.has_perm(perm):
        raise PermissionDenied(message)


def _clean(obj) -> None:
    """full_clean(), with Django's ValidationError turned into the app's error."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        fields = {k: _("；").join(str(m) for m in v) for k, v in exc.message_dict.items()}
        raise ApplicationError(
            _("；").join(f"{k}: {v}" for k, v in fields.items()), code="invalid", fields=fields
        ) from exc


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def max_upload_bytes() -> int:
    return settings.FAZHI_MAX_UPLOAD_BYTES


# --- progress --------------------------------------------------------------------------------


def reporting_unit(actor, task: Task) -> OrgUnit:
    """The actor's unit when it owes the task; anything else is refused."""
    if actor is None or not actor.has_perm("plans.report_progress"):
        raise PermissionDenied(_("只有单位填报员可以填报进展"))
    if not actor.unit_id or not TaskOwner.objects.filter(task=task, unit_id=actor.unit_id).exists():
        raise PermissionDenied(_("只能为本单位承担的任务填报进展"))
    return actor.unit


def _target_values(task: Task, values: dict | None) -> dict[str, str]:
    clean: dict[str, str] = {}
    if not values:
        return clean
    ids = set(task.targets.values_list("pk", flat=True))
    for key, raw in values.items():
        if raw in (None, ""):
            continue
        if int(key) not in ids:
            raise ApplicationError(_("目标不属于该任务"), code="bad_target")
        try:
            number = Decimal(str(raw).strip().rstrip("%"))
        except InvalidOperation as exc:
            raise ApplicationError(
                _("目标值“%(value)s”不是数字") % {"value": raw},
                code="bad_target",
                fields={f"target_{key}": _("不是数字")},
            ) from exc
        clean[str(int(key))] = str(number)
    return clean


@transaction.atomic
def progress_report_submit(
    *,
    actor,
    task: Task,
    text: str,
    percent_done: int,
    obligation: Obligation | None = None,
    completes_obligation: bool = False,
    target_values: dict | None = None,
    files=(),
    today: dt.date | None = None,
) -> ProgressReport:
    """A reporter files progress for a task its unit owes."""
    unit = reporting_unit(actor, task)
    if task.withdrawn_on or task.completed_on:
        raise ApplicationError(_("该任务已完成或已撤销,无需再填报"), code="task_closed")
    if obligation is not None and (obligation.task_id != task.pk or obligation.done_on):
        raise ApplicationError(_("所选时间节点不属于该任务或已完成"), code="bad_obligation")
    report = ProgressReport(
        task=task,
        unit=unit,
        author=actor,
        obligation=obligation,
        completes_obligation=completes_obligation and obligation is not None,
        text=(text or "").strip(),
        percent_done=percent_done,
        target_values=_target_values(task, target_values),
        reported_on=_today(today),
    )
    if not report.text:
        raise ApplicationError(_("请填写进展情况"), code="invalid", fields={"text": _("必填")})
    if not 0 <= int(percent_done) <= 100:
        raise ApplicationError(
            _("完成进度应在 0–100 之间"), code="invalid", fields={"percent_done": "0–100"}
        )
    _clean(report)
    report.save()
    for upload in files:
        if PurePath(upload.name).suffix.lower() not in EVIDENCE_SUFFIXES:
            raise ApplicationError(
                _("佐证材料“%(name)s”格式不支持,请上传 PDF、OFD、Word、Excel 或图片")
                % {"name": upload.name},
                code="bad_type",
            )
        uploads.check(upload, kinds=[s.lstrip(".") for s in EVIDENCE_SUFFIXES])
        evidence = Evidence(report=report, name=PurePath(upload.name).name[:255], size=upload.size)
        evidence.file.save(evidence.name, ContentFile(upload.read()), save=False)
        evidence.save()
    audit.record(
        actor=actor,
        action=Event.REPORT_SUBMIT,
        obj=report,
        after={"task": task.pk, "percent_done": report.percent_done, "evidence": len(files)},
    )
    return report


def _locked_report(report: ProgressReport) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().select_related("task").get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ApplicationError(
            _("该进展已%(status)s,不能再次审核") % {"status": report.get_status_display()},
            code="already_reviewed",
        )
    return report


@transaction.atomic
def progress_report_accept(
    *, actor, report: ProgressReport, comment: str = "", today: dt.date | None = None
) -> ProgressReport:
    """Accepting moves the task forward: its percent, targets, the obligation the report closes."""
    _require(actor, "plans.review_report", _("只有依法治县办可以审核进展"))
    report = _locked_report(report)
    today = _today(today)
    task = Task.objects.select_for_update().get(pk=report.task_id)
    report.status, report.reviewed_by, report.reviewed_on = ReportStatus.ACCEPTED, actor, today
    report.review_comment = (comment or "").strip()
    report.save(
        update_fields=["status", "reviewed_by", "reviewed_on", "review_comment", "updated_at"]
    )
    task.percent_done, task.last_reported_on = report.percent_done, report.reported_on
    task.version += 1
    fields = ["percent_done", "last_reported_on", "version", "updated_at"]
    if report.percent_done == 100:
        task.completed_on = report.reported_on
        fields.append("completed_on")
        task.obligations.filter(done_on__isnull=True).update(done_on=report.reported_on)
    elif report.completes_obligation and report.obligation_id:
        Obligation.objects.filter(pk=report.obligation_id, done_on__isnull=True).update(
            done_on=report.reported_on
        )
    task.save(update_fields=fields)
    for target in task.targets.filter(
        pk__in=[int(k) for k in report.target_values], indicator_key=""
    ):
        target.current = Decimal(report.target_values[str(target.pk)])
        target.version += 1
        target.save(update_fields=["current", "version", "updated_at"])
    audit.record(
        actor=actor,
        action=Event.REPORT_ACCEPT,
        obj=report,
        after={"task": task.pk, "percent_done": task.percent_done},
    )
    return report


@transaction.atomic
def progress_report_return(
    *, actor, report: ProgressReport, comment: str, today: dt.date | None = None
) -> ProgressReport:
    _require(actor, "plans.review_report", _("只有依法治县办可以审核进展"))
    if not (comment or "").strip():
        raise ApplicationError(_("退回时请写明原因"), code="invalid", fields={"comment": _("必填")})
    report = _locked_report(report)
    report.status, report.reviewed_by, report.reviewed_on = (
        ReportStatus.RETURNED,
        actor,
        _today(today),
    )
    report.review_comment = comment.strip()
    report.save(
        update_fields=["status", "reviewed_by", "reviewed_on", "review_comment", "updated_at"]
    )
    audit.record(
        actor=actor,
        action=Event.REPORT_RETURN,
        obj=report,
        after={"comment": report.review_comment},
    )
    return report


# --- supervision -----------------------------------------------------------------------------


def _lead_units(task: Task) -> list[int]:
    owners = list(TaskOwner.objects.filter(task=task).values_list("unit_id", "role"))
    leads = [u for u, role in owners if role in (OwnerRole.LEAD, OwnerRole.RESPONSIBLE)]
    return sorted(set(leads or [u for u, _ in owners]))


@transaction.atomic
def reminder_send(
    *, actor, task: Task, message: str, today: dt.date | None = None
) -> list[Reminder]:
    """催办: one reminder to each lead (or responsible) unit of the task."""
    _require(actor, "plans.send_reminder", _("只有依法治县办可以催办"))
    if task.completed_on or task.withdrawn_on:
        raise ApplicationError(_("该任务已完成或已撤销,无需催办"), code="task_closed")
    message = (message or "").strip()
    if not message:
        raise ApplicationError(_("请填写催办内容"), code="invalid", fields={"message": _("必填")})
    reminders = Reminder.objects.bulk_create(
        [
            Reminder(task=task, unit_id=u, message=message, sent_by=actor, sent_on=_today(today))
            for u in _lead_units(task)
        ]
    )
    audit.record(
        actor=actor,
        action=Event.REMINDER_SEND,
        obj=task,
        after={"units": [r.unit_id for r in reminders]},
    )
    return reminders


@transaction.atomic
def supervision_notice_issue(
    *, actor, task: Task, unit: OrgUnit, request: str, today: dt.date | None = None
) -> SupervisionNotice:
    """督办单 for an overdue task, numbered 天法督〔2026〕3号, with a reply period in working days."""
    from .selectors import task_status

    _require(actor, "plans.issue_notice", _("只有依法治县办可以签发督办单"))
    today = _today(today)
    if task_status(task, today=today) != TaskStatus.OVERDUE:
        raise ApplicationError(_("只有已逾期的任务才能签发督办单"), code="not_overdue")
    if not TaskOwner.objects.filter(task=task, unit=unit).exists():
        raise ApplicationError(_("督办单位不是该任务的责任单位"), code="not_owner")
    request = (request or "").strip()
    if not request:
        raise ApplicationError(_("请填写督办事项"), code="invalid", fields={"request": _("必填")})
    setting, _created = NoticeSetting.objects.select_for_update().get_or_create(id=1)
    serial = (
        SupervisionNotice.objects.filter(year=today.year).aggregate(n=Max("serial"))["n"] or 0
    ) + 1
    due = deadline(today, setting.reply_working_days, working=True)
    notice = SupervisionNotice(
        number=f"{setting.prefix}〔{today.year}〕{serial}号",
        year=today.year,
        serial=serial,
        task=task,
        unit=unit,
        request=request,
        issued_by=actor,
        issued_on=today,
        reply_due_on=due.date,
        reply_due_provisional=due.provisional,
    )
    _clean(notice)
    notice.save()
    audit.record(
        actor=actor,
        action=Event.NOTICE_ISSUE,
        obj=notice,
        after={"task": task.pk, "unit": unit.pk, "reply_due_on": due.date.isoformat()},
    )
    return notice


@transaction.atomic
def supervision_notice_reply(
    *, actor, notice: SupervisionNotice, reply: str, today: dt.date | None = None
) -> SupervisionNotice:
    _require(actor, "plans.reply_notice", _("只有单位填报员可以回复督办单"))
    notice = SupervisionNotice.objects.select_for_update().get(pk=notice.pk)
    if actor is not None and actor.unit_id != notice.unit_id:
        raise PermissionDenied(_("只能回复发给本单位的督办单"))
    if notice.status != NoticeStatus.ISSUED:
        raise ApplicationError(_("该督办单已回复"), code="already_answered")
    reply = (reply or "").strip()
    if not reply:
        raise ApplicationError(_("请填写回复内容"), code="invalid", fields={"reply": _("必填")})
    notice.status, notice.reply, notice.replied_by, notice.replied_on = (
        NoticeStatus.ANSWERED,
        reply,
        actor,
        _today(today),
    )
    notice.save(update_fields=["status", "reply", "replied_by", "replied_on", "updated_at"])
    audit.record(
        actor=actor,
        action=Event.NOTICE_REPLY,
        obj=notice,
        after={"replied_on": notice.replied_on.isoformat()},
    )
    return notice


# --- edits with optimistic locking -----------------------------------------------------------


@transaction.atomic
def task_update(*, actor, task: Task, version: int, text: str, note: str) -> Task:
    """The office corrects a task's wording or notes; a stale `version` means someone else saved first."""
    _require(actor, "plans.change_task", _("只有依法治县办可以修改任务"))
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("任务内容不能为空"), code="invalid", fields={"text": _("必填")})
    before = audit.snapshot(task, ["text", "note"])
    updated = Task.objects.filter(pk=task.pk, version=version).update(
        text=text, note=(note or "").strip(), version=version + 1, updated_at=timezone.now()
    )
    if not updated:
        raise Conflict(
            _("该任务已被他人修改,请刷新页面查看最新内容后再保存"), fields={"version": _("已过期")}
        )
    task.refresh_from_db()
    audit.record(
        actor=actor,
        action=Event.TASK_UPDATE,
        obj=task,
        before=before,
        after=audit.snapshot(task, ["text", "note"]),
    )
    return task


def _decimal(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip().rstrip("%"))
    except InvalidOperation as exc:
        raise ApplicationError(
            _("“%(value)s”不是数字") % {"value": value},
            code="invalid",
            fields={field: _("不是数字")},
        ) from exc


@transaction.atomic
def target_update(
    *,
    actor,
    target: Target,
    version: int,
    baseline=None,
    goal=None,
    current=None,
    indicator_key: str = "",
) -> Target:
    """Baseline, goal, current value, or a link to a computed indicator."""
    from .indicators import registry

    _require(actor, "plans.change_task", _("只有依法治县办可以修改目标"))
    if indicator_key and indicator_key not in registry():
        raise ApplicationError(
            _("所选指标不存在"), code="invalid", fields={"indicator_key": _("不存在")}
        )
    values = {
        "baseline": _decimal(baseline, "baseline"),
        "goal": _decimal(goal, "goal"),
        "current": _decimal(current, "current"),
        "indicator_key": indicator_key,
    }
    before = audit.snapshot(target, list(values))
    updated = Target.objects.filter(pk=target.pk, version=version).update(
        **values, version=version + 1, updated_at=timezone.now()
    )
    if not updated:
        raise Conflict(_("该目标已被他人修改,请刷新页面后再保存"), fields={"version": _("已过期")})
    target.refresh_from_db()
    audit.record(
        actor=actor,
        action=Event.TARGET_UPDATE,
        obj=target,
        before=before,
        after=audit.snapshot(target, list(values)),
    )
    return target


# The plan import lives in importing.py (it imports this module's helpers, so the re-export is
# resolved on first use rather than at import time).
_IMPORTING = frozenset(
    {
        "PLAN_SUFFIXES",
        "Prepared",
        "plan_identity",
        "typed_doc_number",
        "check_plan_file",
        "parse_plan_file",
        "plan_import_apply",
        "plan_import_discard",
        "plan_import_prepare",
        "stored_draft",
        "unresolved_names",
    }
)


def __getattr__(name: str):
    if name in _IMPORTING:
        from . import importing

        return getattr(importing, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
