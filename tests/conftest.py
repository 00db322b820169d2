from pathlib import Path

import pytest

from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role
from tests.factories import UnitFactory, UserFactory

DIRECTORY_JSON = (
    Path(__file__).resolve().parent.parent / "fazhi" / "core" / "data" / "tianzhen.json"
)


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
