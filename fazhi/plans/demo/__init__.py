"""Demo data: the bundled Tianzhen plan (天发〔2022〕42号) and a few months of supervision."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from fazhi.core import dates
from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role
from fazhi.core.models import OrgUnit, User
from fazhi.plans.parsing import DEMO_PLAN_TXT

from .. import services
from ..choices import OwnerRole
from ..models import Plan, ProgressReport, Target, Task, TaskOwner

SUPERVISOR = "zhang.supervisor"
SEED_NUMBER = "天发〔2022〕42号"
DONE_TEXT = "已按方案要求完成,相关制度文件已印发并报送依法治县办备案。"
PARTIAL_TEXT = "已制定工作方案并召开专题会议部署,正在逐项推进,部分工作尚未完成。"
RETURN_TEXT = "已开展相关工作。"


def _reporter(unit: OrgUnit) -> User:
    """The unit's reporter; units without a demo account get one that cannot sign in."""
    user = next((u for u in User.objects.filter(unit=unit) if u.has_role(Role.REPORTER)), None)
    if user is None:
        user = User(
            username=f"reporter.{unit.pk}",
            full_name=f"{unit.name}填报员",
            unit=unit,
            roles=[Role.REPORTER.value],
        )
        user.set_unusable_password()
        user.save()
    return user


def _lead(task: Task) -> OrgUnit:
    owner = (
        TaskOwner.objects.filter(task=task, role__in=[OwnerRole.LEAD, OwnerRole.RESPONSIBLE])
        .select_related("unit")
        .order_by("role", "unit__name")
        .first()
    )
    return owner.unit


@transaction.atomic
def load(stdout) -> None:
    prepared = services.plan_import_prepare(
        actor=SYSTEM, data=DEMO_PLAN_TXT.read_bytes(), filename=DEMO_PLAN_TXT.name
    )
    if prepared.unchanged:
        plan = prepared.existing
        stdout.write(f"实施方案:{plan.doc_number} 已导入,无变化")
    else:
        plan = services.plan_import_apply(actor=SYSTEM, plan_import=prepared.plan_import)
        stdout.write(
            f"实施方案:{plan.doc_number} 导入 {Task.objects.filter(measure__plan=plan).count()} 项任务"
        )
    if ProgressReport.objects.filter(task__measure__plan=plan).exists():
        return
    _progress(plan, stdout)


def _progress(plan: Plan, stdout) -> None:
    # The demo office's account when core's demo made it; the system itself otherwise.
    supervisor = User.objects.filter(username=SUPERVISOR).first() or SYSTEM
    today = dates.today()
    rng = random.Random(2022)  # the same picture on every machine
    tasks = list(Task.objects.filter(measure__plan=plan).order_by("measure__position", "position"))
    counts = {"accepted": 0, "returned": 0, "submitted": 0, "notices": 0}
    overdue = []
    for index, task in enumerate(tasks):
        unit = _lead(task)
        author = _reporter(unit)
        day = today - dt.timedelta(days=rng.randint(20, 120))
        kind = index % 10
        if kind in (0, 1, 2, 3, 4, 5):
            for obligation in task.obligations.filter(done_on__isnull=True, due_on__lt=day)[:3]:
                report = services.progress_report_submit(
                    actor=author,
                    task=task,
                    text=f"{obligation.label}工作已完成。",
                    percent_done=50,
                    obligation=obligation,
                    completes_obligation=True,
                    today=obligation.due_on - dt.timedelta(days=3),
                )
                services.progress_report_accept(
                    actor=supervisor, report=report, today=obligation.due_on
                )
                counts["accepted"] += 1
            values = {str(t.pk): t.goal for t in task.targets.all() if t.goal is not None}
            report = services.progress_report_submit(
                actor=author,
                task=task,
                text=DONE_TEXT,
                percent_done=100,
                target_values=values,
                today=day,
            )
            services.progress_report_accept(
                actor=supervisor,
                report=report,
                comment="材料齐全,同意销号。",
                today=day + dt.timedelta(days=2),
            )
            counts["accepted"] += 1
        elif kind == 6:
            report = services.progress_report_submit(
                actor=author, task=task, text=PARTIAL_TEXT, percent_done=60, today=day
            )
            services.progress_report_accept(
                actor=supervisor, report=report, today=day + dt.timedelta(days=3)
            )
            counts["accepted"] += 1
            overdue.append((task, unit))
        elif kind == 7:
            report = services.progress_report_submit(
                actor=author, task=task, text=RETURN_TEXT, percent_done=80, today=day
            )
            services.progress_report_return(
                actor=supervisor,
                report=report,
                comment="进展过于笼统,请补充具体做法、数据和佐证材料。",
                today=day + dt.timedelta(days=2),
            )
            counts["returned"] += 1
            overdue.append((task, unit))
        elif kind == 8:
            services.progress_report_submit(
                actor=author,
                task=task,
                text=PARTIAL_TEXT,
                percent_done=70,
                today=today - dt.timedelta(days=3),
            )
            counts["submitted"] += 1
        else:
            overdue.append((task, unit))
    for n, (task, unit) in enumerate(overdue[:4]):
        issued = today - dt.timedelta(days=30 - 7 * n)
        services.reminder_send(
            actor=supervisor,
            task=task,
            message=f"请抓紧推进“{task.code}”任务,并于本周内填报进展。",
            today=issued - dt.timedelta(days=10),
        )
        notice = services.supervision_notice_issue(
            actor=supervisor,
            task=task,
            unit=unit,
            request=f"你单位牵头的“{task.code}”任务已逾期,请说明原因、提出整改措施和完成时限。",
            today=issued,
        )
        counts["notices"] += 1
        if n == 0:
            services.supervision_notice_reply(
                actor=_reporter(unit),
                notice=notice,
                reply="已成立专班推进,计划于年底前完成并报送佐证材料。",
                today=issued + dt.timedelta(days=3),
            )
    _link_indicators(plan, supervisor)
    stdout.write(
        f"进展示例:采纳 {counts['accepted']} 条,退回 {counts['returned']} 条,待审核 {counts['submitted']} 条,督办单 {counts['notices']} 件"
    )


def _link_indicators(plan: Plan, supervisor) -> None:
    """(十九)'s appearance-rate target reads the litigation data, when that app provides it."""
    from ..indicators import registry

    key = "disputes.head_appearance_rate"
    if key not in registry():
        return
    for target in Target.objects.filter(task__measure__plan=plan, text__contains="出庭应诉率"):
        services.target_link_indicator(actor=supervisor, target=target, indicator_key=key)
