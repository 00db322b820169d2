"""Signed-in pages served from the cache, never stale.

Every write to the database (any INSERT, UPDATE or DELETE on a domain table, audited or not)
replaces one data generation when its transaction commits. A cached page is stored under the
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

GENERATION_KEY = "fazhi:pages:generation"
TIMEOUT = 10 * 60
_SENTINEL = "@@fazhi-csrf-token@@"
# Where Django's tokens appear in a page: {% csrf_token %} inputs and base.html's htmx header.
_TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]{64}(?=")')
_ANY_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE", "COPY", "TRUNCATE")
# Writes that change no page: sessions (the idle-timeout stamp), sign-in throttling, and the
# embedded database cache itself (the generation lives there).
_IGNORED = ("django_session", "axes_", "fazhi_cache")
_TABLE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)', re.IGNORECASE)
_PER_PROCESS = ("LocMemCache", "DummyCache")


def enabled() -> bool:
    """`FAZHI_PAGE_CACHE` if set; else on when the default cache is shared between processes."""
    chosen = getattr(settings, "FAZHI_PAGE_CACHE", None)
    if chosen is not None:
        return bool(chosen)
    return not settings.CACHES["default"]["BACKEND"].endswith(_PER_PROCESS)


# --- the data generation ----------------------------------------------------------------------


def generation() -> str:
    """The current generation; a fresh one when the cache lost it (never one seen before)."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        current = cache.get(GENERATION_KEY)
    return current


def bump() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def is_write(sql: str) -> bool:
    head = sql.lstrip()[:8].upper()
    if head.startswith("WITH"):
        return bool(re.search(r"\b(INSERT|UPDATE|DELETE)\b", sql, re.IGNORECASE))
    if not head.startswith(_WRITES):
        return False
    table = _TABLE.match(sql)
    return not (table and table[1].startswith(_IGNORED))


def _bump_once(connection, token) -> None:
    # Each write of a transaction queues one of these; the first to run bumps for all.
    if getattr(connection, "_pagecache_token", None) is token:
        connection._pagecache_token = None
        bump()


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if is_write(sql):
        connection = context["connection"]
        token = getattr(connection, "_pagecache_token", None)
        if token is None:
            token = connection._pagecache_token = object()
        # After the write: outside a transaction this runs at once (the write is committed);
        # inside one, at its commit, and a rollback drops it with the write.
        transaction.on_commit(partial(_bump_once, connection, token), using=connection.alias)
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


def page_key(request, gen: str) -> str:
    parts = "|".join(
        (
            gen,
            str(request.user.pk),
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
    key = page_key(request, generation())
    stored = cache.get(key)
    if stored is not None:
        content_type, body = stored
        token = get_token(request) if _SENTINEL in body else ""
        return HttpResponse(body.replace(_SENTINEL, token), content_type=content_type)
    response = render()
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if _storable(request, response):
        body = _without_tokens(request, response.content.decode(response.charset))
        if body is not None:
            cache.set(key, (response["Content-Type"], body), TIMEOUT)
    return response


def cached_page(view):
    """For function views whose GET answer depends only on the data, the user and the URL."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return serve(request, lambda: view(request, *args, **kwargs))

    return wrapper
