"""Figures the plan ledger's targets read (e.g. measure (十九): appearance rate 100% by 2025).

Keys are registered by `fazhi.plans.indicators.registry()` as `disputes.<key>`, e.g.
`disputes.head_appearance_rate`.
"""

from django.utils.translation import gettext_lazy as _

from fazhi.plans.indicators import Indicator

from . import selectors

INDICATORS = {
    "head_appearance_rate": Indicator(
        label=_("行政机关负责人出庭应诉率"),
        unit="%",
        compute=lambda year: selectors.head_appearance_rate(year=year),
    ),
    "reconsideration_correction_rate": Indicator(
        label=_("行政复议纠错率"),
        unit="%",
        compute=lambda year: selectors.reconsideration_correction_rate(year=year),
    ),
    "litigation_cases": Indicator(
        label=_("行政诉讼案件数"),
        unit=_("件"),
        compute=lambda year: float(selectors.litigation_case_count(year=year)),
    ),
    "litigation_losses": Indicator(
        label=_("行政诉讼败诉案件数"),
        unit=_("件"),
        compute=lambda year: float(selectors.litigation_loss_count(year=year)),
    ),
}
