import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.choices import Role
from fazhi.core.errors import ApplicationError, Conflict, NotFound, PermissionDenied
from fazhi.core.models import AuditEvent
from fazhi.plans import selectors, services
from fazhi.plans.choices import NoticeStatus, ReportStatus, TaskStatus
from fazhi.plans.models import (
    NoticePrefix,
    ProgressReport,
    Reminder,
    SupervisionNotice,
    Target,
    Task,
)

from .conftest import TODAY, unit


def measure_task(plan, number) -> Task:
    return Task.objects.get(measure__plan=plan, measure__number=number)


def statuses(plan, today):
    rows = selectors.with_status(Task.objects.filter(measure__plan=plan), today).select_related(
        "measure"
    )
    return {t.measure.number: t.status for t in rows}


def test_status_is_derived_from_dates_and_reports_at_query_time(
    mini_plan, judicial_reporter, office
):
    # (一) is due 2026-04-30 first; (二) and (三) only at the end of 2027.
    assert statuses(mini_plan, dt.date(2026, 3, 2)) == {
        1: TaskStatus.NOT_STARTED,
        2: TaskStatus.NOT_STARTED,
        3: TaskStatus.NOT_STARTED,
    }
    assert statuses(mini_plan, dt.date(2026, 4, 15))[1] == TaskStatus.DUE_SOON
    assert statuses(mini_plan, dt.date(2026, 4, 30))[1] == TaskStatus.DUE_SOON
    assert statuses(mini_plan, dt.date(2026, 5, 1))[1] == TaskStatus.OVERDUE
    task = measure_task(mini_plan, 3)
    report = services.progress_report_submit(
        actor=judicial_reporter, task=task, text="已举办培训", percent_done=30, today=TODAY
    )
    assert statuses(mini_plan, TODAY)[3] == TaskStatus.NOT_STARTED  # not yet accepted
    services.progress_report_accept(actor=office, report=report, today=TODAY)
    assert statuses(mini_plan, TODAY)[3] == TaskStatus.ON_TRACK
    assert statuses(mini_plan, dt.date(2028, 1, 1))[3] == TaskStatus.OVERDUE
    done = services.progress_report_submit(
        actor=judicial_reporter, task=task, text="全部完成", percent_done=100, today=TODAY
    )
    services.progress_report_accept(actor=office, report=done, today=TODAY)
    assert statuses(mini_plan, dt.date(2028, 1, 1))[3] == TaskStatus.DONE


def test_completing_one_period_moves_the_next_deadline(mini_plan, judicial_reporter, office):
    task = measure_task(mini_plan, 1)
    april = task.obligations.get(label="2026年度")
    report = services.progress_report_submit(
        actor=judicial_reporter,
        task=task,
        text="2026年度目录已公布",
        percent_done=30,
        obligation=april,
        completes_obligation=True,
        today=dt.date(2026, 4, 20),
    )
    services.progress_report_accept(actor=office, report=report, today=dt.date(2026, 4, 21))
    april.refresh_from_db()
    assert april.done_on == dt.date(2026, 4, 20)
    row = selectors.with_status(Task.objects.filter(pk=task.pk), dt.date(2026, 5, 1)).get()
    assert row.next_due == dt.date(2026, 6, 30) and row.status == TaskStatus.ON_TRACK


def test_accepting_updates_target_current_value(mini_plan, market_reporter, office):
    task = measure_task(mini_plan, 2)
    target = Target.objects.get(task=task)
    report = services.progress_report_submit(
        actor=market_reporter,
        task=task,
        text="评查合格率提升",
        percent_done=50,
        target_values={str(target.pk): "88.5"},
        today=TODAY,
    )
    target.refresh_from_db()
    assert target.current is None
    services.progress_report_accept(actor=office, report=report, today=TODAY)
    target.refresh_from_db()
    assert float(target.current) == 88.5


def test_reporter_filing_for_another_units_task_is_refused(mini_plan, make_user):
    stranger = make_user(Role.REPORTER, unit=unit("天镇县财政局"))
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied, match="本单位"):
        services.progress_report_submit(
            actor=stranger,
            task=measure_task(mini_plan, 1),
            text="代报",
            percent_done=10,
            today=TODAY,
        )
    assert ProgressReport.objects.count() == 0 and AuditEvent.objects.count() == events


def test_group_member_may_report(mini_plan, make_user):
    township = make_user(Role.REPORTER, unit=unit("天镇县玉泉镇人民政府"))
    report = services.progress_report_submit(
        actor=township,
        task=measure_task(mini_plan, 1),
        text="本镇清单已编制",
        percent_done=20,
        today=TODAY,
    )
    assert report.unit.name == "天镇县玉泉镇人民政府"


def test_leader_and_supervisor_cannot_file_but_supervisor_reviews(
    mini_plan, leader, office, judicial_reporter
):
    task = measure_task(mini_plan, 3)
    for actor in (leader, office):
        with pytest.raises(PermissionDenied):
            services.progress_report_submit(
                actor=actor, task=task, text="x", percent_done=1, today=TODAY
            )
    report = services.progress_report_submit(
        actor=judicial_reporter, task=task, text="进展", percent_done=10, today=TODAY
    )
    with pytest.raises(PermissionDenied):
        services.progress_report_accept(actor=leader, report=report)
    with pytest.raises(PermissionDenied):
        services.progress_report_accept(actor=judicial_reporter, report=report)
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_return_needs_a_comment_and_a_report_is_reviewed_once(mini_plan, judicial_reporter, office):
    task = measure_task(mini_plan, 3)
    report = services.progress_report_submit(
        actor=judicial_reporter, task=task, text="进展", percent_done=10, today=TODAY
    )
    with pytest.raises(ApplicationError, match="原因"):
        services.progress_report_return(actor=office, report=report, comment=" ")
    services.progress_report_return(
        actor=office, report=report, comment="请补充佐证材料", today=TODAY
    )
    report.refresh_from_db()
    assert (report.status, report.review_comment) == (ReportStatus.RETURNED, "请补充佐证材料")
    with pytest.raises(ApplicationError, match="已退回"):
        services.progress_report_accept(actor=office, report=report)
    task.refresh_from_db()
    assert task.percent_done == 0 and task.last_reported_on is None


def test_invalid_reports_write_nothing(mini_plan, judicial_reporter):
    task = measure_task(mini_plan, 3)
    for kwargs in (
        {"text": "", "percent_done": 10},
        {"text": "x", "percent_done": 101},
        {"text": "x", "percent_done": 10, "target_values": {"999999": "1"}},
    ):
        with pytest.raises(ApplicationError):
            services.progress_report_submit(
                actor=judicial_reporter, task=task, today=TODAY, **kwargs
            )
    assert ProgressReport.objects.count() == 0


def test_evidence_files_are_stored(mini_plan, judicial_reporter, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile(
        "培训签到表.pdf", b"%PDF-1.4 evidence", content_type="application/pdf"
    )
    report = services.progress_report_submit(
        actor=judicial_reporter,
        task=measure_task(mini_plan, 3),
        text="已培训",
        percent_done=10,
        files=[upload],
        today=TODAY,
    )
    evidence = report.evidence.get()
    assert evidence.name == "培训签到表.pdf" and evidence.size == 17
    assert evidence.file.read() == b"%PDF-1.4 evidence"


def test_supervision_notice_numbering_and_working_day_reply_deadline(
    mini_plan, office, judicial_reporter, market_reporter
):
    task = measure_task(mini_plan, 1)
    with pytest.raises(ApplicationError, match="已逾期"):
        services.supervision_notice_issue(
            actor=office, task=task, unit=unit("天镇县司法局"), request="请说明", today=TODAY
        )
    assert SupervisionNotice.objects.count() == 0
    # 2026-09-28 (Monday) + 5 working days crosses the National Day holiday (1–7 Oct, 10 Oct worked)
    issued = dt.date(2026, 9, 28)
    first = services.supervision_notice_issue(
        actor=office, task=task, unit=unit("天镇县司法局"), request="请说明逾期原因", today=issued
    )
    second = services.supervision_notice_issue(
        actor=office, task=task, unit=unit("天镇县人民政府办公室"), request="请说明", today=issued
    )
    assert (first.number, second.number) == ("天法督〔2026〕1号", "天法督〔2026〕2号")
    from fazhi.core.holidays import deadline

    assert first.reply_due_on == deadline(issued, 5, working=True).date
    assert first.reply_due_on > dt.date(2026, 10, 3)
    with pytest.raises(NotFound):  # another unit's notice: missing, not merely forbidden
        services.supervision_notice_reply(actor=market_reporter, notice=first, reply="不是我们")
    services.supervision_notice_reply(
        actor=judicial_reporter, notice=first, reply="已整改", today=dt.date(2026, 9, 30)
    )
    first.refresh_from_db()
    assert first.status == NoticeStatus.ANSWERED and first.replied_on == dt.date(2026, 9, 30)
    with pytest.raises(ApplicationError, match="已回复"):
        services.supervision_notice_reply(actor=judicial_reporter, notice=first, reply="再次回复")
    assert list(selectors.notice_list(user=office, params={"status": NoticeStatus.ISSUED})) == [
        second
    ]
    assert list(selectors.notice_list(user=judicial_reporter)) == [first]


def test_notice_prefix_and_period_are_configuration(mini_plan, office):
    """The prefix is the region's (admin); the reply period is `plans.notice_reply` in core's
    registry, the region's own value before the national one."""
    from fazhi.core import services as core_services
    from fazhi.core.actors import SYSTEM
    from fazhi.core.models import StatutoryPeriod

    NoticePrefix.objects.create(region=mini_plan.region, prefix="大法督")
    national = StatutoryPeriod.objects.get(key="plans.notice_reply", region__isnull=True)
    core_services.period_set_for_region(
        actor=SYSTEM, period_id=national.pk, region=mini_plan.region, value=3, note="本县督办办法"
    )
    notice = services.supervision_notice_issue(
        actor=office,
        task=measure_task(mini_plan, 1),
        unit=unit("天镇县司法局"),
        request="请说明",
        today=dt.date(2026, 6, 10),
    )
    assert notice.number == "大法督〔2026〕1号"
    assert notice.reply_due_on == dt.date(2026, 6, 15)  # Wed + 3 working days, over a weekend
    national.refresh_from_db()
    assert (national.value, national.unit) == (5, "working_day")


def test_reminder_goes_to_lead_units(mini_plan, office, judicial_reporter):
    reminders = services.reminder_send(
        actor=office, task=measure_task(mini_plan, 1), message="请抓紧", today=TODAY
    )
    assert {r.unit.name for r in reminders} == {"天镇县司法局", "天镇县人民政府办公室"}
    with pytest.raises(PermissionDenied):
        services.reminder_send(
            actor=judicial_reporter, task=measure_task(mini_plan, 1), message="x"
        )
    assert Reminder.objects.count() == 2


def test_second_editor_is_told_and_nothing_is_lost(mini_plan, office, make_user):
    other = make_user(Role.SUPERVISOR)
    task = measure_task(mini_plan, 2)
    version = task.version
    services.task_update(
        actor=office, task=task, version=version, text=task.text, note="第一人备注"
    )
    with pytest.raises(Conflict, match="他人修改"):
        services.task_update(
            actor=other, task=task, version=version, text="覆盖内容", note="第二人备注"
        )
    task.refresh_from_db()
    assert task.note == "第一人备注" and task.text != "覆盖内容" and task.version == version + 1


def test_target_update_with_version_and_indicator(mini_plan, office, monkeypatch):
    from fazhi.plans import indicators

    target = Target.objects.get(task__measure__plan=mini_plan)
    monkeypatch.setattr(
        indicators,
        "registry",
        lambda: {
            "disputes.head_rate": indicators.Indicator("负责人出庭应诉率", "%", lambda year: 87.5)
        },
    )
    monkeypatch.setattr(selectors, "registry", indicators.registry)
    services.target_update(
        actor=office,
        target=target,
        version=target.version,
        baseline="60",
        goal="95",
        indicator_key="disputes.head_rate",
    )
    target.refresh_from_db()
    (row,) = selectors.target_rows([target], region=None, today=TODAY)
    assert row["current"] == 87.5 and row["source"] == "负责人出庭应诉率" and row["ratio"] == 92.1
    with pytest.raises(Conflict):
        services.target_update(actor=office, target=target, version=1, goal="90")
    with pytest.raises(ApplicationError, match="指标不存在"):
        services.target_update(
            actor=office, target=target, version=target.version, indicator_key="nope"
        )


def test_evidence_of_an_unknown_type_is_refused_and_nothing_saved(
    mini_plan, judicial_reporter, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("脚本.exe", b"MZ...", content_type="application/octet-stream")
    with pytest.raises(ApplicationError, match="格式不支持"):
        services.progress_report_submit(
            actor=judicial_reporter,
            task=measure_task(mini_plan, 3),
            text="已培训",
            percent_done=10,
            files=[upload],
            today=TODAY,
        )
    assert ProgressReport.objects.count() == 0
