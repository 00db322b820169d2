"""Numbers of dossiers (140222-2026-0001) and of official documents (天政公〔2026〕1号).

Each is the highest serial of its number space (the region and year; the prefix and year) plus
one, read under a lock on that space (`core.numbering`), so two users at once never get one.
"""

import datetime as dt

import pytest
from django.db import connection

from fazhi.core import numbering
from fazhi.core.actors import SYSTEM
from fazhi.core.choices import UnitKind
from fazhi.core.errors import ApplicationError
from fazhi.core.models import Region
from fazhi.decisions.choices import DocumentKind
from fazhi.decisions.errors import DecisionsError
from fazhi.decisions.models import Catalog, OfficialDocument
from fazhi.decisions.services import catalogs, dossier
from fazhi.decisions.services.documents import document_issue
from tests.concurrency import race
from tests.factories import UnitFactory

from .conftest import published_catalog

pytestmark = pytest.mark.django_db

YEAR = dt.date.today().year


def _county(code, name):
    region = Region.objects.get_or_create(code=code, defaults={"name": name})[0]
    government = UnitFactory(name=f"{name}人民政府", kind=UnitKind.COUNTY_GOVERNMENT, region=region)
    bureau = UnitFactory(name=f"{name}住房和城乡建设局", region=region)
    return government, bureau, published_catalog(government, bureau).entries.get()


def _decision(county, number=""):
    government, bureau, entry = county
    return dossier.decision_create(
        actor=SYSTEM,
        body=government,
        drafting_unit=bureau,
        title=entry.matter,
        options="方案",
        justification="说明",
        entry=entry,
        number=number,
    )


def _consulting(county):
    """A dossier whose consultation notice can be issued."""
    decision = _decision(county)
    dossier.decision_open_consultation(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        opens_on=dt.date(2026, 5, 4),
        closes_on=dt.date(2026, 6, 3),
        draft_text="草案全文",
    )
    return decision


def _notice(decision, prefix):
    return document_issue(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        kind=DocumentKind.CONSULTATION_NOTICE,
        prefix=prefix,
        issued_on=dt.date(2026, 5, 4),
    )


@pytest.fixture
def tianzhen(holidays):
    return _county("140222", "天镇县")


@pytest.fixture
def yanggao(holidays):
    return _county("140221", "阳高县")


def test_each_county_numbers_its_own_dossiers_and_documents(tianzhen, yanggao):
    assert [_decision(tianzhen).number, _decision(tianzhen).number] == [
        f"140222-{YEAR}-0001",
        f"140222-{YEAR}-0002",
    ]
    assert _decision(yanggao).number == f"140221-{YEAR}-0001"
    assert _notice(_consulting(tianzhen), "天建公").number == "天建公〔2026〕1号"
    assert _notice(_consulting(yanggao), "阳建公").number == "阳建公〔2026〕1号"
    assert _notice(_consulting(tianzhen), "天建公").number == "天建公〔2026〕2号"


def test_a_gap_or_an_imported_number_never_gives_a_number_taken(tianzhen):
    for number in (f"140222-{YEAR}-0007", f"140222-{YEAR}-9999", f"140222-{YEAR}-10000"):
        _decision(tianzhen, number=number)
    # An imported number of another shape is not a serial of this space.
    _decision(tianzhen, number=f"140222-{YEAR}-补01")
    assert _decision(tianzhen).number == f"140222-{YEAR}-10001"
    first = _notice(_consulting(tianzhen), "天建公")
    OfficialDocument.objects.filter(pk=first.pk).update(serial=7, number="天建公〔2026〕7号")
    assert _notice(_consulting(tianzhen), "天建公").number == "天建公〔2026〕8号"


def test_the_number_space_is_locked_before_its_serials_are_read(tianzhen, monkeypatch):
    taken = []
    real = numbering.lock_number_space

    def spy(prefix, year):
        taken.append((prefix, year))
        real(prefix, year)

    monkeypatch.setattr(numbering, "lock_number_space", spy)
    _decision(tianzhen)
    assert taken == [(f"140222-{YEAR}-", YEAR)]
    _notice(_consulting(tianzhen), "天建公")
    assert taken[-1] == ("天建公", 2026)


@pytest.mark.django_db(transaction=True)
def test_two_users_issuing_at_once_get_two_numbers(tianzhen):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's advisory lock; SQLite runs write transactions one at a time")
    one, two = _consulting(tianzhen), _consulting(tianzhen)
    results = race(lambda: _notice(one, "天建公").number, lambda: _notice(two, "天建公").number)
    assert (results["first"], results["second"]) == ("天建公〔2026〕1号", "天建公〔2026〕2号")
    assert results["second_done_early"] is False
    results = race(lambda: _decision(tianzhen).number, lambda: _decision(tianzhen).number)
    assert (results["first"], results["second"]) == (
        f"140222-{YEAR}-0003",
        f"140222-{YEAR}-0004",
    )


@pytest.mark.django_db(transaction=True)
def test_two_users_creating_one_catalogue_at_once_are_told_it_exists(holidays):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's advisory lock; SQLite runs write transactions one at a time")
    region = Region.objects.get_or_create(code="140222", defaults={"name": "天镇县"})[0]
    body = UnitFactory(name="天镇县人民政府", kind=UnitKind.COUNTY_GOVERNMENT, region=region)

    def create():
        return catalogs.catalog_create(actor=SYSTEM, body=body, year=2027)

    results = race(create, create)
    assert isinstance(results["first"], Catalog)
    assert isinstance(results["second"], ApplicationError)
    assert results["second"].code == DecisionsError.CATALOG_EXISTS
