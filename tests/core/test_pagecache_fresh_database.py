"""`fazhi migrate` on a fresh embedded database: the migrations before the cache table exists
write too, and the page cache's generation must not stop them."""

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError

from fazhi.core import pagecache

TABLE = "fazhi_cache_not_created_yet"


@pytest.fixture
def missing_table(monkeypatch):
    monkeypatch.setattr(
        pagecache,
        "settings",
        type(
            "S",
            (),
            {
                "CACHES": {
                    "default": {
                        "BACKEND": DatabaseCache.__module__ + ".DatabaseCache",
                        "LOCATION": TABLE,
                    }
                }
            },
        ),
    )
    return DatabaseCache(TABLE, {})


# As in `migrate`: the bump runs after a commit, outside any transaction.
@pytest.mark.django_db(transaction=True)
def test_a_bump_on_the_embedded_database_cache_writes_nothing(missing_table, monkeypatch):
    with pytest.raises(DatabaseError):
        missing_table.set("probe", 1)  # the table really is missing
    monkeypatch.setattr(pagecache, "cache", missing_table)
    pagecache.bump()  # and the bump does not reach it


def test_a_failure_of_a_shared_cache_is_not_hidden(monkeypatch):
    class Broken:
        def set_many(self, *args, **kwargs):
            raise ConnectionError("redis is down")

    redis = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    monkeypatch.setattr(pagecache, "settings", type("S", (), {"CACHES": redis}))
    monkeypatch.setattr(pagecache, "cache", Broken())
    with pytest.raises(ConnectionError):
        pagecache.bump()


def test_no_page_cache_and_no_generation_writes_on_the_embedded_database_cache(missing_table):
    # The embedded default's cache is a table of the same database: replacing a generation
    # from inside an autocommit INSERT … RETURNING lost that INSERT on SQLite (`fazhi shell`).
    assert not pagecache.enabled()
    calls = []
    result = pagecache._watch(lambda *a: calls.append(a) or "done", "INSERT INTO x", (), False, {})
    assert result == "done" and calls  # ran, and no commit hook touched any connection
