import sys
import types

from fazhi.plans import indicators
from fazhi.plans.indicators import Indicator, indicator_value, registry


def test_registry_discovers_indicators_of_installed_apps(monkeypatch):
    module = types.ModuleType("fazhi.portal.indicators")
    module.INDICATORS = {
        "visits": Indicator("公众访问量", "次", lambda year: 1000.0 + year),
        "not_an_indicator": object(),
    }
    monkeypatch.setitem(sys.modules, "fazhi.portal.indicators", module)
    registry.cache_clear()
    try:
        found = registry()
        assert found["portal.visits"].label == "公众访问量"
        assert "portal.not_an_indicator" not in found
        assert indicator_value("portal.visits", 2025) == 3025.0
        assert indicator_value("portal.missing", 2025) is None
    finally:
        registry.cache_clear()


def test_apps_without_indicators_are_skipped():
    registry.cache_clear()
    assert all(isinstance(i, indicators.Indicator) for i in registry().values())
    registry.cache_clear()
