import datetime as dt
from pathlib import Path

import pytest

from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role
from fazhi.core.models import OrgUnit
from fazhi.plans import services
from fazhi.plans.parsing import DEMO_PLAN_TXT

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini-plan.txt"
# 天政发〔2026〕7号, issued 2026-01-10, covering 2026–2027: three measures, three tasks.
TODAY = dt.date(2026, 3, 2)


def unit(name: str) -> OrgUnit:
    return OrgUnit.objects.get(name=name)


def import_file(path: Path, *, actor=SYSTEM, today=TODAY, **kwargs):
    prepared = services.plan_import_prepare(actor=actor, data=path.read_bytes(), filename=path.name)
    if prepared.unchanged:
        return prepared.existing
    return services.plan_import_apply(
        actor=actor, plan_import=prepared.plan_import, today=today, **kwargs
    )


@pytest.fixture
def mini_plan(directory, holidays):
    return import_file(MINI)


@pytest.fixture
def seed_plan(directory, holidays):
    return import_file(DEMO_PLAN_TXT)


@pytest.fixture
def judicial_reporter(make_user, directory):
    return make_user(Role.REPORTER, unit=unit("天镇县司法局"))


@pytest.fixture
def market_reporter(make_user, directory):
    return make_user(Role.REPORTER, unit=unit("天镇县市场监督管理局"))


@pytest.fixture
def office(make_user, directory):
    """A supervisor of the rule-of-law office (县委依法治县办)."""
    return make_user(Role.SUPERVISOR, unit=unit("中共天镇县委全面依法治县委员会办公室"))
