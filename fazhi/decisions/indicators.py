"""Figures the plan ledger's targets read (seed measure (九): catalogues published on time).

Registered by `fazhi.plans.indicators.registry()` as `decisions.catalog_on_time_rate`.
"""

from django.utils.translation import gettext_lazy as _

from fazhi.plans.indicators import Indicator

from . import selectors

INDICATORS = {
    "catalog_on_time_rate": Indicator(
        label=_("按时公布年度重大行政决策事项目录的决策机关比例"),
        unit="%",
        compute=lambda year: selectors.catalog_on_time_rate(year=year),
    ),
}
