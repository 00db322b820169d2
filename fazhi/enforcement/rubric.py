"""The case-file review rubric (案卷评查评分标准). Pure."""

from __future__ import annotations

from collections.abc import Mapping

ITEMS: tuple[tuple[str, str, int], ...] = (
    ("body", "执法主体合法", 10),
    ("officers", "执法人员具备执法资格且不少于两人", 10),
    ("facts", "事实清楚、证据确凿", 20),
    ("law", "适用法律依据正确", 15),
    ("discretion", "裁量适当,符合裁量基准", 15),
    ("procedure", "程序合法,期限符合规定", 20),
    ("documents", "文书规范、卷宗完整", 10),
)
MAX_TOTAL = sum(points for _, _, points in ITEMS)


class RubricError(ValueError):
    pass


def total(scores: Mapping[str, int]) -> int:
    result = 0
    for key, label, points in ITEMS:
        value = scores.get(key)
        if value is None:
            raise RubricError(f"请为“{label}”打分")
        if not 0 <= int(value) <= points:
            raise RubricError(f"“{label}”的得分应在 0 到 {points} 分之间")
        result += int(value)
    unknown = set(scores) - {key for key, _, _ in ITEMS}
    if unknown:
        raise RubricError(f"未知评分项:{', '.join(sorted(unknown))}")
    return result


def grade(points: int) -> str:
    if points >= 90:
        return "优秀"
    if points >= 75:
        return "良好"
    if points >= 60:
        return "合格"
    return "不合格"
