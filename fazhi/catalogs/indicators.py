"""Measure (五)'s targets computed from the approval lists (`fazhi.plans.indicators`).

Keys: `catalogs.approval_reduction` (压减30%/50%), `catalogs.approval_time_reduction`
(缩短2/3以上, in percent) and `catalogs.approval_promise_share` (告知承诺 share). Each links
to the page of the figures per body and county, where each figure opens the items behind it.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.plans.indicators import Indicator

from . import targets


def _overview(year: int) -> str:
    return f"{reverse('catalogs:targets')}?year={year}"


INDICATORS = {
    "approval_reduction": Indicator(
        label=_("县级行政审批事项压减比例"),
        unit="%",
        compute=targets.approval_reduction,
        url=_overview,
        regional=True,
    ),
    "approval_time_reduction": Indicator(
        label=_("审批承诺时限较法定时限平均压缩比例"),
        unit="%",
        compute=targets.approval_time_reduction,
        url=_overview,
        regional=True,
    ),
    "approval_promise_share": Indicator(
        label=_("实行告知承诺的审批事项占比"),
        unit="%",
        compute=targets.approval_promise_share,
        url=_overview,
        regional=True,
    ),
}
