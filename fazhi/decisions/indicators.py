"""Figures the plan ledger reads (seed measure (九): catalogues published on time).

Registered by `fazhi.plans.indicators.registry()` as `decisions.catalog_on_time_rate`: the share
of bodies that published their catalogue by the region's deadline, per plan region; its
standing closes a linked task's yearly obligation once every body has published.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.plans.indicators import Indicator

from . import selectors


def _on_time_page(year: int) -> str:
    return f"{reverse('decisions:catalog_on_time')}?year={year}"


INDICATORS = {
    "catalog_on_time_rate": Indicator(
        label=_("按时公布年度重大行政决策事项目录的决策机关比例"),
        unit="%",
        compute=lambda year, region: selectors.catalog_on_time_rate(year=year, region=region),
        url=_on_time_page,
        regional=True,
        standing=lambda year, region: selectors.catalog_standing(year=year, region=region),
    ),
}
