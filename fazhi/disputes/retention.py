"""Personal data of the disputes capability past its need (core.retention).

The case file (申请书 with the applicant's name, identity number, address and telephone) is kept
for its archive period and never erased here; only what is not part of the file is.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_noop

from fazhi.core.periods import Period, PeriodUnit
from fazhi.core.retention import PIPL, Rule

from .choices import RECONSIDERATION_CLOSED

PERIODS = [
    Period(
        "disputes.retention_query_code",
        gettext_noop("复议查询码的保存期限"),
        180,
        PeriodUnit.CALENDAR_DAY,
        PIPL,
        gettext_noop("第19条、第47条"),
        gettext_noop("案件办结后清除申请人的网上查询码摘要(不属于案卷)"),
    )
]
RULES = [
    Rule(
        "disputes.query_code",
        "disputes.ReconsiderationCase",
        "updated_at",
        "disputes.retention_query_code",
        blank=("query_code_digest",),
        where=lambda: Q(status__in=RECONSIDERATION_CLOSED),
    )
]
