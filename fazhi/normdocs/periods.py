"""Procedure periods and limits of normative documents, editable on core's period page.

Several rules are the common national practice pending the province's own ([M] in the note):
the legal office checks them there and sets the local value with its basis.
"""

from django.utils.translation import gettext_noop

from fazhi.core.periods import Period, PeriodUnit

GENERAL_OFFICE_37 = gettext_noop("国办发〔2018〕37号")
GENERAL_OFFICE_115 = gettext_noop("国办发〔2018〕115号")
PRACTICE = gettext_noop("通行做法")

PERIODS = [
    Period(
        "normdocs.comment_days",
        gettext_noop("公开征求意见最短期限"),
        30,
        PeriodUnit.CALENDAR_DAY,
        GENERAL_OFFICE_37,
        "",
        gettext_noop("涉及群众切身利益的一般不少于30日 [M]"),
    ),
    Period(
        "normdocs.review_days",
        gettext_noop("合法性审核期限"),
        15,
        PeriodUnit.WORKING_DAY,
        GENERAL_OFFICE_115,
        "",
        gettext_noop("原则上不少于5个、最长不超过15个工作日 [M]"),
    ),
    Period(
        "normdocs.filing_days",
        gettext_noop("公布后报送备案期限"),
        30,
        PeriodUnit.CALENDAR_DAY,
        PRACTICE,
        "",
        gettext_noop("公布之日起30日内报送备案;以省级规定为准 [M]"),
    ),
    Period(
        "normdocs.validity_years",
        gettext_noop("有效期上限(年)"),
        5,
        PeriodUnit.YEAR,
        PRACTICE,
        "",
        gettext_noop("有效期一般不超过5年 [M]"),
    ),
    Period(
        "normdocs.provisional_validity_years",
        gettext_noop("暂行/试行有效期上限(年)"),
        2,
        PeriodUnit.YEAR,
        PRACTICE,
        "",
        gettext_noop("暂行、试行的不超过2年 [M]"),
    ),
    Period(
        "normdocs.effective_gap_days",
        gettext_noop("公布至施行最短间隔"),
        30,
        PeriodUnit.CALENDAR_DAY,
        gettext_noop("规章制定程序条例(参照)"),
        gettext_noop("第三十二条"),
        gettext_noop("公布之日起30日后施行"),
    ),
    Period(
        "normdocs.expiring_months",
        gettext_noop("即将到期提示(月)"),
        6,
        PeriodUnit.MONTH,
        PRACTICE,
        "",
        gettext_noop("到期前6个月提示评估"),
    ),
]
