"""Case and document numbers: the highest serial of the prefix and year plus one."""

import pytest

from fazhi.core import numbering
from fazhi.core.models import Region
from fazhi.disputes.models import MediationCase
from tests.factories import RegionFactory, UnitFactory, UserFactory


def test_format_and_region_helpers(db):
    city = RegionFactory(code="140200", name="大同市")
    county = RegionFactory(code="140222", name="天镇县", parent=city)
    district = RegionFactory(code="140213", name="平城区", parent=city)
    assert numbering.format_number("天调", 2026, 3) == "天调〔2026〕3号"
    assert numbering.region_initial(county) == "天"
    assert numbering.court_name(county) == "天镇县人民法院"
    assert numbering.court_name(district) == "大同市平城区人民法院"
    assert numbering.court_name(None) == ""
    assert isinstance(county, Region)


@pytest.mark.parametrize(
    "existing, expected",
    [
        ([], 1),
        (["天调〔2026〕1号", "天调〔2026〕2号"], 3),
        # a gap or an imported high number: never a number already taken
        (["天调〔2026〕1号", "天调〔2026〕7号"], 8),
        # another year, another prefix and a longer prefix do not count
        (["天调〔2025〕9号", "阳调〔2026〕5号", "天调调〔2026〕4号"], 1),
    ],
)
def test_next_serial_is_the_highest_plus_one(db, existing, expected):
    unit, user = UnitFactory(), UserFactory()
    for number in existing:
        MediationCase.objects.create(
            number=number,
            unit=unit,
            kind="administrative",
            received_on="2026-03-02",
            created_by=user,
        )
    qs = MediationCase.objects.all()
    assert numbering.next_serial(qs, "天调", 2026) == expected
    assert numbering.issue_number(qs, "天调", 2026) == f"天调〔2026〕{expected}号"
