"""Lead times (how many days before a statutory deadline the daily job starts alerting), one per
kind of clock the apps' `alerts.py` report, and the retry horizon. Each is editable per region
on the periods page (`core:period_list?app=notifications`)."""

from django.utils.translation import gettext_noop

from fazhi.core.periods import Period, PeriodUnit

PLATFORM = gettext_noop("本平台设置")
LEAD_NOTE = gettext_noop("法定期限届满前多少日起每日提醒经办人;各地可设定本地区的值")


def _lead(name: str, label: str, days: int) -> Period:
    return Period(
        f"notifications.lead_{name}", label, days, PeriodUnit.CALENDAR_DAY, PLATFORM, "", LEAD_NOTE
    )


PERIODS = [
    Period(
        "notifications.deadline_lead",
        gettext_noop("期限到期前提醒"),
        5,
        PeriodUnit.CALENDAR_DAY,
        PLATFORM,
        "",
        LEAD_NOTE,
    ),
    _lead("plans_obligation", gettext_noop("提醒:任务时间节点"), 7),
    _lead("plans_notice", gettext_noop("提醒:督办单回复"), 3),
    _lead("normdocs_filing", gettext_noop("提醒:规范性文件报送备案"), 7),
    _lead("normdocs_review", gettext_noop("提醒:合法性审核"), 3),
    _lead("disputes_recon_acceptance", gettext_noop("提醒:复议受理审查"), 2),
    _lead("disputes_recon_copy", gettext_noop("提醒:发送复议申请书副本"), 2),
    _lead("disputes_recon_reply", gettext_noop("提醒:被申请人书面答复"), 3),
    _lead("disputes_recon_decision", gettext_noop("提醒:作出复议决定"), 10),
    _lead("disputes_letter_reply", gettext_noop("提醒:意见书、建议书回复"), 5),
    _lead("disputes_lit_defence", gettext_noop("提醒:应诉答辩"), 5),
    _lead("disputes_petition_acceptance", gettext_noop("提醒:信访受理告知"), 5),
    _lead("disputes_petition_handling", gettext_noop("提醒:信访事项办结"), 10),
    _lead("enforcement_decision", gettext_noop("提醒:作出行政处罚决定"), 10),
    _lead("enforcement_service", gettext_noop("提醒:处罚决定书送达"), 2),
    _lead("enforcement_publicity", gettext_noop("提醒:处罚决定公示"), 2),
    _lead("enforcement_inspection_result", gettext_noop("提醒:抽查结果公示"), 5),
    Period(
        "notifications.retry_hours",
        gettext_noop("消息发送失败后重试的最长时间"),
        72,
        PeriodUnit.HOUR,
        PLATFORM,
        "",
        gettext_noop("邮件服务器或群机器人不可用时,在此时间内持续重试,之后标记为发送失败"),
    ),
]
