"""`fazhi scheduler`: the beat schedule (settings.CELERY_BEAT_SCHEDULE) run in this process, each
job as `fazhi job NAME` runs it, until SIGTERM or SIGINT (`core.scheduler`).

`fazhi serve` starts it beside gunicorn on the embedded default; with Redis, Celery beat runs the
schedule instead. A second scheduler started by mistake runs nothing twice: each occurrence is
claimed in the database (`core.JobRun`)."""

import logging
import os
import signal
import threading

from django.core.management.base import BaseCommand

from fazhi.core import scheduler


class Command(BaseCommand):
    help = "按时运行全部定时任务(没有 Redis 与 Celery beat 的安装由 fazhi serve 启动),收到 SIGTERM 或 SIGINT 后停止"

    def handle(self, verbosity=1, **options):
        log = logging.getLogger(scheduler.__name__)
        if "FAZHI_LOG_LEVEL" not in os.environ and log.level == logging.NOTSET:
            # each run is one line of the server's output, unless the operator chose a level
            log.setLevel(logging.INFO if verbosity >= 1 else logging.WARNING)
        jobs = scheduler.jobs_from_settings()
        stop = threading.Event()

        def stopping(signum, frame):
            log.info("scheduler: %s received, stopping", signal.Signals(signum).name)
            stop.set()

        signal.signal(signal.SIGTERM, stopping)
        signal.signal(signal.SIGINT, stopping)
        log.info("scheduler: started (pid %s), %s jobs", os.getpid(), len(jobs))
        scheduler.loop(jobs, stop)
        log.info("scheduler: stopped")
