"""`fazhi serve`: gunicorn, and on the embedded default (no FAZHI_REDIS_URL, so no Celery beat)
the scheduler beside it (`fazhi scheduler`), each a child process of this one.

The scheduler is a process of its own, never a thread of gunicorn's workers (each worker would
run the schedule) nor of its master (forked into every worker). SIGTERM and SIGINT are passed
to both children, SIGHUP to gunicorn (it reloads its workers); when gunicorn exits, the
scheduler is stopped and this command exits with gunicorn's status. A scheduler that dies is
started again after a pause. On Linux each child is also told to stop if this process dies
without passing the signal on (PR_SET_PDEATHSIG), so no orphan keeps the port or the schedule."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

# How long the scheduler may take to finish the job it is running once told to stop.
STOP_GRACE = 30.0
# After the scheduler died on its own: wait this long before starting it again.
RESTART_PAUSE = 60.0


def gunicorn_argv(bind: str, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "fazhi.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        "4",
        "--timeout",
        "120",
        "--access-logfile",
        "-",
    ]


def scheduler_argv() -> list[str]:
    """The `fazhi` console script's own entry point (pyproject: fazhi = "fazhi.cli:main")."""
    return [sys.executable, "-m", "fazhi.cli", "scheduler"]


def web_environment(environ) -> dict:
    # Background work runs in a thread of a web process (core.background), never of a process
    # that may stop at any moment between two jobs: the scheduler runs it inline.
    return {**environ, "FAZHI_BACKGROUND_IN_THREAD": "1"}


def scheduler_environment(environ) -> dict:
    return {k: v for k, v in environ.items() if k != "FAZHI_BACKGROUND_IN_THREAD"}


def _die_with_parent():
    """preexec_fn for the children: SIGTERM when this process dies (Linux), else nothing."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)  # loaded before the fork, called after it
    parent = os.getpid()

    def preexec():
        libc.prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return preexec


def supervise(
    web_argv: list[str],
    scheduler_argv: list[str] | None,
    *,
    environ=None,
    popen=subprocess.Popen,
    say=print,
    stop_grace: float = STOP_GRACE,
    restart_pause: float = RESTART_PAUSE,
    poll_every: float = 1.0,
) -> int:
    """Start the scheduler (when `scheduler_argv`) and gunicorn, pass signals on, wait for
    gunicorn; return its exit status once the scheduler is stopped as well."""
    environ = os.environ if environ is None else environ
    preexec = _die_with_parent()
    stopping = False

    def start_scheduler():
        return popen(scheduler_argv, env=scheduler_environment(environ), preexec_fn=preexec)

    scheduler = start_scheduler() if scheduler_argv else None
    web = popen(web_argv, env=web_environment(environ), preexec_fn=preexec)

    def forward(signum, frame):
        nonlocal stopping
        if signum == signal.SIGHUP:
            _signal(web, signum)
            return
        stopping = True
        _signal(web, signum)
        _signal(scheduler, signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, forward)

    restart_at = None
    while True:
        try:
            status = web.wait(timeout=poll_every)
            break
        except subprocess.TimeoutExpired:
            pass
        if stopping or scheduler is None:
            continue
        if restart_at is None and scheduler.poll() is not None:
            say(f"调度器意外退出(退出码 {scheduler.returncode}),{restart_pause:.0f} 秒后重新启动")
            restart_at = time.monotonic() + restart_pause
        elif restart_at is not None and time.monotonic() >= restart_at:
            scheduler, restart_at = start_scheduler(), None
    # Once a signal was passed on, the scheduler has it: a second SIGTERM could reach it while
    # its interpreter shuts down, with no handler left, and kill it mid-exit.
    _stop(scheduler, stop_grace, signalled=stopping)
    return status if status >= 0 else 128 - status  # killed by a signal: the shell's number


def _signal(process, signum) -> None:
    if process is not None:
        process.send_signal(signum)  # nothing once it has exited (Popen polls first)


def _stop(process, grace: float, *, signalled: bool = False) -> None:
    if process is None or process.poll() is not None:
        return
    if not signalled:
        _signal(process, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Command(BaseCommand):
    help = "用 gunicorn 启动网站(默认 127.0.0.1:8000);未设 FAZHI_REDIS_URL 时同时启动定时任务调度器"

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("FAZHI_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("FAZHI_WORKERS", "2"))
        )
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="不启动定时任务调度器(定时任务由 cron 的 fazhi job 或 Celery beat 运行)",
        )

    def handle(self, bind, workers, no_scheduler=False, **options):
        scheduler = None
        if settings.REDIS_URL:
            self.stdout.write("已设置 FAZHI_REDIS_URL:定时任务由 Celery beat 运行,不启动调度器")
        elif no_scheduler:
            self.stdout.write("--no-scheduler:不启动调度器,定时任务须由 cron(fazhi job)运行")
        else:
            scheduler = scheduler_argv()
        self.stdout.flush()
        status = supervise(gunicorn_argv(bind, workers), scheduler, say=self.stderr.write)
        if status:
            sys.exit(status)
