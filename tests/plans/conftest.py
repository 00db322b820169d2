import datetime as dt
import io
from pathlib import Path

import pytest

from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role
from fazhi.core.models import OrgUnit
from fazhi.plans import services
from fazhi.plans.models import Plan
from fazhi.plans.parsing import DEMO_PLAN_TXT

from .snapshots import Snapshot

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini-plan.txt"
# 天政发〔2026〕7号, issued 2026-01-10, covering 2026–2027: three measures, three tasks.
TODAY = dt.date(2026, 3, 2)
MINI_NUMBER = "天政发〔2026〕7号"
SEED_NUMBER = "天发〔2022〕42号"


def unit(name: str) -> OrgUnit:
    return OrgUnit.objects.get(name=name)


def import_file(path: Path, *, actor=SYSTEM, today=TODAY, **kwargs):
    prepared = services.plan_import_prepare(actor=actor, data=path.read_bytes(), filename=path.name)
    if prepared.unchanged:
        return prepared.existing
    return services.plan_import_apply(
        actor=actor, plan_import=prepared.plan_import, today=today, **kwargs
    )


def _load_directory():
    from fazhi.core.services import directory_load
    from tests.conftest import DIRECTORY_JSON

    directory_load(path=DIRECTORY_JSON, actor=SYSTEM)


def _load_demo():
    from fazhi.core.demo import load as load_core
    from fazhi.plans.demo import load as load_plans

    _load_directory()
    load_core(io.StringIO())
    load_plans(io.StringIO())


BUILDERS = {
    "directory": _load_directory,
    "mini": lambda: (_load_directory(), import_file(MINI)),
    "seed": lambda: (_load_directory(), import_file(DEMO_PLAN_TXT)),
    "demo": _load_demo,
}
# A state that holds the directory: asking for the directory too restores that state instead.
WITH_DIRECTORY = {"demo": "demo", "mini_plan": "mini", "seed_plan": "seed"}


@pytest.fixture(scope="session")
def snapshots(django_db_setup, django_db_blocker):
    """Database states built once per run (per xdist worker), by name, on first use."""
    built: dict[str, Snapshot] = {}

    def get(name: str) -> Snapshot:
        if name not in built:
            with django_db_blocker.unblock():
                built[name] = Snapshot.build(BUILDERS[name])
        return built[name]

    return get


def _restore(snapshots, name: str) -> None:
    from fazhi.core.holidays import invalidate_holiday_table

    snapshots(name).restore()
    invalidate_holiday_table()


@pytest.fixture
def directory(request, db, snapshots):
    """The bundled Tianzhen directory, restored from the run's snapshot (or with a plan state)."""
    for fixture in WITH_DIRECTORY:
        if fixture in request.fixturenames:
            request.getfixturevalue(fixture)
            return
    _restore(snapshots, "directory")


@pytest.fixture
def mini_plan(db, snapshots, holidays):
    _restore(snapshots, "mini")
    return Plan.objects.get(doc_number=MINI_NUMBER)


@pytest.fixture
def seed_plan(db, snapshots, holidays):
    _restore(snapshots, "seed")
    return Plan.objects.get(doc_number=SEED_NUMBER)


@pytest.fixture
def demo(db, snapshots, holidays):
    """The whole demo (core accounts, the seed plan, months of supervision), loaded once per run."""
    _restore(snapshots, "demo")
    return Plan.objects.get(doc_number=SEED_NUMBER)


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
