"""`fazhi serve` starts the scheduler beside gunicorn on the embedded default only, passes the
signals on and leaves no child behind (fake children, then real ones standing for gunicorn)."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from django.core.management import call_command

from fazhi.core.management.commands import serve


@pytest.fixture(autouse=True)
def signal_handlers():
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


class Child:
    """A started process as Popen shows it: `wait` times out `runs` times, then it has exited
    with `status`; SIGTERM and SIGINT end it at once unless it is `stubborn`."""

    def __init__(self, argv, env, events, runs=2, status=0, stubborn=False):
        self.argv, self.env, self.events = argv, env, events
        self.name = "web" if "gunicorn" in argv else "scheduler"
        self.runs, self.status, self.stubborn = runs, status, stubborn
        self.returncode = None
        self.signals: list[int] = []

    def poll(self):
        if self.returncode is None and self.runs <= 0:
            self.returncode = self.status
            self.events.append((self.name, "exited"))
        return self.returncode

    def wait(self, timeout=None):
        if self.poll() is None:
            self.runs -= 1
            raise subprocess.TimeoutExpired(self.argv, timeout)
        return self.returncode

    def send_signal(self, signum):
        if self.poll() is None:
            self.signals.append(signum)
            self.events.append((self.name, signal.Signals(signum).name))
            if signum in (signal.SIGTERM, signal.SIGINT) and not self.stubborn:
                self.runs = 0

    def kill(self):
        self.signals.append(signal.SIGKILL)
        self.runs, self.status = 0, -signal.SIGKILL


class Popen:
    def __init__(self, **children):
        self.started: list[Child] = []
        self.events: list[tuple[str, str]] = []  # what happened to which child, in order
        self.options = children  # keyword arguments of each Child, by "web" or "scheduler"

    def __call__(self, argv, env, preexec_fn):
        kind = "web" if "gunicorn" in argv else "scheduler"
        child = Child(argv, env, self.events, **self.options.get(kind, {}))
        self.started.append(child)
        return child


def test_serve_starts_the_scheduler_then_gunicorn_on_the_embedded_default(settings, monkeypatch):
    settings.REDIS_URL = ""
    calls = []
    monkeypatch.setattr(
        serve, "supervise", lambda web, sched, **kw: calls.append((web, sched)) or 0
    )
    call_command("serve", "--bind", "127.0.0.1:8131", "--workers", "3")
    [(web, sched)] = calls
    assert sched == [sys.executable, "-m", "fazhi.cli", "scheduler"]
    assert web[:4] == [sys.executable, "-m", "gunicorn", "fazhi.wsgi:application"]
    assert web[web.index("--bind") + 1] == "127.0.0.1:8131"
    assert web[web.index("--workers") + 1] == "3"


@pytest.mark.parametrize(
    ("redis", "flag", "said"),
    [
        (
            "redis://127.0.0.1:6379/0",
            [],
            "已设置 FAZHI_REDIS_URL:定时任务由 Celery beat 运行,不启动调度器",
        ),
        ("", ["--no-scheduler"], "--no-scheduler:不启动调度器,定时任务须由 cron(fazhi job)运行"),
    ],
)
def test_no_scheduler_with_redis_or_when_told(redis, flag, said, settings, monkeypatch, capsys):
    settings.REDIS_URL = redis
    calls = []
    monkeypatch.setattr(serve, "supervise", lambda web, sched, **kw: calls.append(sched) or 0)
    call_command("serve", *flag)
    assert calls == [None]
    assert capsys.readouterr().out.splitlines() == [said]


def test_serve_exits_with_gunicorns_status(settings, monkeypatch):
    settings.REDIS_URL = ""
    monkeypatch.setattr(serve, "supervise", lambda web, sched, **kw: 3)  # e.g. the port is taken
    with pytest.raises(SystemExit) as exited:
        call_command("serve")
    assert exited.value.code == 3


def test_the_children_their_environments_and_the_scheduler_stopped_after_gunicorn():
    popen = Popen(web={"runs": 2, "status": 0}, scheduler={"runs": 99, "stubborn": True})
    environ = {"PATH": "/usr/bin", "FAZHI_BACKGROUND_IN_THREAD": "1"}
    status = serve.supervise(
        ["gunicorn"], ["scheduler"], environ=environ, popen=popen, poll_every=0
    )
    scheduler, web = popen.started
    assert (scheduler.argv, web.argv) == (["scheduler"], ["gunicorn"])
    # web processes send mail from a thread after the request; the scheduler runs it inline
    assert web.env == {"PATH": "/usr/bin", "FAZHI_BACKGROUND_IN_THREAD": "1"}
    assert scheduler.env == {"PATH": "/usr/bin"}
    assert status == 0
    assert scheduler.signals == [signal.SIGTERM, signal.SIGKILL]  # did not stop within the grace
    assert web.signals == []


def test_sigterm_is_passed_to_both_and_sighup_to_gunicorn_only():
    popen = Popen(web={"runs": 3}, scheduler={"runs": 1})

    def signalled_wait(child, wait):
        def inner(timeout=None):
            if child.runs == 3:
                os.kill(os.getpid(), signal.SIGHUP)
            elif child.runs == 2:
                os.kill(os.getpid(), signal.SIGTERM)
            return wait(timeout)

        return inner

    def started(argv, env, preexec_fn):
        child = popen(argv, env, preexec_fn)
        if child.argv == ["gunicorn"]:
            child.wait = signalled_wait(child, child.wait)
        return child

    serve.supervise(["gunicorn"], ["scheduler"], environ={}, popen=started, poll_every=0)
    scheduler, web = popen.started
    assert web.signals == [signal.SIGHUP, signal.SIGTERM]
    assert scheduler.signals == [signal.SIGTERM]
    # the scheduler is told at once, not only after gunicorn has gone
    assert popen.events == [
        ("web", "SIGHUP"),
        ("web", "SIGTERM"),
        ("scheduler", "SIGTERM"),
        ("web", "exited"),
        ("scheduler", "exited"),
    ]


def test_a_scheduler_already_told_to_stop_is_not_told_twice():
    """After a forwarded SIGTERM the scheduler gets the grace and then SIGKILL, never a second
    SIGTERM (which could reach its interpreter mid-exit, with no handler left)."""
    popen = Popen(web={"runs": 3}, scheduler={"runs": 99, "stubborn": True})

    def started(argv, env, preexec_fn):
        child = popen(argv, env, preexec_fn)
        if child.argv == ["gunicorn"]:
            wait = child.wait

            def signalled(timeout=None):
                if child.runs == 2:
                    os.kill(os.getpid(), signal.SIGTERM)
                return wait(timeout)

            child.wait = signalled
        return child

    serve.supervise(
        ["gunicorn"], ["scheduler"], environ={}, popen=started, poll_every=0, stop_grace=0
    )
    scheduler, _web = popen.started
    assert scheduler.signals == [signal.SIGTERM, signal.SIGKILL]


def test_a_scheduler_that_died_is_started_again():
    said = []
    popen = Popen(web={"runs": 6}, scheduler={"runs": 0, "status": 2})
    serve.supervise(
        ["gunicorn"], ["scheduler"], environ={}, popen=popen, say=said.append, poll_every=0,
        restart_pause=0,
    )  # fmt: skip
    kinds = ["web" if c.argv == ["gunicorn"] else "scheduler" for c in popen.started]
    assert kinds[:3] == ["scheduler", "web", "scheduler"]
    assert said[0] == "调度器意外退出(退出码 2),0 秒后重新启动"


def test_real_children_are_signalled_and_gone_when_serve_is_stopped(tmp_path):
    """Two real processes in gunicorn's and the scheduler's places: SIGTERM to this process
    reaches both, both exit, and the status is gunicorn's."""
    child = (
        "import signal, sys, time\n"
        "signal.signal(signal.SIGTERM, lambda *a: (open(sys.argv[1], 'w').write('TERM'), sys.exit(0)))\n"
        "open(sys.argv[1] + '.up', 'w').close()\n"
        "time.sleep(60)\n"
    )
    web_mark, sched_mark = tmp_path / "web", tmp_path / "scheduler"
    web = [sys.executable, "-c", child, str(web_mark)]
    sched = [sys.executable, "-c", child, str(sched_mark)]
    started = []

    def popen(argv, **kwargs):
        process = subprocess.Popen(argv, **kwargs)  # noqa: S603 - the interpreter, fixed argv
        started.append(process)
        return process

    def stop_when_both_are_up():
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if all((tmp_path / f"{name}.up").exists() for name in ("web", "scheduler")):
                break
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=stop_when_both_are_up, daemon=True).start()
    status = serve.supervise(web, sched, environ=dict(os.environ), popen=popen, poll_every=0.05)
    assert status == 0
    assert web_mark.read_text() == "TERM" and sched_mark.read_text() == "TERM"
    assert [p.poll() for p in started] == [0, 0]


def test_the_scheduler_argv_is_the_fazhi_console_script():
    """`python -m fazhi.cli` is what the `fazhi` script runs (pyproject: fazhi.cli:main)."""
    result = subprocess.run(  # noqa: S603 - the interpreter, fixed argv
        [*serve.scheduler_argv()[:-1], "help", "scheduler"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "fazhi.settings"},
    )
    assert result.returncode == 0, result.stderr
    assert "按时运行全部定时任务" in result.stdout
