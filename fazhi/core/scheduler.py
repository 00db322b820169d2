"""The beat schedule run without Celery beat: what `fazhi scheduler` does (and `fazhi serve` starts
beside gunicorn on the embedded default, where there is no broker for beat).

The jobs are the entries of `settings.CELERY_BEAT_SCHEDULE`, and celery's own schedule objects
decide when one is due (`is_due`, `remaining_estimate`), so the two schedulers never disagree.
Each job's last run is a `core.JobRun` row. A scheduler claims an occurrence by moving the row's
`last_run_at` from the value it read to now in one conditional UPDATE: only one of two
schedulers started by mistake gets the row, so an occurrence runs once. As with beat's
persistent scheduler, a job seen for the first time starts from now (its first run is its next
occurrence), and occurrences missed while nothing ran (the machine was off at 07:30) make the job
due once, not once each.

    jobs = scheduler.jobs_from_settings()
    scheduler.due(jobs, last_runs, now)  # pure: the names due, in the schedule's order
    scheduler.pause(jobs, last_runs, now)  # pure: seconds to sleep before the next look
    scheduler.loop(jobs, stop)  # reads, claims, runs, records, sleeps until `stop` is set
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from celery.schedules import BaseSchedule, maybe_schedule
from django.conf import settings
from django.db import connections
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)

# The longest sleep: a look at the clock (and at the other scheduler's claims) at least once a
# minute, so a changed clock or a restored database is noticed within a minute.
MAX_PAUSE = 60.0
MIN_PAUSE = 1.0
# What is kept of a job's result and error on its row.
KEPT = 2000


@dataclass(frozen=True)
class Job:
    name: str  # the Celery task's name, e.g. notifications.deadline_alerts
    schedule: BaseSchedule


def jobs_from_settings(beat_schedule: Mapping | None = None) -> list[Job]:
    """The beat entries as jobs, in the settings' order; a task scheduled twice is refused (its
    JobRun row and `fazhi job NAME` are keyed by the task's name)."""
    entries = settings.CELERY_BEAT_SCHEDULE if beat_schedule is None else beat_schedule
    jobs: list[Job] = []
    for entry in entries.values():
        if any(job.name == entry["task"] for job in jobs):
            raise ValueError(f"task {entry['task']} is scheduled twice in CELERY_BEAT_SCHEDULE")
        jobs.append(Job(entry["task"], maybe_schedule(entry["schedule"])))
    return jobs


# The decision: pure functions of the schedule, the last runs and the time.


def at(schedule: BaseSchedule, now: dt.datetime) -> BaseSchedule:
    """A copy of `schedule` whose clock reads `now` (celery's `nowfun`), for the app's time zone."""
    from fazhi.celery import app

    clocked = copy.copy(schedule)
    clocked.nowfun = lambda: now
    clocked.app = app
    return clocked


def is_due(schedule: BaseSchedule, last_run_at: dt.datetime, now: dt.datetime) -> bool:
    return bool(at(schedule, now).is_due(last_run_at).is_due)


def seconds_until(schedule: BaseSchedule, last_run_at: dt.datetime, now: dt.datetime) -> float:
    """Seconds from `now` until the job is next due after `last_run_at` (0 if it is due now)."""
    return max(at(schedule, now).remaining_estimate(last_run_at).total_seconds(), 0.0)


def due(jobs: Iterable[Job], last_runs: Mapping[str, dt.datetime], now: dt.datetime) -> list[str]:
    """The names of the jobs due at `now`; a job without a last run is seen first now."""
    return [job.name for job in jobs if is_due(job.schedule, last_runs.get(job.name, now), now)]


def pause(jobs: Iterable[Job], last_runs: Mapping[str, dt.datetime], now: dt.datetime) -> float:
    """How long to sleep: until the next job is due, between MIN_PAUSE and MAX_PAUSE."""
    soonest = min(
        (seconds_until(job.schedule, last_runs.get(job.name, now), now) for job in jobs),
        default=MAX_PAUSE,
    )
    return min(max(soonest, MIN_PAUSE), MAX_PAUSE)


# Running a job, as `fazhi job NAME` does.


def run(name: str):
    """Run the task `name` now in this process, as a worker would (exceptions propagate)."""
    from fazhi.celery import app

    app.loader.import_default_modules()
    return app.tasks[name].apply().get()


def shown(result) -> str:
    """A job's result as kept on its row: JSON (a count, the rows per retention rule)."""
    try:
        text = json.dumps(result, ensure_ascii=False, sort_keys=True, default=str)
    except (TypeError, ValueError):
        text = repr(result)
    return text[:KEPT]


# The rows: last runs, claims, results.


def last_runs(jobs: Iterable[Job], now: dt.datetime) -> dict[str, dt.datetime]:
    """Every job's last run; a job without a row gets one that starts from `now`."""
    from .models import JobRun

    names = [job.name for job in jobs]
    runs = dict(JobRun.objects.filter(name__in=names).values_list("name", "last_run_at"))
    for name in names:
        if name not in runs:
            row, _created = JobRun.objects.get_or_create(name=name, defaults={"last_run_at": now})
            runs[name] = row.last_run_at
    return runs


def claim(name: str, seen: dt.datetime, now: dt.datetime) -> bool:
    """Take the occurrence: True for the one scheduler whose UPDATE found `last_run_at` still
    at the value it read (`seen`); any other claim of it finds the row moved and loses."""
    from .models import JobRun

    return bool(
        JobRun.objects.filter(name=name, last_run_at=seen).update(
            last_run_at=now, runs=F("runs") + 1
        )
    )


def started(name: str, now: dt.datetime) -> None:
    """A run started by hand (`fazhi job NAME`, cron): recorded without a claim. A scheduler
    that read the row before finds it moved, so this run stands for that occurrence."""
    from .models import JobRun

    JobRun.objects.get_or_create(name=name, defaults={"last_run_at": now})
    JobRun.objects.filter(name=name).update(last_run_at=now, runs=F("runs") + 1)


def finished(name: str, *, result=None, error: BaseException | None = None) -> None:
    from .models import JobRun

    JobRun.objects.filter(name=name).update(
        finished_at=timezone.now(),
        last_result="" if error else shown(result),
        last_error=f"{type(error).__name__}: {error}"[:KEPT] if error else "",
    )


def run_recorded(name: str, runner: Callable = run):
    """Run the job and record its result or error on its row (the run was claimed or started);
    the error is raised again for the caller to decide."""
    try:
        result = runner(name)
    except Exception as exc:
        finished(name, error=exc)
        raise
    finished(name, result=result)
    return result


def tick(
    jobs: list[Job],
    now: dt.datetime,
    *,
    runner: Callable = run,
    stopping: Callable[[], bool] = lambda: False,
) -> dict[str, dt.datetime]:
    """One look: read the last runs, claim and run each job due at `now`, in the schedule's
    order. A job that raises is logged and recorded; the next one still runs. Returns the last
    runs as this scheduler now knows them."""
    runs = last_runs(jobs, now)
    for name in due(jobs, runs, now):
        if stopping():
            break
        if not claim(name, runs[name], now):
            logger.info("%s: this occurrence was claimed by another scheduler", name)
            continue
        runs[name] = now
        logger.info("%s: started", name)
        try:
            result = run_recorded(name, runner)
        except Exception:
            logger.exception("%s: failed", name)
        else:
            logger.info("%s: done, %s", name, shown(result))
    return runs


def loop(
    jobs: list[Job],
    stop: threading.Event,
    *,
    clock: Callable[[], dt.datetime] = timezone.now,
    runner: Callable = run,
    wait: Callable[[float], object] | None = None,
) -> None:
    """Look, run what is due, sleep until the next job is due; until `stop` is set (a signal).
    A job's error never ends the loop; nor does the database being away (logged, tried again
    after MAX_PAUSE)."""
    wait = wait or stop.wait
    while not stop.is_set():
        try:
            runs = tick(jobs, clock(), runner=runner, stopping=stop.is_set)
            seconds = pause(jobs, runs, clock())
        except Exception:
            logger.exception("scheduler: could not read or claim the jobs, trying again")
            seconds = MAX_PAUSE
        finally:
            connections.close_all()  # a fresh connection at each look: never a stale one
        if not stop.is_set():
            wait(seconds)
