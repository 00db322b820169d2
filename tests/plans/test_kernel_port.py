"""The plans writes on the kernel: a stale review is refused and writes nothing; the admin is
read-only for plans and audited for the notice prefix; the reply period is a declared period."""

import pytest
from django.contrib import admin

from fazhi.core import periods
from fazhi.core.admin import AuditedModelAdmin
from fazhi.core.errors import Conflict
from fazhi.core.models import AuditEvent
from fazhi.plans import services
from fazhi.plans.choices import ReportStatus
from fazhi.plans.models import NoticePrefix, Plan, ProgressReport, Task


def test_a_review_made_on_a_stale_page_is_refused(mini_plan, judicial_reporter, office):
    task = Task.objects.get(measure__plan=mini_plan, measure__number=3)
    report = services.progress_report_submit(
        actor=judicial_reporter, task=task, text="进展", percent_done=30
    )
    seen = report.version
    services.progress_report_return(actor=office, report=report, comment="补充材料", version=seen)
    events = AuditEvent.objects.count()
    with pytest.raises(Conflict):
        services.progress_report_accept(actor=office, report=report, version=seen)
    report.refresh_from_db()
    task.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and task.percent_done == 0
    assert AuditEvent.objects.count() == events


def test_accepting_audits_the_report_and_the_task_it_moves(mini_plan, judicial_reporter, office):
    task = Task.objects.get(measure__plan=mini_plan, measure__number=3)
    report = services.progress_report_submit(
        actor=judicial_reporter, task=task, text="进展", percent_done=40
    )
    services.progress_report_accept(actor=office, report=report, version=report.version)
    actions = list(
        AuditEvent.objects.filter(action__startswith="plans.")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == ["plans.report_submit", "plans.report_accept", "plans.task_advance"]
    moved = AuditEvent.objects.filter(action="plans.task_advance").latest("seq")
    assert moved.after["percent_done"] == 40 and moved.after["report"] == report.pk
    assert ProgressReport.objects.get(pk=report.pk).version == 2


def test_admin_reads_plans_and_audits_the_prefix(rf, directory, office):
    plan_admin = admin.site._registry[Plan]
    request = rf.get("/admin/")
    request.user = office
    assert not plan_admin.has_add_permission(request)
    assert not plan_admin.has_change_permission(request)
    assert not plan_admin.has_delete_permission(request)
    assert isinstance(admin.site._registry[NoticePrefix], AuditedModelAdmin)


def test_the_reply_period_is_declared_with_its_basis(db):
    period = periods.declared()["plans.notice_reply"]
    assert (period.value, period.unit) == (5, periods.PeriodUnit.WORKING_DAY)
    assert period.law and period.note
