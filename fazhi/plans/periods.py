"""The plans app's configured period, editable on core's period page (`core:period_list`)."""

from django.utils.translation import gettext_noop

from fazhi.core.periods import Period, PeriodUnit

NOTICE_REPLY = "plans.notice_reply"

PERIODS = [
    Period(
        NOTICE_REPLY,
        gettext_noop("督办单回复期限"),
        5,
        PeriodUnit.WORKING_DAY,
        gettext_noop("本级督办工作制度"),
        "",
        gettext_noop("自签发之日起计算;无上位法规定,按本县(市、省)督办制度设定"),
    )
]
