from django.utils.translation import gettext_noop

from fazhi.core.periods import Period, PeriodUnit

PERIODS = [
    Period(
        "notifications.deadline_lead",
        gettext_noop("期限到期前提醒"),
        5,
        PeriodUnit.CALENDAR_DAY,
        gettext_noop("本平台设置"),
        "",
        gettext_noop("法定期限届满前多少日起每日提醒经办人;各地可设定本地区的值"),
    ),
    Period(
        "notifications.retry_hours",
        gettext_noop("消息发送失败后重试的最长时间"),
        72,
        PeriodUnit.HOUR,
        gettext_noop("本平台设置"),
        "",
        gettext_noop("邮件服务器或群机器人不可用时,在此时间内持续重试,之后标记为发送失败"),
    ),
]
