"""`fazhi job NAME`: one scheduled job, run now in this process.

Production runs the schedule with Celery beat (settings.CELERY_BEAT_SCHEDULE); the embedded
default (no Redis) runs it with `fazhi scheduler`, which `fazhi serve` starts. An installation
that prefers cron (`fazhi serve --no-scheduler`) runs the same jobs from it, e.g.
`30 7 * * * fazhi job notifications.deadline_alerts`: `fazhi job` alone lists them with their
times, `fazhi job --runs` shows each job's last run (core.JobRun), however it was started."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core import scheduler


class Command(BaseCommand):
    help = (
        "运行一项定时任务(用 cron 而不用 fazhi serve 调度器的安装由 cron 调用);"
        "不带参数则列出全部定时任务,--runs 显示各任务上次运行的时间与结果"
    )

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="任务名,如 notifications.deadline_alerts")
        parser.add_argument(
            "--runs", action="store_true", help="显示各任务上次运行的时间、结果或错误"
        )

    def handle(self, name=None, runs=False, **options):
        jobs = {job.name: job.schedule for job in scheduler.jobs_from_settings()}
        if runs:
            self._runs(jobs)
            return
        if not name:
            # as crontab lines, ready to be copied (the times are the installation's time zone)
            for task, schedule in sorted(jobs.items()):
                self.stdout.write(f"{_cron(schedule)} fazhi job {task}")
            self.stdout.write("# 各任务上次运行: fazhi job --runs")
            return
        if name not in jobs:
            raise CommandError(f"没有定时任务“{name}”;可运行:{'、'.join(sorted(jobs))}")
        scheduler.started(name, timezone.now())
        result = scheduler.run_recorded(name)
        self.stdout.write(f"{name}: {result}")

    def _runs(self, jobs: dict) -> None:
        from fazhi.core.models import JobRun

        rows = {row.name: row for row in JobRun.objects.filter(name__in=jobs)}
        for task, schedule in sorted(jobs.items()):
            self.stdout.write(f"{task}  ({_cron(schedule)})")
            self.stdout.write(f"    {_last_run(rows.get(task))}")


def _last_run(row) -> str:
    if row is None or not row.runs:
        since = f",调度器自 {_time(row.last_run_at)} 起计时" if row else ""
        return f"从未运行{since}"
    when = f"上次开始 {_time(row.last_run_at)},共 {row.runs} 次"
    if row.finished_at is None or row.finished_at < row.last_run_at:
        return f"{when};运行中或已中断"
    if row.last_error:
        return f"{when};失败({_time(row.finished_at)}):{row.last_error}"
    return f"{when};成功({_time(row.finished_at)}):{row.last_result}"


def _time(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M:%S}"


def _cron(schedule) -> str:
    fields = ("minute", "hour", "day_of_month", "month_of_year", "day_of_week")
    return " ".join(str(getattr(schedule, f"_orig_{f}", "*")) for f in fields)
