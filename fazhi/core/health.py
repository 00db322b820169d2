"""Liveness and readiness for the load balancer and the process supervisor.

`/healthz`: the process answers (no dependency is touched). `/readyz`: the database, the cache
and, when one is configured, the Celery broker answer; 503 naming the failing part otherwise.
Both are plain JSON, need no login, and reveal nothing but ok/failed per part.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    cache.set("fazhi:readyz", "1", 10)
    if cache.get("fazhi:readyz") != "1":
        raise RuntimeError("cache did not keep a value")


def _broker() -> None:
    from fazhi.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


CHECKS = {"database": _database, "cache": _cache}


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    checks = dict(CHECKS)
    if getattr(settings, "CELERY_BROKER_URL", "memory://") != "memory://":
        checks["broker"] = _broker
    parts = {}
    for name, check in checks.items():
        try:
            check()
        except Exception:  # noqa: BLE001 - any failure means not ready; details go to the log
            import logging

            logging.getLogger("fazhi.health").exception("readiness check %s failed", name)
            parts[name] = "failed"
        else:
            parts[name] = "ok"
    ready = all(v == "ok" for v in parts.values())
    return JsonResponse(
        {"status": "ok" if ready else "failed", **parts}, status=200 if ready else 503
    )
