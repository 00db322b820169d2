"""Case numbers through `core.numbering`: each county's 代字, one number space per prefix and
year read under its lock, never a number issued twice; unit names shortened by their region."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from fazhi.core import numbering
from fazhi.core.choices import Role
from fazhi.enforcement import services
from fazhi.enforcement.demo import generated_uscc
from fazhi.enforcement.models import EnforcementBody
from fazhi.enforcement.templatetags.enforcement_tags import short_unit
from tests.concurrency import race
from tests.enforcement.conftest import make_officer
from tests.factories import RegionFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.usefixtures("holidays")


@pytest.fixture
def datong(db):
    city = RegionFactory(code="140200", name="大同市")
    return {
        "city": city,
        "天镇县": RegionFactory(code="140222", name="天镇县", parent=city),
        "阳高县": RegionFactory(code="140221", name="阳高县", parent=city),
        "平城区": RegionFactory(code="140213", name="平城区", parent=city),
    }


def _body(region, unit_name, prefix=""):
    unit = UnitFactory(name=unit_name, region=region)
    body = EnforcementBody.objects.create(unit=unit, case_prefix=prefix)
    officer = UserFactory(unit=unit, roles=[Role.OFFICER])
    people = [
        make_officer(body, f"{unit_name}{i}", user=officer if i == 0 else None) for i in (0, 1)
    ]
    return body, officer, people


def _file(body, officer, people, n=1):
    return services.case_file(
        actor=officer,
        body=body,
        title="无证经营",
        party_kind="organisation",
        party_name=f"甲公司{n}",
        party_uscc=generated_uscc(40000000 + n),
        officers=people,
    )


def test_a_body_without_prefix_numbers_under_its_own_countys_initial(datong):
    year = timezone.localdate().year
    tianzhen = _body(datong["天镇县"], "天镇县市场监督管理局")
    yanggao = _body(datong["阳高县"], "阳高县市场监督管理局")
    yanggao_env = _body(datong["阳高县"], "阳高县生态环境局")
    assert _file(*tianzhen).number == f"天罚〔{year}〕1号"
    assert _file(*yanggao).number == f"阳罚〔{year}〕1号"
    # Two bodies of one county without their own 代字 share its number space.
    case = _file(*yanggao_env, n=2)
    assert (case.number, case.serial) == (f"阳罚〔{year}〕2号", 2)
    assert yanggao[0].number_prefix == "阳罚"


def test_a_number_is_never_issued_twice_after_a_body_changes_its_prefix(datong, make_user):
    year = timezone.localdate().year
    market = _body(datong["天镇县"], "天镇县市场监督管理局", "天市监罚")
    _file(*market)
    _file(*market, n=2)
    office = UnitFactory(name="天镇县依法治县办", region=datong["天镇县"])
    supervisor = make_user(Role.SUPERVISOR, unit=office)
    services.body_update(actor=supervisor, body=market[0], case_prefix="天市场罚")
    other = _body(datong["天镇县"], "天镇县交通运输局", "天市监罚")
    # The freed prefix continues its serials; the renamed body starts its new prefix at 1.
    assert _file(*other, n=3).number == f"天市监罚〔{year}〕3号"
    market[0].refresh_from_db()
    assert _file(*market, n=4).number == f"天市场罚〔{year}〕1号"


def test_the_number_space_is_locked_before_its_serials_are_read(datong, monkeypatch):
    taken = []
    real = numbering.lock_number_space

    def spy(prefix, year):
        taken.append((prefix, year))
        real(prefix, year)

    monkeypatch.setattr(numbering, "lock_number_space", spy)
    _file(*_body(datong["阳高县"], "阳高县市场监督管理局"))
    assert taken == [("阳罚", timezone.localdate().year)]


@pytest.mark.django_db(transaction=True)
def test_two_bodies_filing_at_once_get_two_numbers(datong):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's advisory lock; SQLite runs write transactions one at a time")
    year = timezone.localdate().year
    market = _body(datong["阳高县"], "阳高县市场监督管理局")
    env = _body(datong["阳高县"], "阳高县生态环境局")
    results = race(lambda: _file(*market).number, lambda: _file(*env, n=2).number)
    assert (results["first"], results["second"]) == (f"阳罚〔{year}〕1号", f"阳罚〔{year}〕2号")
    assert results["second_done_early"] is False


def test_short_unit_drops_the_units_own_region(datong):
    def unit(name, region):
        return UnitFactory(name=name, region=region)

    assert short_unit(unit("天镇县市场监督管理局", datong["天镇县"])) == "市场监督管理局"
    assert short_unit(unit("阳高县生态环境局", datong["阳高县"])) == "生态环境局"
    # A city-level unit, a district's unit named with its city, a name not starting with it.
    assert short_unit(unit("大同市市场监督管理局", datong["city"])) == "市场监督管理局"
    assert short_unit(unit("大同市平城区司法局", datong["平城区"])) == "司法局"
    assert short_unit(unit("中共阳高县委", datong["阳高县"])) == "中共阳高县委"
    # Another county's name inside a unit's name is not its region's: it stays.
    assert short_unit(unit("阳高县驻天镇县办事处", datong["天镇县"])) == "阳高县驻天镇县办事处"
    assert short_unit(None) == ""


def test_body_list_shows_the_prefix_cases_are_numbered_under(datong, client, make_user):
    _body(datong["阳高县"], "阳高县市场监督管理局")
    office = UnitFactory(name="阳高县依法治县办", region=datong["阳高县"])
    client.force_login(make_user(Role.SUPERVISOR, unit=office))
    page = client.get(reverse("enforcement:body_list")).content.decode()
    assert "阳罚" in page
