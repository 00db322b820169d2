"""Every write of the plans app, each on the kernel's `guarded`/`created`: permission with the
row, lock, version, allowed statuses, one audit event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from fazhi.core import dates, numbering, periods, uploads
from fazhi.core.actors import user_or_none
from fazhi.core.errors import ApplicationError
from fazhi.core.models import OrgUnit, Region
from fazhi.core.writes import created, guarded, require_perm

from . import notifying
from .choices import NoticeStatus, OwnerRole, ReportStatus, TaskStatus
from .errors import PlansError
from .events import Event
from .models import (
    Evidence,
    NoticePrefix,
    Obligation,
    ProgressReport,
    Reminder,
    SupervisionNotice,
    Target,
    Task,
    TaskOwner,
)
from .periods import NOTICE_REPLY

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
REVIEW = "plans.review_report"


def max_upload_bytes() -> int:
    return settings.FAZHI_MAX_UPLOAD_BYTES


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ApplicationError(message, code=PlansError.INVALID, fields={field: _("必填")})
    return value


def _task_rows(actor):
    """The tasks the actor may act on: others' rows are missing, not forbidden."""
    return Task.objects.visible_to(actor)


# --- progress --------------------------------------------------------------------------------


def _refuse_unless_reporting(actor, task: Task) -> None:
    if not actor.has_perm("plans.report_progress", None):
        require_perm(actor, "plans.report_progress", None, _("只有单位填报员可以填报进展"))
    require_perm(actor, "plans.report_progress", task, _("只能为本单位承担的任务填报进展"))


def _target_values(task: Task, values: dict | None) -> dict[str, str]:
    clean: dict[str, str] = {}
    if not values:
        return clean
    ids = set(task.targets.values_list("pk", flat=True))
    for key, raw in values.items():
        if raw in (None, ""):
            continue
        if not str(key).isdigit() or int(key) not in ids:
            raise ApplicationError(_("目标不属于该任务"), code=PlansError.BAD_TARGET)
        try:
            number = Decimal(str(raw).strip().rstrip("%"))
        except InvalidOperation as exc:
            raise ApplicationError(
                _("目标值“%(value)s”不是数字") % {"value": raw},
                code=PlansError.BAD_TARGET,
                fields={f"target_{key}": _("不是数字")},
            ) from exc
        clean[str(int(key))] = str(number)
    return clean


def _check_evidence(files) -> None:
    for upload in files:
        if PurePath(upload.name).suffix.lower() not in EVIDENCE_SUFFIXES:
            raise ApplicationError(
                _("佐证材料“%(name)s”格式不支持,请上传 PDF、OFD、Word、Excel 或图片")
                % {"name": upload.name},
                code=PlansError.BAD_TYPE,
                fields={"evidence": _("格式不支持")},
            )
        uploads.check(upload, kinds=[s.lstrip(".") for s in EVIDENCE_SUFFIXES], field="evidence")


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
    _refuse_unless_reporting(actor, task)
    if task.withdrawn_on or task.completed_on:
        raise ApplicationError(_("该任务已完成或已撤销,无需再填报"), code=PlansError.TASK_CLOSED)
    if obligation is not None and (obligation.task_id != task.pk or obligation.done_on):
        raise ApplicationError(
            _("所选时间节点不属于该任务或已完成"),
            code=PlansError.BAD_OBLIGATION,
            fields={"obligation": _("无效")},
        )
    text = _required(text, "text", _("请填写进展情况"))
    if not 0 <= int(percent_done) <= 100:
        raise ApplicationError(
            _("完成进度应在 0–100 之间"),
            code=PlansError.INVALID,
            fields={"percent_done": "0–100"},
        )
    files = list(files or ())
    _check_evidence(files)
    report = ProgressReport(
        task=task,
        unit_id=actor.unit_id,
        author=user_or_none(actor),
        obligation=obligation,
        completes_obligation=completes_obligation and obligation is not None,
        text=text,
        percent_done=percent_done,
        target_values=_target_values(task, target_values),
        reported_on=dates.today(today),
    )
    created(report, actor=actor, action=Event.REPORT_SUBMIT, note={"evidence": len(files)})
    for upload in files:
        evidence = Evidence(report=report, name=PurePath(upload.name).name[:255], size=upload.size)
        upload.seek(0)
        evidence.file.save(evidence.name, ContentFile(upload.read()), save=False)
        evidence.save()
    return report


def _advance_task(actor, report: ProgressReport) -> None:
    """An accepted report moves its task: percent, last report, completion, obligations, targets."""
    guard = guarded(Task, report.task_id, actor=actor, action=Event.TASK_ADVANCE)
    with guard as task:
        task.percent_done, task.last_reported_on = report.percent_done, report.reported_on
        open_obligations = task.obligations.filter(done_on__isnull=True)
        if report.percent_done == 100:
            task.completed_on = report.reported_on
        elif report.completes_obligation and report.obligation_id:
            open_obligations = open_obligations.filter(pk=report.obligation_id)
        else:
            open_obligations = open_obligations.none()
        closed = open_obligations.update(done_on=report.reported_on)
        values = {}
        for target in Target.objects.select_for_update().filter(
            task_id=task.pk, pk__in=[int(k) for k in report.target_values], indicator_key=""
        ):
            target.current = Decimal(report.target_values[str(target.pk)])
            target.version += 1
            target.save(update_fields=["current", "version", "updated_at"])
            values[str(target.pk)] = str(target.current)
        guard.note(report=report.pk, obligations_closed=closed, targets=values)


@transaction.atomic
def progress_report_accept(
    *,
    actor,
    report: ProgressReport,
    version: int | None = None,
    comment: str = "",
    today: dt.date | None = None,
) -> ProgressReport:
    """Accepting moves the task forward: its percent, targets, the obligation the report closes."""
    with _reviewing(actor, report, version, Event.REPORT_ACCEPT) as report:
        _reviewed(report, ReportStatus.ACCEPTED, actor, today)
        report.review_comment = (comment or "").strip()
    _advance_task(actor, report)
    return report


def _reviewing(actor, report: ProgressReport, version: int | None, action: Event):
    """The office decides on a report still waiting for it (accept or return)."""
    return guarded(
        ProgressReport,
        report.pk,
        actor=actor,
        perm=REVIEW,
        version=version,
        allowed=(ReportStatus.SUBMITTED,),
        action=action,
        denied=_("只有依法治县办可以审核进展"),
        queryset=ProgressReport.objects.visible_to(actor),
    )


def _reviewed(report: ProgressReport, status: str, actor, today: dt.date | None) -> None:
    report.status, report.reviewed_by = status, user_or_none(actor)
    report.reviewed_on = dates.today(today)


@transaction.atomic
def progress_report_return(
    *,
    actor,
    report: ProgressReport,
    comment: str,
    version: int | None = None,
    today: dt.date | None = None,
) -> ProgressReport:
    with _reviewing(actor, report, version, Event.REPORT_RETURN) as report:
        report.review_comment = _required(comment, "comment", _("退回时请写明原因"))
        _reviewed(report, ReportStatus.RETURNED, actor, today)
    notifying.report_returned(actor=actor, report=report)
    return report


def progress_report_review(
    *,
    actor,
    report: ProgressReport,
    decision: str,
    comment: str = "",
    version: int | None = None,
    today: dt.date | None = None,
) -> ProgressReport:
    """采纳 (`decision="accept"`) or 退回 (`"return"`, with the reason in `comment`): the
    review action of the report's page."""
    review = progress_report_accept if decision == "accept" else progress_report_return
    return review(actor=actor, report=report, comment=comment, version=version, today=today)


# --- supervision -----------------------------------------------------------------------------


def _lead_units(task: Task) -> list[int]:
    owners = list(TaskOwner.objects.filter(task=task).values_list("unit_id", "role"))
    leads = [u for u, role in owners if role in (OwnerRole.LEAD, OwnerRole.RESPONSIBLE)]
    return sorted(set(leads or [u for u, _ in owners]))


def _open_task(actor, task: Task, message: str) -> Task:
    task = _task_rows(actor).select_related("measure__plan").get_for_user(actor, task.pk)
    if task.completed_on or task.withdrawn_on:
        raise ApplicationError(message, code=PlansError.TASK_CLOSED)
    return task


@transaction.atomic
def reminder_send(
    *, actor, task: Task, message: str, today: dt.date | None = None
) -> list[Reminder]:
    """催办: one reminder to each lead (or responsible) unit of the task."""
    require_perm(actor, "plans.send_reminder", task, _("只有依法治县办可以催办"))
    task = _open_task(actor, task, _("该任务已完成或已撤销,无需催办"))
    message = _required(message, "message", _("请填写催办内容"))
    sent_on = dates.today(today)
    reminders = [
        created(
            Reminder(
                task=task, unit_id=u, message=message, sent_by=user_or_none(actor), sent_on=sent_on
            ),
            actor=actor,
            action=Event.REMINDER_SEND,
        )
        for u in _lead_units(task)
    ]
    notifying.reminded(actor=actor, task=task, reminders=reminders)
    return reminders


def notice_prefix(region: Region) -> str:
    """The region's 督办单 prefix: its own (admin), else the 简称 + 法督 (天镇县 → 天法督)."""
    row = NoticePrefix.objects.filter(region=region).first()
    return row.prefix if row else f"{numbering.region_initial(region)}法督"


@transaction.atomic
def supervision_notice_issue(
    *, actor, task: Task, unit: OrgUnit, request: str, today: dt.date | None = None
) -> SupervisionNotice:
    """督办单 for an overdue task, numbered 天法督〔2026〕3号 within its region, with the reply
    period `plans.notice_reply` (working days, the region's own value if it set one)."""
    from .selectors import task_status

    require_perm(actor, "plans.issue_notice", task, _("只有依法治县办可以签发督办单"))
    task = _task_rows(actor).select_related("measure__plan").get_for_user(actor, task.pk)
    today = dates.today(today)
    if task_status(task, today=today) != TaskStatus.OVERDUE:
        raise ApplicationError(_("只有已逾期的任务才能签发督办单"), code=PlansError.NOT_OVERDUE)
    unit_id = getattr(unit, "pk", unit)
    if not TaskOwner.objects.filter(task=task, unit_id=unit_id).exists():
        raise ApplicationError(
            _("督办单位不是该任务的责任单位"),
            code=PlansError.NOT_OWNER,
            fields={"unit": _("不是责任单位")},
        )
    request = _required(request, "request", _("请填写督办事项"))
    region = Region.objects.get(pk=task.measure.plan.region_id)
    prefix = notice_prefix(region)
    # The kernel's numbering (`issue_number`'s steps, kept apart because the notice stores its
    # serial too): under the lock of the prefix and year, the highest serial this region issued
    # under the prefix plus one; never below the region's year's serials (a prefix changed
    # during the year goes on counting, the serial stays unique).
    numbering.lock_number_space(prefix, today.year)
    issued = SupervisionNotice.objects.filter(region=region)
    serial = max(
        numbering.next_serial(issued, prefix, today.year),
        (issued.filter(year=today.year).aggregate(n=Max("serial"))["n"] or 0) + 1,
    )
    due = periods.due(NOTICE_REPLY, today, region=region.pk)
    notice = SupervisionNotice(
        number=numbering.format_number(prefix, today.year, serial),
        region=region,
        year=today.year,
        serial=serial,
        task=task,
        unit_id=unit_id,
        request=request,
        issued_by=user_or_none(actor),
        issued_on=today,
        reply_due_on=due.date,
        reply_due_provisional=due.provisional,
    )
    notice = created(notice, actor=actor, action=Event.NOTICE_ISSUE)
    notifying.notice_issued(actor=actor, notice=notice)
    return notice


@transaction.atomic
def supervision_notice_reply(
    *,
    actor,
    notice: SupervisionNotice,
    reply: str,
    version: int | None = None,
    today: dt.date | None = None,
) -> SupervisionNotice:
    denied = (
        _("只能回复发给本单位的督办单")
        if actor.has_perm("plans.reply_notice", None)
        else _("只有单位填报员可以回复督办单")
    )
    with guarded(
        SupervisionNotice,
        notice.pk,
        actor=actor,
        perm="plans.reply_notice",
        version=version,
        allowed=(NoticeStatus.ISSUED,),
        action=Event.NOTICE_REPLY,
        denied=denied,
        queryset=SupervisionNotice.objects.visible_to(actor),
    ) as notice:
        notice.reply = _required(reply, "reply", _("请填写回复内容"))
        notice.status, notice.replied_by = NoticeStatus.ANSWERED, user_or_none(actor)
        notice.replied_on = dates.today(today)
    return notice


# --- edits with optimistic locking -----------------------------------------------------------


@transaction.atomic
def task_update(*, actor, task: Task, version: int | None, text: str, note: str = "") -> Task:
    """The office corrects a task's wording or notes; a stale `version` means someone else saved first."""
    with guarded(
        Task,
        task.pk,
        actor=actor,
        perm="plans.change_task",
        version=version,
        action=Event.TASK_UPDATE,
        denied=_("只有依法治县办可以修改任务"),
        queryset=_task_rows(actor),
    ) as task:
        task.text = _required(text, "text", _("任务内容不能为空"))
        task.note = (note or "").strip()
    return task


def _decimal(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip().rstrip("%"))
    except InvalidOperation as exc:
        raise ApplicationError(
            _("“%(value)s”不是数字") % {"value": value},
            code=PlansError.INVALID,
            fields={field: _("不是数字")},
        ) from exc


@transaction.atomic
def target_update(
    *,
    actor,
    target: Target,
    version: int | None,
    baseline=None,
    goal=None,
    current=None,
    indicator_key: str = "",
) -> Target:
    """Baseline, goal, current value, or a link to a computed indicator."""
    from .indicators import registry

    with guarded(
        Target,
        target.pk,
        actor=actor,
        perm="plans.change_task",
        version=version,
        action=Event.TARGET_UPDATE,
        denied=_("只有依法治县办可以修改目标"),
        queryset=Target.objects.visible_to(actor),
    ) as target:
        if indicator_key and indicator_key not in registry():
            raise ApplicationError(
                _("所选指标不存在"),
                code=PlansError.INVALID,
                fields={"indicator_key": _("不存在")},
            )
        target.baseline = _decimal(baseline, "baseline")
        target.goal = _decimal(goal, "goal")
        target.current = _decimal(current, "current")
        target.indicator_key = indicator_key or ""
    return target


def target_link_indicator(*, actor, target: Target, indicator_key: str) -> Target:
    """Link `target` to the computed indicator `indicator_key`, its values kept as they are."""
    return target_update(
        actor=actor,
        target=target,
        version=target.version,
        baseline=target.baseline,
        goal=target.goal,
        current=target.current,
        indicator_key=indicator_key,
    )


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
