"""Statutory periods of the disputes capability, declared on the kernel's registry.

`fazhi.core.periods.due("disputes.<name>", start)` is the only way this app turns a period
into a date; the legal office edits the values on the core page (`core:period_list?app=disputes`).
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from fazhi.core.periods import Period, PeriodUnit

from .choices import Procedure

RECON_LAW = gettext_noop("行政复议法(2023修订)")
LIT_LAW = gettext_noop("行政诉讼法")
PETITION_LAW = gettext_noop("信访工作条例(2022)")
WD = PeriodUnit.WORKING_DAY
DAYS = PeriodUnit.CALENDAR_DAY

# National defaults (statutory-rules.md §1.1, §1.4, §1.7). Art. 88 of the reconsideration law:
# 3, 5, 7 and 10 days are working days, any other number is calendar days.
PERIODS = [
    Period(
        "disputes.recon_application",
        gettext_noop("申请行政复议"),
        60,
        DAYS,
        RECON_LAW,
        gettext_noop("第20条"),
        gettext_noop("自知道该行政行为之日起"),
    ),
    Period(
        "disputes.recon_acceptance",
        gettext_noop("复议申请受理审查"),
        5,
        WD,
        RECON_LAW,
        gettext_noop("第30条"),
        gettext_noop("期满未作出不予受理决定的,视为受理"),
    ),
    Period(
        "disputes.recon_supplement_notice",
        gettext_noop("发出补正通知"),
        5,
        WD,
        RECON_LAW,
        gettext_noop("第31条"),
        gettext_noop("自收到申请之日起"),
    ),
    Period(
        "disputes.recon_supplement_reply",
        gettext_noop("申请人补正材料"),
        10,
        WD,
        RECON_LAW,
        gettext_noop("第31条"),
        gettext_noop("无正当理由逾期不补正的,视为放弃申请"),
    ),
    Period(
        "disputes.recon_copy_ordinary",
        gettext_noop("普通程序:申请书副本发送被申请人"),
        7,
        WD,
        RECON_LAW,
        gettext_noop("第48条"),
    ),
    Period(
        "disputes.recon_reply_ordinary",
        gettext_noop("普通程序:被申请人书面答复"),
        10,
        WD,
        RECON_LAW,
        gettext_noop("第48条"),
        gettext_noop("自收到申请书副本之日起"),
    ),
    Period(
        "disputes.recon_copy_simplified",
        gettext_noop("简易程序:申请书副本发送被申请人"),
        3,
        WD,
        RECON_LAW,
        gettext_noop("第54条"),
    ),
    Period(
        "disputes.recon_reply_simplified",
        gettext_noop("简易程序:被申请人书面答复"),
        5,
        WD,
        RECON_LAW,
        gettext_noop("第54条"),
        gettext_noop("自收到申请书副本之日起"),
    ),
    Period(
        "disputes.recon_hearing_notice",
        gettext_noop("听证通知提前"),
        5,
        WD,
        RECON_LAW,
        gettext_noop("第50条"),
        gettext_noop("听证前五个工作日通知当事人"),
    ),
    Period(
        "disputes.recon_decision_ordinary",
        gettext_noop("普通程序:作出复议决定"),
        60,
        DAYS,
        RECON_LAW,
        gettext_noop("第62条第1款"),
        gettext_noop("自受理之日起"),
    ),
    Period(
        "disputes.recon_decision_simplified",
        gettext_noop("简易程序:作出复议决定"),
        30,
        DAYS,
        RECON_LAW,
        gettext_noop("第62条第2款"),
        gettext_noop("自受理之日起"),
    ),
    Period(
        "disputes.recon_extension_max",
        gettext_noop("决定期限最长延长"),
        30,
        DAYS,
        RECON_LAW,
        gettext_noop("第62条第1款"),
        gettext_noop("经复议机构负责人批准"),
    ),
    Period(
        "disputes.recon_suspension_lapse",
        gettext_noop("中止满期终止"),
        60,
        DAYS,
        RECON_LAW,
        gettext_noop("第41条第5项"),
        gettext_noop("因第39条第1款第1、2、4项中止满期,原因仍未消除的,终止行政复议"),
    ),
    Period(
        "disputes.recon_opinion_reply",
        gettext_noop("意见书:报送纠正情况"),
        60,
        DAYS,
        RECON_LAW,
        gettext_noop("第76条"),
        gettext_noop("自收到意见书之日起"),
    ),
    Period(
        "disputes.recon_recommendation_reply",
        gettext_noop("建议书:反馈落实情况"),
        60,
        DAYS,
        RECON_LAW,
        gettext_noop("第76条"),
        gettext_noop("本县参照意见书执行,可按省市规定调整"),
    ),
    Period(
        "disputes.lit_defence",
        gettext_noop("提交答辩状及证据"),
        15,
        DAYS,
        LIT_LAW,
        gettext_noop("第67条"),
        gettext_noop("自收到起诉状副本之日起"),
    ),
    Period(
        "disputes.lit_judicial_reply",
        gettext_noop("司法建议:书面回复"),
        60,
        DAYS,
        gettext_noop("最高人民法院关于加强司法建议工作的意见"),
        "—",
        gettext_noop("常见为两个月,以建议书载明期限为准"),
    ),
    Period(
        "disputes.lit_procuratorial_reply",
        gettext_noop("检察建议:书面回复"),
        60,
        DAYS,
        gettext_noop("人民检察院检察建议工作规定"),
        gettext_noop("第19条"),
        gettext_noop("两个月内书面回复,以建议书载明期限为准"),
    ),
    Period(
        "disputes.petition_acceptance",
        gettext_noop("信访事项:告知是否受理"),
        15,
        DAYS,
        PETITION_LAW,
        gettext_noop("第22、23条"),
    ),
    Period(
        "disputes.petition_handling",
        gettext_noop("信访事项:办结"),
        60,
        DAYS,
        PETITION_LAW,
        gettext_noop("第34条"),
        gettext_noop("自受理之日起"),
    ),
    Period(
        "disputes.petition_extension_max",
        gettext_noop("信访事项:最长延长"),
        30,
        DAYS,
        PETITION_LAW,
        gettext_noop("第34条"),
        gettext_noop("经本机关负责人批准"),
    ),
]


def by_procedure(period: str, procedure: str) -> str:
    """The key of a reconsideration period that the procedure sets (`copy`, `reply`, `decision`):
    `disputes.recon_<period>_simplified` in the simplified procedure, else `_ordinary`."""
    track = "simplified" if procedure == Procedure.SIMPLIFIED else "ordinary"
    return f"disputes.recon_{period}_{track}"
