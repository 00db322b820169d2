"""Enforcement periods and the training quota (行政处罚法, 国办发〔2018〕118号, 国发〔2019〕5号)."""

from django.utils.translation import gettext_noop

from fazhi.core.periods import Period, PeriodUnit

PENALTY_LAW = gettext_noop("行政处罚法")

PERIODS = [
    Period(
        "enforcement.hearing_request",
        gettext_noop("申请听证期限(告知后)"),
        5,
        PeriodUnit.WORKING_DAY,
        PENALTY_LAW,
        gettext_noop("第六十四条"),
    ),
    Period(
        "enforcement.decision",
        gettext_noop("作出处罚决定期限(立案后)"),
        90,
        PeriodUnit.CALENDAR_DAY,
        PENALTY_LAW,
        gettext_noop("第六十条"),
    ),
    Period(
        "enforcement.service",
        gettext_noop("送达期限(决定后)"),
        7,
        PeriodUnit.WORKING_DAY,
        PENALTY_LAW,
        gettext_noop("第六十一条"),
    ),
    Period(
        "enforcement.decision_publicity",
        gettext_noop("处罚决定公示期限(决定后)"),
        7,
        PeriodUnit.WORKING_DAY,
        gettext_noop("国办发〔2018〕118号"),
        "",
    ),
    Period(
        "enforcement.inspection_result",
        gettext_noop("抽查结果录入公示期限(抽取后)"),
        20,
        PeriodUnit.WORKING_DAY,
        gettext_noop("国发〔2019〕5号"),
        "",
    ),
    Period(
        "enforcement.training_hours",
        gettext_noop("每人每年法律知识培训学时"),
        60,
        PeriodUnit.HOUR,
        gettext_noop("天发〔2022〕42号;国办发〔2023〕27号"),
        "",
    ),
]
