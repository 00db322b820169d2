"""The office's supervision reaches the units (issue 15, notifications): a 催办, a 督办单 and a
returned report each put a message in the right inbox, once, and queue its email."""

import datetime as dt

import pytest

from fazhi.core.errors import ApplicationError
from fazhi.notifications.choices import Kind
from fazhi.notifications.models import Delivery, Notification
from fazhi.plans import services
from fazhi.plans.models import Task

from .conftest import TODAY, unit


def task_of(plan, number) -> Task:
    return Task.objects.get(measure__plan=plan, measure__number=number)


def inbox(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", "title", "url"))


def test_a_reminder_reaches_the_reporters_of_each_unit_reminded(
    mini_plan, office, judicial_reporter, market_reporter
):
    judicial_reporter.email = "sifa@example.cn"
    judicial_reporter.save(update_fields=["email"])
    task = task_of(mini_plan, 1)
    services.reminder_send(actor=office, task=task, message="请抓紧推进", today=TODAY)
    [(kind, title, url)] = inbox(judicial_reporter)
    assert kind == Kind.REMINDER and task.code in title and url == f"/plans/tasks/{task.pk}/"
    assert Notification.objects.get(recipient=judicial_reporter).body == "请抓紧推进"
    assert inbox(market_reporter) == [] and inbox(office) == []
    assert Delivery.objects.filter(notification__recipient=judicial_reporter).count() == 1
    # a second 催办 is a new message, not a duplicate of the first
    services.reminder_send(actor=office, task=task, message="再次催办", today=TODAY)
    assert len(inbox(judicial_reporter)) == 2


def test_a_supervision_notice_reaches_the_supervised_unit_with_its_reply_date(
    mini_plan, office, judicial_reporter, market_reporter
):
    notice = services.supervision_notice_issue(
        actor=office,
        task=task_of(mini_plan, 1),
        unit=unit("天镇县司法局"),
        request="请说明逾期原因",
        today=dt.date(2026, 9, 28),
    )
    row = Notification.objects.get(recipient=judicial_reporter)
    assert row.kind == Kind.SUPERVISION and notice.number in row.title
    assert row.due_on == notice.reply_due_on and row.url == f"/plans/notices/{notice.pk}/"
    assert inbox(market_reporter) == []


def test_a_refused_notice_tells_nobody(mini_plan, office, judicial_reporter):
    with pytest.raises(ApplicationError):
        services.supervision_notice_issue(
            actor=office,
            task=task_of(mini_plan, 1),
            unit=unit("天镇县司法局"),
            request="x",
            today=TODAY,
        )
    assert Notification.objects.count() == 0


def test_a_returned_report_reaches_its_author_with_the_reason(
    mini_plan, office, judicial_reporter, make_user
):
    from fazhi.core.choices import Role

    colleague = make_user(Role.REPORTER, unit=judicial_reporter.unit)
    report = services.progress_report_submit(
        actor=judicial_reporter,
        task=task_of(mini_plan, 3),
        text="进展",
        percent_done=10,
        today=TODAY,
    )
    services.progress_report_return(
        actor=office, report=report, comment="请补充佐证材料", today=TODAY
    )
    row = Notification.objects.get(recipient=judicial_reporter)
    assert row.kind == Kind.RETURNED and row.body == "请补充佐证材料"
    assert row.url == f"/plans/reports/{report.pk}/"
    assert inbox(colleague) == []
