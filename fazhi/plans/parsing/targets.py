"""Quantified targets: "压减30%以上", "不低于90%", "缩短2/3以上", "不少于60学时", "至少一次".

A percentage or a fraction is a target by itself ("100%应用" is == 100 %); a count ("两期",
"一次", "1个") only with a comparator word, or every "一个部门" would be one. A fraction is
converted to a percentage rounded to two decimals: "2/3以上" → >= 66.67 %.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

_COUNT_UNITS = "个百分点|个工作日|学时|课时|小时|人次|期|次|个|项|家|人|场|件|天|名|所|篇|批|轮|万元|亿元|元|户|座|条|份"
_QUANTITY = re.compile(
    r"(?<![\d./])(?:"
    r"(?P<pct>\d+(?:\.\d+)?)%"
    r"|(?P<num>\d{1,3})/(?P<den>\d{1,3})(?![\d/])"
    r"|(?P<cden>[二两三四五六七八九十])分之(?P<cnum>[一二两三四五六七八九])"
    r"|百分之(?P<cnpct>[零一二两三四五六七八九十百点]+)"
    rf"|(?P<count>\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(?P<unit>{_COUNT_UNITS})"
    r")(?P<post>及以上|以上|以下|以内)?"
)
# comparator words directly before the quantity
_BEFORE = {
    "不低于": ">=",
    "不少于": ">=",
    "不得低于": ">=",
    "不得少于": ">=",
    "至少": ">=",
    "最少": ">=",
    "达到": ">=",
    "超过": ">",
    "高于": ">",
    "多于": ">",
    "不超过": "<=",
    "不高于": "<=",
    "不多于": "<=",
    "控制在": "<=",
    "低于": "<",
    "少于": "<",
}
# … and the ones that may stand a verb away: "至少召开一次", "至少接受一次"
_GAPPED = ("至少", "最少", "不少于")
_AFTER = {"及以上": ">=", "以上": ">=", "以下": "<=", "以内": "<="}
_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]{1,4}$")


@dataclass(frozen=True)
class FoundTarget:
    start: int  # the quantity
    end: int
    value: int | float
    unit: str
    comparator: str


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


def _comparator_before(text: str, start: int) -> str | None:
    left = text[max(0, start - 8) : start]
    for word in sorted(_BEFORE, key=len, reverse=True):
        if left.endswith(word):
            return _BEFORE[word]
    for word in _GAPPED:
        at = left.rfind(word)
        if at >= 0 and _CJK_ONLY.match(left[at + len(word) :]):
            return _BEFORE[word]
    return None


def find(text: str) -> list[FoundTarget]:
    found: list[FoundTarget] = []
    for m in _QUANTITY.finditer(text):
        before = _comparator_before(text, m.start())
        after = _AFTER.get(m["post"] or "")
        try:
            value, unit = _read(m)
        except (ValueError, ZeroDivisionError):
            continue
        if m["count"] and not (before or after):
            continue
        comparator = before if before and before != ">=" else after or before or "=="
        found.append(FoundTarget(m.start(), m.end(), value, unit, comparator))
    return found


def _read(m: re.Match) -> tuple[int | float, str]:
    if m["pct"]:
        return _number(float(m["pct"])), "%"
    if m["num"]:
        num, den = int(m["num"]), int(m["den"])
        if not 0 < num < den:
            raise ValueError(m.group())
        return _number(num * 100 / den), "%"
    if m["cden"]:
        num, den = cn2an.cn2an(m["cnum"], "smart"), cn2an.cn2an(m["cden"], "smart")
        if not 0 < num < den:
            raise ValueError(m.group())
        return _number(num * 100 / den), "%"
    if m["cnpct"]:
        return _number(float(cn2an.cn2an(m["cnpct"], "smart"))), "%"
    count = m["count"]
    value = float(count) if count[0].isdigit() else float(cn2an.cn2an(count, "smart"))
    return _number(value), m["unit"]
