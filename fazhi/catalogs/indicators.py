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
    key: Indicator(label=label, unit="%", compute=compute, url=_overview, regional=True)
    for key, label, compute in (
        ("approval_reduction", _("县级行政审批事项压减比例"), targets.approval_reduction),
        (
            "approval_time_reduction",
            _("审批承诺时限较法定时限平均压缩比例"),
            targets.approval_time_reduction,
        ),
        (
            "approval_promise_share",
            _("实行告知承诺的审批事项占比"),
            targets.approval_promise_share,
        ),
    )
}
