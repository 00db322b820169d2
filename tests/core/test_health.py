"""Liveness and readiness answer without login and name a failing part."""

from fazhi.core import health


def test_healthz_answers_without_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_checks_database_and_cache(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_readyz_names_the_failing_part(client, db, monkeypatch):
    def broken():
        raise OSError("cache down")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "failed", "database": "ok", "cache": "failed"}
