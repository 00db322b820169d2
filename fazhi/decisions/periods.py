"""Periods of 重大行政决策程序暂行条例 and the seed's catalogue date, editable on core's page."""

from django.utils.translation import gettext_noop

from fazhi.core.periods import Period, PeriodUnit

LAW = gettext_noop("重大行政决策程序暂行条例")
SEED = gettext_noop("本地法治政府建设实施方案")

PERIODS = [
    Period(
        "decisions.comment_period",
        gettext_noop("决策草案公开征求意见期限(不少于)"),
        30,
        PeriodUnit.CALENDAR_DAY,
        LAW,
        gettext_noop("第15条"),
        gettext_noop("一般不少于30日;因情况紧急等原因需要缩短的,应当予以说明"),
    ),
    Period(
        "decisions.hearing_materials",
        gettext_noop("听证材料送达听证参加人(听证前不少于)"),
        7,
        PeriodUnit.CALENDAR_DAY,
        LAW,
        gettext_noop("第16条"),
    ),
    Period(
        "decisions.legality_review",
        gettext_noop("合法性审查时间(不少于)"),
        7,
        PeriodUnit.WORKING_DAY,
        LAW,
        gettext_noop("第26条第2款"),
        gettext_noop(
            "送请合法性审查,应当保证必要的审查时间,一般不少于7个工作日;送审时要求的完成日期"
            "早于此日须说明理由,审查机构可以提前出具意见(第28条:及时提出)"
        ),
    ),
    Period(
        "decisions.catalog_publication",
        gettext_noop("年度决策事项目录公布时限(当年第N个月底前)"),
        4,
        PeriodUnit.MONTH,
        SEED,
        "",
        gettext_noop(
            "条例第3条未规定公布日期;“每年4月底前”是本地实施方案的规定,各省可按本地规定修改"
        ),
    ),
    Period(
        "decisions.execution_report",
        gettext_noop("决策执行情况报告周期"),
        6,
        PeriodUnit.MONTH,
        LAW,
        gettext_noop("第35条"),
        gettext_noop("条例未规定报告频次,按本地规定设定"),
    ),
]
