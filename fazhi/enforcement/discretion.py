"""Discretion standards (裁量基准) applied to one case. Pure: no database access (only gettext for its messages).

A standard lists, per violation, a fine range for each circumstance level (轻微/一般/较重/严重)
and an exemption list. Given the circumstances an officer records, `assess` returns the range
the decision must keep to and the exemption that applies, in this order of precedence:
不予处罚 (Art. 33 ¶1: minor, promptly corrected, no harm) → 首违不罚 (Art. 33 ¶1: first
violation, minor harm, promptly corrected) → 减轻处罚 (Art. 32: below the level's minimum)
→ 从轻处罚 (Art. 32: the lower half of the level's range). An exemption applies only when the
standard's exemption list contains it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

LEVELS = ("minor", "general", "serious", "severe")
HARM_NONE, HARM_MINOR, HARM_SOME = "none", "minor", "some"
NO_PENALTY, FIRST_OFFENCE, MITIGATED, LENIENT = (
    "no_penalty",
    "first_offence",
    "mitigated",
    "lenient",
)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class LevelRange:
    level: str
    fine_min: Decimal
    fine_max: Decimal


@dataclass(frozen=True)
class Circumstances:
    level: str
    first_offence: bool = False
    corrected_promptly: bool = False
    harm: str = HARM_SOME
    mitigating: bool = False  # 主动消除或者减轻危害后果、配合查处有立功表现等
    lenient: bool = False  # 从轻情节


@dataclass(frozen=True)
class Assessment:
    level: str
    fine_min: Decimal
    fine_max: Decimal
    exemption: str | None  # one of NO_PENALTY, FIRST_OFFENCE, MITIGATED, LENIENT
    no_penalty: bool

    def allows(self, fine: Decimal | None) -> bool:
        if fine is None:
            return self.no_penalty
        return self.fine_min <= fine <= self.fine_max


class StandardError(ValueError):
    pass


def validate_levels(levels: Iterable[LevelRange]) -> None:
    """Ranges must be non-negative, min ≤ max, and not decrease as the level rises."""
    previous: LevelRange | None = None
    for item in sorted(levels, key=lambda r: LEVELS.index(r.level)):
        if item.fine_min < 0 or item.fine_max < item.fine_min:
            raise StandardError(
                _("“%(level)s”档的罚款范围无效:%(low)s–%(high)s")
                % {"level": item.level, "low": item.fine_min, "high": item.fine_max}
            )
        if previous and (item.fine_min < previous.fine_min or item.fine_max < previous.fine_max):
            raise StandardError(_("较高情节档的罚款范围不能低于较低情节档"))
        previous = item


def assess(
    levels: Mapping[str, LevelRange], exemptions: Iterable[str], facts: Circumstances
) -> Assessment:
    if facts.level not in levels:
        raise StandardError(_("该裁量基准未规定“%(level)s”情节的处罚范围") % {"level": facts.level})
    listed = set(exemptions)
    band = levels[facts.level]
    zero = Decimal("0.00")
    if (
        NO_PENALTY in listed
        and facts.level == "minor"
        and facts.corrected_promptly
        and facts.harm == HARM_NONE
    ):
        return Assessment(facts.level, zero, zero, NO_PENALTY, True)
    if (
        FIRST_OFFENCE in listed
        and facts.first_offence
        and facts.corrected_promptly
        and facts.harm in (HARM_NONE, HARM_MINOR)
    ):
        return Assessment(facts.level, zero, zero, FIRST_OFFENCE, True)
    if MITIGATED in listed and facts.mitigating and facts.level != "severe":
        return Assessment(facts.level, zero, band.fine_min, MITIGATED, False)
    if LENIENT in listed and facts.lenient:
        middle = (band.fine_min + (band.fine_max - band.fine_min) / 2).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
        return Assessment(facts.level, band.fine_min, middle, LENIENT, False)
    return Assessment(facts.level, band.fine_min, band.fine_max, None, False)
