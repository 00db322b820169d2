"""Signed-in pages served from the cache, never stale.

Every write to the database (any INSERT, UPDATE or DELETE on a domain table, audited or not)
replaces one data generation when its transaction commits; writes to the audit trail alone (a
sign-in, an export) replace the audit generation, which only pages that read the trail depend on. A cached page is stored under the
generation read *before* the view read anything, so a page rendered from rows a concurrent
write was changing is stored under a generation that is already dead by the time that write's
commit is visible. A page is keyed by the user, the language, today's date (statuses and
days-left are computed from it), the full path with its query and whether htmx asked for the
fragment; the response itself is shared by the user's sessions, with each request's own CSRF
token put back in.

Only GET answers of 200 with HTML are stored, never one that carries a message (or while a
message waits to be shown) or sets a cookie. Pages opt in: every `ObjectListView`, and views
decorated with `cached_page`. The cache must be shared by every process that writes (Redis in
production): with the embedded per-process memory cache it is off unless `FAZHI_PAGE_CACHE`
says otherwise.
"""

from __future__ import annotations

import contextvars
import hashlib
import re
import uuid
from functools import partial, wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from . import dates

DATA, AUDIT = "fazhi:pages:generation", "fazhi:pages:audit-generation"
TIMEOUT = 10 * 60
_SENTINEL = "@@fazhi-csrf-token@@"
# Where Django's tokens appear in a page: {% csrf_token %} inputs and base.html's htmx header.
_TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]{64}(?=")')
_ANY_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE", "COPY", "TRUNCATE", "WITH")
_TARGETS = re.compile(r'(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)', re.IGNORECASE)
# Writes that change no page: sessions (the idle-timeout stamp), sign-in throttling, the
# embedded database cache itself (the generations live there), and the sign-in time (shown
# nowhere; Django's `update_last_login` writes only that column).
_IGNORED = ("django_session", "axes_", "fazhi_cache")
_LAST_LOGIN = re.compile(r'^\s*UPDATE "core_user" SET "last_login" = \S+ WHERE', re.IGNORECASE)
# The audit trail has a generation of its own: a sign-in or an export appends an event, and
# only the pages that read the trail change.
_AUDIT_TABLES = ("core_auditevent", "core_audithead")
_READS_AUDIT = re.compile(r'(?:FROM|JOIN)\s+"?core_auditevent\b', re.IGNORECASE)
_PER_PROCESS = ("LocMemCache", "DummyCache")
_reading_audit: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "pagecache_reading_audit", default=None
)


def enabled() -> bool:
    """`FAZHI_PAGE_CACHE` if set; else on when the default cache is shared between processes
    and is not a table of the database itself (Redis in production)."""
    chosen = getattr(settings, "FAZHI_PAGE_CACHE", None)
    if chosen is not None:
        return bool(chosen) and not _in_database()
    return not settings.CACHES["default"]["BACKEND"].endswith(_PER_PROCESS) and not _in_database()


def _in_database() -> bool:
    # The embedded default's cache is a table on the same connection: writing the generation
    # from inside a statement (an autocommit INSERT … RETURNING not yet fetched) loses that
    # statement on SQLite. So there is no page cache, and no generation to replace, there.
    return settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")


# --- the generations --------------------------------------------------------------------------


def generations() -> dict[str, str]:
    """The current data and audit generations; fresh ones where the cache lost them (a lost
    generation never comes back as one seen before)."""
    current = cache.get_many([DATA, AUDIT])
    for key in (DATA, AUDIT):
        if key not in current:
            cache.add(key, uuid.uuid4().hex, None)
            current[key] = cache.get(key)
    return current


def bump(keys=(DATA,)) -> None:
    if _in_database():
        # No page cache there, so no generation to replace; and the migrations that write
        # before core 0005 creates the cache table would find none.
        return
    cache.set_many({key: uuid.uuid4().hex for key in keys}, None)


def written(sql: str) -> str | None:
    """Which generation a statement changes (DATA, AUDIT) or None for a read or an ignored write."""
    head = sql.lstrip()[:8].upper()
    if not head.startswith(_WRITES) or _LAST_LOGIN.match(sql):
        return None
    targets = _TARGETS.findall(sql)
    if head.startswith("WITH") and not targets:
        return None  # a read with a common table expression
    if targets and all(t.startswith(_IGNORED) for t in targets):
        return None
    if targets and all(t in _AUDIT_TABLES for t in targets):
        return AUDIT
    return DATA


def _bump_once(connection, token) -> None:
    # Each write of a transaction queues one of these; the first to run bumps for all.
    if getattr(connection, "_pagecache_token", None) is token:
        connection._pagecache_token = None
        bump(tuple(token))


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if _in_database():
        return result
    key = written(sql)
    if key is not None:
        connection = context["connection"]
        token = getattr(connection, "_pagecache_token", None)
        if token is None or not connection.run_on_commit:
            # Nothing queued: any older token was dropped by a rollback or has run.
            token = connection._pagecache_token = set()
        token.add(key)
        # After the write: outside a transaction this runs at once (the write is committed);
        # inside one, at its commit, and a rollback drops it with the write.
        transaction.on_commit(partial(_bump_once, connection, token), using=connection.alias)
    else:
        reading = _reading_audit.get()
        if reading is not None and not reading and _READS_AUDIT.search(sql):
            reading.append(True)
    return result


def _on_connection(sender, connection, **kwargs) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def connect() -> None:
    """Watch every database connection for writes (`CoreConfig.ready`)."""
    from django.db import connections

    connection_created.connect(_on_connection, dispatch_uid="core.pagecache")
    for connection in connections.all(initialized_only=True):
        _on_connection(None, connection)


# --- pages ------------------------------------------------------------------------------------


def page_key(request, data_generation: str) -> str:
    user = request.user
    parts = "|".join(
        (
            data_generation,
            str(user.pk),
            # What the header shows of the user, in case it changed without a page's data.
            user.get_username(),
            str(getattr(user, "unit_id", "")),
            get_language() or "",
            dates.today().isoformat(),
            request.get_full_path(),
            "hx" if request.headers.get("HX-Request") else "",
        )
    )
    return "fazhi:page:" + hashlib.sha256(parts.encode()).hexdigest()


def _cacheable_request(request) -> bool:
    return (
        enabled()
        and request.method == "GET"
        and request.user.is_authenticated
        and len(get_messages(request)) == 0
    )


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and len(get_messages(request)) == 0
    )


def _without_tokens(request, body: str) -> str | None:
    """The page with its CSRF tokens as a placeholder; None when a token sits elsewhere."""
    from django.middleware.csrf import _unmask_cipher_token

    text = _TOKENS.sub(lambda m: m.group(1) + _SENTINEL, body)
    secret = request.META.get("CSRF_COOKIE")
    if secret and any(_unmask_cipher_token(t) == secret for t in _ANY_TOKEN.findall(text)):
        return None
    return text


def serve(request, render):
    """The cached answer to `request`, or `render()`'s, stored when it may be."""
    if not _cacheable_request(request):
        return render()
    # Read before the view reads anything: a write committing meanwhile makes them old.
    current = generations()
    key = page_key(request, current[DATA])
    stored = cache.get(key)
    if stored is not None:
        content_type, body, audit = stored
        if audit is None or audit == current[AUDIT]:
            token = get_token(request) if _SENTINEL in body else ""
            return HttpResponse(body.replace(_SENTINEL, token), content_type=content_type)
    reading = _reading_audit.set([])
    try:
        response = render()
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        read_audit = bool(_reading_audit.get())
    finally:
        _reading_audit.reset(reading)
    if _storable(request, response):
        body = _without_tokens(request, response.content.decode(response.charset))
        if body is not None:
            audit = current[AUDIT] if read_audit else None
            cache.set(key, (response["Content-Type"], body, audit), TIMEOUT)
    return response


def cached_page(view):
    """For function views whose GET answer depends only on the data, the user and the URL."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return serve(request, lambda: view(request, *args, **kwargs))

    return wrapper
