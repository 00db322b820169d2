"""core.names.local_name: a unit's name without its own region's, for any level."""

from types import SimpleNamespace

import pytest

from fazhi.core.names import local_name


def region(name, parent=None):
    return SimpleNamespace(name=name, parent=parent)


PROVINCE = region("山西省")
CITY = region("大同市", PROVINCE)


@pytest.mark.parametrize(
    "name, where, expected",
    [
        ("天镇县市场监督管理局", region("天镇县", CITY), "市场监督管理局"),
        ("阳高县司法局", region("阳高县", CITY), "司法局"),
        ("大同市生态环境局", CITY, "生态环境局"),
        ("山西省司法厅", PROVINCE, "司法厅"),
        # named with the regions above its own
        ("大同市平城区司法局", region("平城区", CITY), "司法局"),
        ("山西省大同市天镇县税务局", region("天镇县", CITY), "税务局"),
        # not starting with its regions, or only the region's own name: whole
        ("中共天镇县委", region("天镇县", CITY), "中共天镇县委"),
        ("阳高县驻天镇县办事处", region("天镇县", CITY), "阳高县驻天镇县办事处"),
        ("天镇县", region("天镇县", CITY), "天镇县"),
        ("", region("天镇县", CITY), ""),
        ("某局", None, "某局"),
    ],
)
def test_local_name(name, where, expected):
    assert local_name(name, where) == expected


def test_the_parent_is_read_only_when_the_own_name_does_not_lead():
    class Guarded(SimpleNamespace):
        @property
        def parent(self):
            raise AssertionError("parent read")

    assert local_name("天镇县司法局", Guarded(name="天镇县")) == "司法局"
