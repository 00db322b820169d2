"""Fixed-window counters in the shared cache (Redis, or the database table on the embedded
default), so every worker process counts against the same allowance."""

from __future__ import annotations

from django.core.cache import cache


def _key(name: str) -> str:
    return f"fazhi:rate:{name}"


def blocked(name: str, limit: int) -> bool:
    """True once `limit` hits were counted under `name` in the current window (counts nothing)."""
    return (cache.get(_key(name)) or 0) >= limit


def hit(name: str, window: int) -> int:
    """Count one hit; the window starts at the first hit. Returns the count so far."""
    key = _key(name)
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        return 1


def over(name: str, limit: int, window: int) -> bool:
    """Count one hit and say whether it goes beyond `limit` for the window."""
    return hit(name, window) > limit
