"""What the office's supervision tells the units, in their inbox, by email and to their group
bot (notifications): a 催办 to the reporters of each unit reminded, a 督办单 to the supervised
unit's, a returned report to its author (or, if the author has left, to the unit's reporters).
Called inside the service's transaction: a refused or rolled-back write tells nobody, and the
deliveries go out after the commit."""

from __future__ import annotations

from django.urls import reverse

from fazhi.core.choices import Role
from fazhi.notifications.choices import Kind
from fazhi.notifications.services import notify, unit_users

from .models import ProgressReport, Reminder, SupervisionNotice, Task


def reminded(*, actor, task: Task, reminders: list[Reminder]) -> None:
    url = reverse("plans:task_detail", args=[task.pk])
    for reminder in reminders:
        notify(
            actor=actor,
            recipients=unit_users([reminder.unit_id], (Role.REPORTER,)),
            kind=Kind.REMINDER,
            title=f"催办:任务 {task.code}",
            body=reminder.message,
            url=url,
            dedup_key=f"plans.reminder:{reminder.pk}",
        )


def notice_issued(*, actor, notice: SupervisionNotice) -> None:
    notify(
        actor=actor,
        recipients=unit_users([notice.unit_id], (Role.REPORTER,)),
        kind=Kind.SUPERVISION,
        title=f"督办单 {notice.number}:任务 {notice.task.code},"
        f"请于 {notice.reply_due_on:%Y-%m-%d} 前回复",
        body=notice.request,
        url=reverse("plans:notice_detail", args=[notice.pk]),
        dedup_key=f"plans.notice:{notice.pk}",
        due_on=notice.reply_due_on,
    )


def report_returned(*, actor, report: ProgressReport) -> None:
    author = report.author if report.author_id and report.author.is_active else None
    notify(
        actor=actor,
        recipients=[author] if author else unit_users([report.unit_id], (Role.REPORTER,)),
        kind=Kind.RETURNED,
        title=f"进展填报被退回:任务 {report.task.code}",
        body=report.review_comment,
        url=reverse("plans:report_detail", args=[report.pk]),
        dedup_key=f"plans.report_returned:{report.pk}:{report.version}",
    )
