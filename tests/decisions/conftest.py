import datetime as dt

import pytest

from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role, UnitKind
from fazhi.core.models import AuditEvent, Region
from fazhi.decisions.choices import Procedure
from fazhi.decisions.services import catalogs, dossier, experts
from tests.factories import UnitFactory

ALL = list(Procedure.values)
# The dossiers here run from 2026 into 2027; a step's date is refused when it is after today.
TODAY = dt.date(2027, 12, 31)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(
        "fazhi.core.dates.today", lambda as_of=None: as_of if as_of is not None else TODAY
    )
    return TODAY


@pytest.fixture
def county(db, holidays):
    return Region.objects.get_or_create(code="140222", defaults={"name": "天镇县"})[0]


@pytest.fixture
def government(county):
    return UnitFactory(name="天镇县人民政府", kind=UnitKind.COUNTY_GOVERNMENT, region=county)


@pytest.fixture
def bureau(county):
    return UnitFactory(name="天镇县住房和城乡建设局", region=county)


@pytest.fixture
def justice(county):
    return UnitFactory(name="天镇县司法局", region=county)


@pytest.fixture
def drafter(make_user, bureau):
    return make_user(Role.REPORTER, unit=bureau)


@pytest.fixture
def clerk(make_user, government):
    return make_user(Role.REPORTER, unit=government)


@pytest.fixture
def reviewer(make_user, justice):
    return make_user(Role.REVIEWER, unit=justice)


@pytest.fixture
def nothing_written():
    """`with nothing_written():` asserts no audit event and no row count changed."""
    import contextlib

    from django.apps import apps

    @contextlib.contextmanager
    def check():
        models = [m for m in apps.get_app_config("decisions").get_models()] + [AuditEvent]
        before = {m: m.objects.count() for m in models}
        yield
        assert {m: m.objects.count() for m in models} == before

    return check


def published_catalog(government, bureau, procedures=ALL, hearing=False):
    catalog = catalogs.catalog_create(actor=SYSTEM, body=government, year=2026)
    catalogs.catalog_entry_add(
        actor=SYSTEM,
        catalog_id=catalog.pk,
        version=None,
        matter="天镇县老旧小区改造三年行动方案",
        scope_text="县城建成区2000年以前建成的老旧小区",
        lead_unit=bureau,
        goal="三年完成改造",
        due_on=dt.date(2026, 10, 31),
        procedures=procedures,
        hearing=hearing,
    )
    catalogs.catalog_approve(
        actor=SYSTEM,
        catalog_id=catalog.pk,
        version=None,
        approved_on=dt.date(2026, 3, 20),
        approval_ref="县委常委会2026年第5次会议",
    )
    catalogs.catalog_publish(
        actor=SYSTEM, catalog_id=catalog.pk, version=None, published_on=dt.date(2026, 4, 10)
    )
    catalog.refresh_from_db()
    return catalog


def new_decision(government, bureau, procedures=ALL, **kw):
    catalog = published_catalog(government, bureau, procedures, **kw)
    return dossier.decision_create(
        actor=SYSTEM,
        body=government,
        drafting_unit=bureau,
        title="天镇县老旧小区改造三年行动方案",
        options="方案一:政府全额投资;方案二:政府与居民共担",
        justification="依据国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见",
        entry=catalog.entries.get(),
    )


def through_participation(decision):
    dossier.decision_open_consultation(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        opens_on=dt.date(2026, 5, 4),
        closes_on=dt.date(2026, 6, 3),
        draft_text="草案全文",
    )
    consultation = dossier.decision_consultation(decision)
    from fazhi.decisions.services import consultations

    consultations.consultation_close(
        actor=SYSTEM, consultation_id=consultation.pk, version=None, as_of=dt.date(2026, 6, 4)
    )
    consultations.consultation_summarise(
        actor=SYSTEM,
        consultation_id=consultation.pk,
        version=None,
        summary="收到意见12条,采纳5条",
        summarised_on=dt.date(2026, 6, 5),
    )
    return dossier.decision_finish_participation(
        actor=SYSTEM, decision_id=decision.pk, version=None, done_on=dt.date(2026, 6, 5)
    )


def pool(county, government, n=5, field="城乡规划"):
    keeper = UnitFactory(name="天镇县司法局", region=county)
    return [
        experts.expert_create(
            actor=SYSTEM,
            code=f"ZJ{i:04d}",
            name=f"专家{i}",
            fields=[field],
            employer="山西大学",
            keeper=keeper,
        )
        for i in range(1, n + 1)
    ]


def through_expert(decision, county, government):
    pool(county, government)
    draw = experts.draw_commit(
        actor=SYSTEM, decision_id=decision.pk, version=None, field="城乡规划", count=3
    )
    draw = experts.draw_run(actor=SYSTEM, draw_id=draw.pk)
    for i, expert in enumerate(draw.selected.all()):
        experts.decision_record_opinion(
            actor=SYSTEM,
            decision_id=decision.pk,
            version=None,
            expert=expert,
            text="方案可行",
            dissenting=i == 0,
            given_on=dt.date(2026, 6, 10),
        )
    return experts.decision_finish_expert(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        summary="三位专家均认为可行,一位对资金分担有不同意见",
        done_on=dt.date(2026, 6, 12),
    )
