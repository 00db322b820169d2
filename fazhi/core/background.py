"""Work that must not hold the page: a Celery task queued for the worker, or, without a broker
(the embedded default), run by a thread of this process once the request has committed.

    background.later(tasks.import_run, job.pk)

Tests run it inline, as Celery's eager mode does, so they see its result at once. A thread's
work is lost if the process stops: the caller keeps its own state (a job row, a delivery still
pending) so that what was not done can be seen and done again."""

from __future__ import annotations

import threading

from django.conf import settings
from django.db import connection


def later(task, *args) -> None:
    if settings.FAZHI_BACKGROUND_IN_THREAD:
        threading.Thread(target=_run, args=(task, args), daemon=True).start()
    else:
        task.delay(*args)


def _run(task, args: tuple) -> None:
    try:
        task(*args)
    finally:
        connection.close()  # the thread's own connection
