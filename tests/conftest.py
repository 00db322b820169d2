from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role
from tests.factories import UnitFactory, UserFactory

# Property tests judge correctness, never speed: on a loaded CI machine the wall-clock deadline
# and the slow-generation health check fail tests whose every example is right.
settings.register_profile("fazhi", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("fazhi")

DIRECTORY_JSON = (
    Path(__file__).resolve().parent.parent / "fazhi" / "core" / "data" / "tianzhen.json"
)


@pytest.fixture(autouse=True)
def _audit_files_outside_the_repository(settings, tmp_path):
    """Checkpoints and their key in the test's own folder, never the developer's var/."""
    settings.FAZHI_AUDIT_KEY = ""
    settings.FAZHI_AUDIT_KEY_FILE = tmp_path / "audit.key"
    settings.FAZHI_AUDIT_CHECKPOINTS = tmp_path / "audit-checkpoints.jsonl"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def directory(db):
    """The bundled Tianzhen directory (regions, units, aliases, groups)."""
    from fazhi.core.services import directory_load

    directory_load(path=DIRECTORY_JSON, actor=SYSTEM)


@pytest.fixture
def holidays(db):
    """The holiday table; a data migration loads it, a flushed (transactional) database reloads."""
    from fazhi.core.holidays import invalidate_holiday_table, seed_holidays_from_package
    from fazhi.core.models import CalendarYear

    if not CalendarYear.objects.exists():
        seed_holidays_from_package()
    invalidate_holiday_table()


@pytest.fixture
def make_user(db):
    """make_user(Role.REPORTER, unit=...) → a user with those roles in that unit."""

    def _make(*roles: str, unit=None, **kwargs):
        return UserFactory(roles=[str(r) for r in roles], unit=unit or UnitFactory(), **kwargs)

    return _make


@pytest.fixture
def supervisor(make_user):
    return make_user(Role.SUPERVISOR)


@pytest.fixture
def leader(make_user):
    return make_user(Role.LEADER)


@pytest.fixture
def query_count(request, django_assert_num_queries):
    """`with query_count("list page"):` asserts the exact number recorded for this test.

    Baselines live in `tests/<app>/query_counts.json` (NetBox style), keyed by test and label.
    `FAZHI_RECORD_QUERY_COUNTS=1 pytest …` records the counts seen instead of asserting them;
    review the diff of the JSON file like any other change.
    """
    import contextlib
    import json
    import os

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    path = Path(request.node.fspath).parent / "query_counts.json"
    test = request.node.name

    @contextlib.contextmanager
    def check(label: str = "queries"):
        key = f"{test}:{label}"
        # A database may do the same work in fewer statements (PostgreSQL appends an audit event
        # and moves the chain head in one): its own count is kept as "<key>@<vendor>".
        own = f"{key}@{connection.vendor}"
        if os.environ.get("FAZHI_RECORD_QUERY_COUNTS"):
            with CaptureQueriesContext(connection) as captured:
                yield
            counts = json.loads(path.read_text()) if path.exists() else {}
            seen = len(captured.captured_queries)
            if connection.vendor == "sqlite":
                counts[key] = seen
            elif counts.get(key) == seen:
                counts.pop(own, None)
            else:
                counts[own] = seen
            path.write_text(json.dumps(dict(sorted(counts.items())), indent=1) + "\n")
            return
        counts = json.loads(path.read_text()) if path.exists() else {}
        if key not in counts:
            raise AssertionError(
                f"no query-count baseline for {key} in {path}: "
                "run once with FAZHI_RECORD_QUERY_COUNTS=1"
            )
        with django_assert_num_queries(counts.get(own, counts[key])):
            yield

    return check


@pytest.fixture
def verified_login():
    """Sign a test client in with the second factor verified (a confirmed TOTP device)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def login(client, user):
        device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=True)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return login
