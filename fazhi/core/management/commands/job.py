"""`fazhi job NAME`: one scheduled job, run now in this process.

Production runs the schedule with Celery beat (settings.CELERY_BEAT_SCHEDULE). An installation
without Redis and beat (the embedded default) runs the same jobs from cron, e.g.
`30 7 * * * fazhi job notifications.deadline_alerts`; `fazhi job` alone lists them with their
times."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "运行一项定时任务(没有 Redis 与 Celery beat 的安装由 cron 调用);不带参数则列出全部定时任务"
    )

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="任务名,如 notifications.deadline_alerts")

    def handle(self, name=None, **options):
        from fazhi.celery import app

        jobs = {
            entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
        }
        if not name:
            # as crontab lines, ready to be copied (the times are the installation's time zone)
            for task, schedule in sorted(jobs.items()):
                self.stdout.write(f"{_cron(schedule)} fazhi job {task}")
            return
        if name not in jobs:
            raise CommandError(f"没有定时任务“{name}”;可运行:{'、'.join(sorted(jobs))}")
        app.loader.import_default_modules()
        result = app.tasks[name].apply().get()
        self.stdout.write(f"{name}: {result}")


def _cron(schedule) -> str:
    fields = ("minute", "hour", "day_of_month", "month_of_year", "day_of_week")
    return " ".join(str(getattr(schedule, f"_orig_{f}", "*")) for f in fields)
