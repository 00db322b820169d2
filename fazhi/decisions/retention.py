"""Personal data of the decisions capability past its need (core.retention)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from fazhi.core.periods import Period, PeriodUnit
from fazhi.core.retention import PIPL, Rule

PERIODS = [
    Period(
        "decisions.retention_comment_client",
        gettext_noop("公众意见提交端摘要的保存期限"),
        30,
        PeriodUnit.CALENDAR_DAY,
        PIPL,
        gettext_noop("第19条、第47条"),
        gettext_noop(
            "征求意见截止后清除提交端地址摘要(仅用于征求期内限制重复提交);"
            "意见内容与署名属于决策过程记录,保留"
        ),
    )
]
RULES = [
    Rule(
        "decisions.comment_client",
        "decisions.Comment",
        "consultation__closes_on",
        "decisions.retention_comment_client",
        blank=("client_digest",),
    )
]
