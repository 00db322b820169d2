"""Statutory periods of the disputes capability: editable rows, national defaults below.

`due(key, start)` is the only way this app turns a period into a date; it goes through
`core.holidays.deadline`, so 2026's Spring Festival and adjusted weekends are honoured.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext, gettext_noop

from fazhi.core.calendar import Deadline
from fazhi.core.holidays import deadline

RECON_LAW = gettext_noop("行政复议法(2023修订)")
LIT_LAW = gettext_noop("行政诉讼法")
PETITION_LAW = gettext_noop("信访工作条例(2022)")


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    days: int
    working: bool
    law: str
    article: str
    note: str = ""

    @property
    def text(self) -> str:
        return length(self.days, self.working)

    @property
    def basis(self) -> str:
        return basis(self.law, self.article)


def shown(text: str) -> str:
    """A period's label, law, article or note as shown.

    The national defaults below are stored in the table in Chinese and shown in the interface
    language; a text an administrator has edited is shown as saved.
    """
    return gettext(text) if text else ""


def length(days: int, working: bool) -> str:
    if working:
        return gettext("%(days)s个工作日") % {"days": days}
    return gettext("%(days)s日") % {"days": days}


def basis(law: str, article: str) -> str:
    """Where a period comes from, e.g. 行政复议法(2023修订)第30条."""
    if not article or article == "—":
        return shown(law)
    return gettext("%(law)s%(article)s") % {"law": shown(law), "article": shown(article)}


# National defaults (statutory-rules.md §1.1, §1.4, §1.7). Art. 88 of the reconsideration law:
# 3, 5, 7 and 10 days are working days, any other number is calendar days.
DEFAULT_PERIODS: tuple[Period, ...] = (
    Period(
        "recon_acceptance",
        gettext_noop("复议申请受理审查"),
        5,
        True,
        RECON_LAW,
        gettext_noop("第30条"),
        gettext_noop("期满未作出不予受理决定的,视为受理"),
    ),
    Period(
        "recon_supplement_notice",
        gettext_noop("发出补正通知"),
        5,
        True,
        RECON_LAW,
        gettext_noop("第31条"),
        gettext_noop("自收到申请之日起"),
    ),
    Period(
        "recon_supplement_reply",
        gettext_noop("申请人补正材料"),
        10,
        True,
        RECON_LAW,
        gettext_noop("第31条"),
        gettext_noop("无正当理由逾期不补正的,视为放弃申请"),
    ),
    Period(
        "recon_copy_ordinary",
        gettext_noop("普通程序:申请书副本发送被申请人"),
        7,
        True,
        RECON_LAW,
        gettext_noop("第48条"),
    ),
    Period(
        "recon_reply_ordinary",
        gettext_noop("普通程序:被申请人书面答复"),
        10,
        True,
        RECON_LAW,
        gettext_noop("第48条"),
        gettext_noop("自收到申请书副本之日起"),
    ),
    Period(
        "recon_copy_simplified",
        gettext_noop("简易程序:申请书副本发送被申请人"),
        3,
        True,
        RECON_LAW,
        gettext_noop("第54条"),
    ),
    Period(
        "recon_reply_simplified",
        gettext_noop("简易程序:被申请人书面答复"),
        5,
        True,
        RECON_LAW,
        gettext_noop("第54条"),
        gettext_noop("自收到申请书副本之日起"),
    ),
    Period(
        "recon_hearing_notice",
        gettext_noop("听证通知提前"),
        5,
        True,
        RECON_LAW,
        gettext_noop("第50条"),
        gettext_noop("听证前五个工作日通知当事人"),
    ),
    Period(
        "recon_decision_ordinary",
        gettext_noop("普通程序:作出复议决定"),
        60,
        False,
        RECON_LAW,
        gettext_noop("第62条第1款"),
        gettext_noop("自受理之日起"),
    ),
    Period(
        "recon_decision_simplified",
        gettext_noop("简易程序:作出复议决定"),
        30,
        False,
        RECON_LAW,
        gettext_noop("第62条第2款"),
        gettext_noop("自受理之日起"),
    ),
    Period(
        "recon_extension_max",
        gettext_noop("决定期限最长延长"),
        30,
        False,
        RECON_LAW,
        gettext_noop("第62条第1款"),
        gettext_noop("经复议机构负责人批准"),
    ),
    Period(
        "recon_suspension_lapse",
        gettext_noop("中止满期终止"),
        60,
        False,
        RECON_LAW,
        gettext_noop("第41条第5项"),
        gettext_noop("因第39条第1款第1、2、4项中止满期,原因仍未消除的,终止行政复议"),
    ),
    Period(
        "recon_opinion_reply",
        gettext_noop("意见书:报送纠正情况"),
        60,
        False,
        RECON_LAW,
        gettext_noop("第76条"),
        gettext_noop("自收到意见书之日起"),
    ),
    Period(
        "recon_recommendation_reply",
        gettext_noop("建议书:反馈落实情况"),
        60,
        False,
        RECON_LAW,
        gettext_noop("第76条"),
        gettext_noop("本县参照意见书执行,可按省市规定调整"),
    ),
    Period(
        "lit_defence",
        gettext_noop("提交答辩状及证据"),
        15,
        False,
        LIT_LAW,
        gettext_noop("第67条"),
        gettext_noop("自收到起诉状副本之日起"),
    ),
    Period(
        "lit_judicial_reply",
        gettext_noop("司法建议:书面回复"),
        60,
        False,
        gettext_noop("最高人民法院关于加强司法建议工作的意见"),
        "—",
        gettext_noop("常见为两个月,以建议书载明期限为准"),
    ),
    Period(
        "lit_procuratorial_reply",
        gettext_noop("检察建议:书面回复"),
        60,
        False,
        gettext_noop("人民检察院检察建议工作规定"),
        gettext_noop("第19条"),
        gettext_noop("两个月内书面回复,以建议书载明期限为准"),
    ),
    Period(
        "petition_acceptance",
        gettext_noop("信访事项:告知是否受理"),
        15,
        False,
        PETITION_LAW,
        gettext_noop("第22、23条"),
    ),
    Period(
        "petition_handling",
        gettext_noop("信访事项:办结"),
        60,
        False,
        PETITION_LAW,
        gettext_noop("第34条"),
        gettext_noop("自受理之日起"),
    ),
    Period(
        "petition_extension_max",
        gettext_noop("信访事项:最长延长"),
        30,
        False,
        PETITION_LAW,
        gettext_noop("第34条"),
        gettext_noop("经本机关负责人批准"),
    ),
)
DEFAULTS = {p.key: p for p in DEFAULT_PERIODS}
_CACHE_KEY = "fazhi:disputes:periods:v1"


def periods() -> dict[str, Period]:
    """Rows from the table where edited, national defaults otherwise."""
    table = cache.get(_CACHE_KEY)
    if table is None:
        from .models import StatutoryPeriod

        table = dict(DEFAULTS)
        for row in StatutoryPeriod.objects.all():
            table[row.key] = Period(
                row.key, row.label, row.days, row.working, row.law, row.article, row.note
            )
        cache.set(_CACHE_KEY, table, 600)
    return table


def invalidate() -> None:
    cache.delete(_CACHE_KEY)


def period(key: str) -> Period:
    return periods()[key]


def due(key: str, start: dt.date, *, extra_days: int = 0) -> Deadline:
    """The end of period `key` counted from `start` (plus `extra_days` of approved extension)."""
    p = period(key)
    return deadline(start, p.days + extra_days, working=p.working)
