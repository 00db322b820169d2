"""Fixed-window counters shared by every worker process, so all count against one allowance.

Redis (production) and the in-process cache (tests) increment atomically. The database cache of
the embedded default does not (its incr is a get and a set), so there the counters live in their
own table and are incremented by one UPDATE."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import RateCounter


def _key(name: str) -> str:
    return f"fazhi:rate:{name}"


def _in_table() -> bool:
    return isinstance(caches["default"], DatabaseCache)


def blocked(name: str, limit: int) -> bool:
    """True once `limit` hits were counted under `name` in the current window (counts nothing)."""
    if _in_table():
        return RateCounter.objects.filter(
            key=_key(name), window_ends__gt=timezone.now(), count__gte=limit
        ).exists()
    return (cache.get(_key(name)) or 0) >= limit


def hit(name: str, window: int) -> int:
    """Count one hit; the window starts at the first hit. Returns the count so far."""
    if _in_table():
        return table_hit(_key(name), window)
    key = _key(name)
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        return 1


def table_hit(key: str, window: int) -> int:
    """One hit on the table's counter: the UPDATE takes the write lock, so parallel hits queue."""
    now = timezone.now()
    with transaction.atomic():
        counting = RateCounter.objects.filter(key=key, window_ends__gt=now)
        if counting.update(count=F("count") + 1):
            return counting.values_list("count", flat=True).get()
        ends = now + dt.timedelta(seconds=window)
        if RateCounter.objects.filter(key=key, window_ends__lte=now).update(
            count=1, window_ends=ends
        ):
            return 1
        try:
            with transaction.atomic():
                RateCounter.objects.create(key=key, count=1, window_ends=ends)
        except IntegrityError:  # another worker started the window a moment ago: count on it
            RateCounter.objects.filter(key=key).update(count=F("count") + 1)
            return RateCounter.objects.values_list("count", flat=True).get(key=key)
        RateCounter.objects.filter(window_ends__lt=now).delete()
        return 1


def over(name: str, limit: int, window: int) -> bool:
    """Count one hit and say whether it goes beyond `limit` for the window."""
    return hit(name, window) > limit
