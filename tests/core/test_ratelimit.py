"""Rate-limit counters: atomic in the cache where it can count, in their own table where not."""

import datetime as dt
import threading

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings

from fazhi.core import ratelimit
from fazhi.core.models import RateCounter

DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "fazhi_cache",
    }
}


@pytest.fixture
def database_cache(db):
    with override_settings(CACHES=DATABASE_CACHE):
        yield caches["default"]


def test_the_in_process_cache_counts_in_the_cache(db):
    assert not ratelimit._in_table()
    assert [ratelimit.hit("a", 60) for _ in range(3)] == [1, 2, 3]
    assert RateCounter.objects.count() == 0
    assert ratelimit.blocked("a", 3) and not ratelimit.blocked("a", 4)


def test_the_database_cache_counts_in_the_table_and_a_window_starts_again(database_cache):
    assert ratelimit._in_table()
    assert [ratelimit.hit("a", 60) for _ in range(3)] == [1, 2, 3]
    assert ratelimit.hit("b", 60) == 1
    assert ratelimit.blocked("a", 3) and not ratelimit.blocked("a", 4)
    assert ratelimit.over("a", 3, 60)
    RateCounter.objects.filter(key__endswith=":a").update(
        window_ends=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    assert not ratelimit.blocked("a", 1)
    assert ratelimit.hit("a", 60) == 1
    assert RateCounter.objects.get(key__endswith=":a").count == 1


def test_a_new_window_sweeps_the_expired_counters(database_cache):
    ratelimit.hit("old", 60)
    RateCounter.objects.update(window_ends=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    ratelimit.hit("new", 60)
    assert [k.rsplit(":", 1)[1] for k in RateCounter.objects.values_list("key", flat=True)] == [
        "new"
    ]


@pytest.mark.django_db(transaction=True)
def test_parallel_hits_are_all_counted():
    """The database cache's own incr (a get then a set) lost hits made at the same moment."""
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory test database is private to one connection per thread")
    threads, per_thread = 8, 25
    with override_settings(CACHES=DATABASE_CACHE):
        barrier = threading.Barrier(threads)

        def burst():
            barrier.wait()
            try:
                for _ in range(per_thread):
                    ratelimit.hit("burst", 60)
            finally:
                connection.close()

        workers = [threading.Thread(target=burst) for _ in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        assert RateCounter.objects.get(key__endswith=":burst").count == threads * per_thread
