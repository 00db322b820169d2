"""`fazhi scheduler` (core.scheduler): the beat schedule without beat, with fixed clocks; each
occurrence claimed once in the database; a failing job recorded and the others still run."""

import datetime as dt
import logging
import os
import signal
import threading
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab
from django.core.management import call_command

from fazhi.core import scheduler
from fazhi.core.models import JobRun

TZ = ZoneInfo("Asia/Shanghai")  # settings.TIME_ZONE, the schedule's time zone


def at(day: int, hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, second, tzinfo=TZ)


JOBS = scheduler.jobs_from_settings()
ALERTS = next(job for job in JOBS if job.name == "notifications.deadline_alerts")
RETRY = next(job for job in JOBS if job.name == "notifications.retry")


class Runner:
    """Stands for `scheduler.run`: records the names run, raises for the ones told to fail."""

    def __init__(self, failing=()):
        self.ran: list[str] = []
        self.failing = set(failing)

    def __call__(self, name):
        self.ran.append(name)
        if name in self.failing:
            raise OSError(f"mail server of {name} unreachable")
        return {"sent": 3}


# The decision, from the settings' own schedule objects.


def test_the_jobs_are_the_beat_schedule():
    assert [job.name for job in JOBS] == [
        "notifications.retry",
        "disputes.apply_deadlines",
        "notifications.deadline_alerts",
        "notifications.digest",
        "core.audit_checkpoint",
        "core.retention_run",
    ]
    assert ALERTS.schedule == crontab(hour=7, minute=30)


def test_a_daily_job_is_not_due_before_its_time_and_due_from_it():
    yesterday = at(5, 7, 30, 2)
    assert not scheduler.is_due(ALERTS.schedule, yesterday, at(6, 7, 29, 59))
    assert scheduler.is_due(ALERTS.schedule, yesterday, at(6, 7, 30))
    assert scheduler.is_due(ALERTS.schedule, yesterday, at(6, 9, 15))
    # once run today, not again until tomorrow's 07:30
    assert not scheduler.is_due(ALERTS.schedule, at(6, 7, 30, 1), at(6, 23, 59))
    assert scheduler.seconds_until(ALERTS.schedule, at(6, 7, 30, 1), at(6, 23, 30)) == 8 * 3600


def test_the_every_ten_minutes_job():
    last = at(6, 9, 0, 3)
    assert not scheduler.is_due(RETRY.schedule, last, at(6, 9, 9, 59))
    assert scheduler.is_due(RETRY.schedule, last, at(6, 9, 10))
    assert scheduler.seconds_until(RETRY.schedule, last, at(6, 9, 9, 30)) == 30
    runs = {job.name: at(6, 9, 0, 3) for job in JOBS}
    assert scheduler.due(JOBS, runs, at(6, 9, 10, 1)) == ["notifications.retry"]


def test_days_missed_make_each_job_due_once():
    """The machine was off from Monday's checkpoint to Thursday noon: every job is due, once."""
    runs = {job.name: at(2, 23, 50, 1) for job in JOBS}
    assert scheduler.due(JOBS, runs, at(5, 12, 0)) == [job.name for job in JOBS]
    after = {name: at(5, 12, 0) for name in runs}
    assert scheduler.due(JOBS, after, at(5, 12, 0, 30)) == []
    assert scheduler.due(JOBS, after, at(5, 23, 50)) == [
        "notifications.retry",
        "core.audit_checkpoint",
    ]


def test_a_job_without_a_last_run_is_seen_first_now():
    assert scheduler.due(JOBS, {}, at(6, 7, 30)) == []


def test_the_pause_lasts_until_the_next_job_within_a_minute():
    runs = {job.name: at(6, 7, 30, 0) for job in JOBS}
    assert scheduler.pause(JOBS, runs, at(6, 7, 39, 35)) == 25  # the retry at 07:40
    assert scheduler.pause(JOBS, runs, at(6, 7, 31)) == scheduler.MAX_PAUSE
    assert scheduler.pause(JOBS, {"notifications.retry": at(6, 7, 20)}, at(6, 7, 31)) == (
        scheduler.MIN_PAUSE  # overdue: look again at once, never a busy loop
    )
    almost = at(6, 7, 29, 59) + dt.timedelta(microseconds=600000)  # 0.4 s before 07:30
    assert scheduler.pause([ALERTS], {ALERTS.name: at(5, 7, 30, 5)}, almost) == 1


# The rows: the claim, the record.


def test_a_job_seen_first_gets_a_row_that_starts_from_now(db):
    runs = scheduler.last_runs(JOBS, at(6, 15, 0))
    assert runs == {job.name: at(6, 15, 0) for job in JOBS}
    assert JobRun.objects.filter(runs=0).count() == len(JOBS)
    runner = Runner()
    scheduler.tick(JOBS, at(6, 15, 0, 5), runner=runner)
    assert runner.ran == []  # nothing is run for a time it was not there to see


def test_a_second_claim_of_the_same_occurrence_loses(db):
    seen = at(5, 7, 30, 1)
    JobRun.objects.create(name=ALERTS.name, last_run_at=seen)
    assert scheduler.claim(ALERTS.name, seen, at(6, 7, 30, 0))
    assert not scheduler.claim(ALERTS.name, seen, at(6, 7, 30, 1))
    row = JobRun.objects.get(name=ALERTS.name)
    assert (row.last_run_at, row.runs) == (at(6, 7, 30, 0), 1)


def test_two_schedulers_that_read_the_same_row_run_the_occurrence_once(db):
    JobRun.objects.create(name=ALERTS.name, last_run_at=at(5, 7, 30, 1))
    first, second = Runner(), Runner()
    # both read the row before either claims
    seen_by_first = scheduler.last_runs([ALERTS], at(6, 7, 30))
    seen_by_second = scheduler.last_runs([ALERTS], at(6, 7, 30))
    for runner, seen in ((first, seen_by_first), (second, seen_by_second)):
        if scheduler.claim(ALERTS.name, seen[ALERTS.name], at(6, 7, 30)):
            scheduler.run_recorded(ALERTS.name, runner)
    assert (first.ran, second.ran) == ([ALERTS.name], [])
    # and a scheduler that reads after the claim finds nothing due
    later = Runner()
    scheduler.tick([ALERTS], at(6, 7, 30, 2), runner=later)
    assert later.ran == []
    assert JobRun.objects.get(name=ALERTS.name).runs == 1


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_on_their_own_connections_run_it_once():
    from django.db import connection

    JobRun.objects.create(name=ALERTS.name, last_run_at=at(5, 7, 30, 1))
    both_read = threading.Barrier(2, timeout=10)
    runners = [Runner(), Runner()]

    def one_scheduler(runner):
        try:
            seen = scheduler.last_runs([ALERTS], at(6, 7, 30))[ALERTS.name]
            both_read.wait()
            if scheduler.claim(ALERTS.name, seen, at(6, 7, 30)):
                runner(ALERTS.name)
        finally:
            connection.close()

    threads = [threading.Thread(target=one_scheduler, args=(r,)) for r in runners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert sorted(len(r.ran) for r in runners) == [0, 1]
    assert JobRun.objects.get(name=ALERTS.name).runs == 1


def test_a_failing_job_is_recorded_and_the_next_job_still_runs(db, caplog):
    for job in JOBS:
        JobRun.objects.create(name=job.name, last_run_at=at(5, 7, 30, 1))
    runner = Runner(failing={"notifications.deadline_alerts"})
    with caplog.at_level(logging.INFO, logger="fazhi.core.scheduler"):
        scheduler.tick(JOBS, at(6, 9, 0), runner=runner)
    assert runner.ran == [job.name for job in JOBS]
    failed = JobRun.objects.get(name="notifications.deadline_alerts")
    assert failed.last_error == "OSError: mail server of notifications.deadline_alerts unreachable"
    assert (failed.last_result, failed.runs, failed.last_run_at) == ("", 1, at(6, 9, 0))
    digest = JobRun.objects.get(name="notifications.digest")
    assert (digest.last_result, digest.last_error, digest.runs) == ('{"sent": 3}', "", 1)
    assert digest.finished_at >= digest.last_run_at
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.getMessage() for r in errors] == ["notifications.deadline_alerts: failed"]
    assert errors[0].exc_info[0] is OSError
    # the failed occurrence is not run again at the next look; tomorrow's is
    runner.ran.clear()
    scheduler.tick(JOBS, at(6, 9, 1), runner=runner)
    assert runner.ran == []
    mended = Runner()
    scheduler.tick(JOBS, at(7, 7, 30), runner=mended)
    assert "notifications.deadline_alerts" in mended.ran
    failed.refresh_from_db()
    assert (failed.last_error, failed.runs) == ("", 2)  # the last run succeeded


def test_the_real_runner_runs_the_celery_task(db):
    JobRun.objects.create(name=RETRY.name, last_run_at=at(6, 9, 0, 3))
    scheduler.tick([RETRY], at(6, 9, 10))
    row = JobRun.objects.get(name=RETRY.name)
    assert (row.runs, row.last_result, row.last_error) == (1, "0", "")  # nothing to retry


# The loop and the command.


@pytest.mark.django_db(transaction=True)
def test_the_loop_sleeps_between_looks_and_stops_when_told(caplog):
    """Three looks with a clock moved by each sleep: the overdue retry runs at once, a failure
    is only logged, and the loop ends when the event is set (as SIGTERM does)."""
    JobRun.objects.create(name=RETRY.name, last_run_at=at(6, 8, 50, 0))
    JobRun.objects.create(name=ALERTS.name, last_run_at=at(5, 7, 30, 0))
    now = [at(6, 9, 5)]
    stop = threading.Event()
    slept = []

    def wait(seconds):
        slept.append(seconds)
        now[0] += dt.timedelta(seconds=seconds)
        if len(slept) == 3:
            stop.set()

    runner = Runner(failing={ALERTS.name})
    with caplog.at_level(logging.INFO, logger="fazhi.core.scheduler"):
        scheduler.loop([RETRY, ALERTS], stop, clock=lambda: now[0], runner=runner, wait=wait)
    assert runner.ran == [RETRY.name, ALERTS.name]
    assert slept == [
        60,
        60,
        60,
    ]  # each look is followed by the longest pause (the next retry at 09:10)
    assert JobRun.objects.get(name=RETRY.name).runs == 1
    assert "OSError" in JobRun.objects.get(name=ALERTS.name).last_error


@pytest.mark.django_db(transaction=True)
def test_the_loop_survives_the_database_being_away(monkeypatch, caplog):
    stop = threading.Event()
    slept = []
    calls = iter([RuntimeError("database is locked"), None])

    def flaky_tick(jobs, now, **kwargs):
        failure = next(calls)
        if failure:
            raise failure
        stop.set()
        return {}

    monkeypatch.setattr(scheduler, "tick", flaky_tick)
    scheduler.loop(JOBS, stop, wait=slept.append)
    assert slept == [scheduler.MAX_PAUSE]
    assert "could not read or claim" in caplog.text


@pytest.fixture
def signal_handlers():
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


@pytest.fixture
def scheduler_log_level():
    log = logging.getLogger("fazhi.core.scheduler")
    level = log.level
    yield
    log.setLevel(level)  # the command sets it for its process


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_command_stops_its_loop_on_sigterm_and_sigint(
    signum, monkeypatch, signal_handlers, scheduler_log_level
):
    seen = {}

    def loop(jobs, stop):
        os.kill(os.getpid(), signum)
        seen["stopped"] = stop.wait(5)
        seen["jobs"] = [job.name for job in jobs]

    monkeypatch.setattr(scheduler, "loop", loop)
    call_command("scheduler")
    assert seen == {"stopped": True, "jobs": [job.name for job in JOBS]}


# `fazhi job`: the same run, recorded; `fazhi job --runs` shows the rows.


def test_fazhi_job_records_its_run_and_the_runs_view_shows_it(db, monkeypatch):
    JobRun.objects.create(name="core.audit_checkpoint", last_run_at=at(6, 9, 0))
    call_command("job", "notifications.retry", stdout=StringIO())
    row = JobRun.objects.get(name="notifications.retry")
    assert (row.runs, row.last_result, row.last_error) == (1, "0", "")

    def broken(name):
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        scheduler.started("core.retention_run", at(6, 2, 30))
        scheduler.run_recorded("core.retention_run", broken)
    out = StringIO()
    call_command("job", "--runs", stdout=out)
    lines = out.getvalue().splitlines()
    retry = lines.index("notifications.retry  (*/10 * * * *)")
    assert lines[retry + 1].startswith("    上次开始 ")
    assert ";成功(" in lines[retry + 1] and lines[retry + 1].endswith("):0")
    retention = lines.index("core.retention_run  (30 2 * * *)")
    assert lines[retention + 1].startswith("    上次开始 2026-03-06 02:30:00,共 1 次;失败(")
    assert lines[retention + 1].endswith("):OSError: disk full")
    checkpoint = lines.index("core.audit_checkpoint  (50 23 * * *)")
    assert lines[checkpoint + 1] == "    从未运行,调度器自 2026-03-06 09:00:00 起计时"
    digest = lines.index("notifications.digest  (0 8 * * *)")
    assert lines[digest + 1] == "    从未运行"
