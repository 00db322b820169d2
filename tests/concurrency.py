"""Two writers at once, for tests of locks (PostgreSQL: each thread has its own connection)."""

from __future__ import annotations

import threading

from django.db import connection, transaction


def race(first, second, *, hold: float = 0.5) -> dict:
    """Run `first` in a transaction kept open until `second` has started on another connection
    and `hold` seconds have passed, then commit. Returns {"first": …, "second": …} (a result or
    the exception raised) and "second_done_early": whether `second` finished while `first`'s
    transaction was still open (False when a lock made it wait)."""
    results: dict = {}
    started, finished = threading.Event(), threading.Event()

    def run(name, call, holding):
        try:
            with transaction.atomic():
                results[name] = call()
                if holding:
                    started.wait(5)
                    results["second_done_early"] = finished.wait(hold)
        except Exception as exc:  # noqa: BLE001 - the test reports what went wrong
            results[name] = exc
        finally:
            if not holding:
                finished.set()
            connection.close()

    a = threading.Thread(target=run, args=("first", first, True))
    a.start()
    while "first" not in results and a.is_alive():
        a.join(0.01)
    b = threading.Thread(target=run, args=("second", second, False))
    b.start()
    started.set()
    a.join()
    b.join()
    return results
