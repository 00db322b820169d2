"""The case-file review rubric (案卷评查评分标准). Pure (only gettext for its labels and messages)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

ITEMS: tuple[tuple[str, str, int], ...] = (
    ("body", gettext_lazy("执法主体合法"), 10),
    ("officers", gettext_lazy("执法人员具备执法资格且不少于两人"), 10),
    ("facts", gettext_lazy("事实清楚、证据确凿"), 20),
    ("law", gettext_lazy("适用法律依据正确"), 15),
    ("discretion", gettext_lazy("裁量适当,符合裁量基准"), 15),
    ("procedure", gettext_lazy("程序合法,期限符合规定"), 20),
    ("documents", gettext_lazy("文书规范、卷宗完整"), 10),
)
# The grade is stored in Chinese (CaseFileReview.grade); pages translate it when they show it.
GRADES = (gettext_noop("优秀"), gettext_noop("良好"), gettext_noop("合格"), gettext_noop("不合格"))
MAX_TOTAL = sum(points for _, _, points in ITEMS)


class RubricError(ValueError):
    pass


def total(scores: Mapping[str, int]) -> int:
    result = 0
    for key, label, points in ITEMS:
        value = scores.get(key)
        if value is None:
            raise RubricError(_("请为“%(item)s”打分") % {"item": label})
        if not 0 <= int(value) <= points:
            raise RubricError(
                _("“%(item)s”的得分应在 0 到 %(points)s 分之间") % {"item": label, "points": points}
            )
        result += int(value)
    unknown = set(scores) - {key for key, _, _ in ITEMS}
    if unknown:
        raise RubricError(_("未知评分项:%(keys)s") % {"keys": ", ".join(sorted(unknown))})
    return result


def grade(points: int) -> str:
    if points >= 90:
        return GRADES[0]
    if points >= 75:
        return GRADES[1]
    if points >= 60:
        return GRADES[2]
    return GRADES[3]
