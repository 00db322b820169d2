"""Computed indicators: figures other apps derive from their own data, linked to plan targets.

Each app may define `fazhi/<app>/indicators.py` with `INDICATORS: dict[str, Indicator]`; a
supervisor links a `Target` to one of the keys and the target's current value comes from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module


@dataclass(frozen=True)
class Standing:
    """Whether one year's recurring obligation is met, as an app's data shows it."""

    # The day the last of those who owe it met it; None while any is missing.
    met_on: dt.date | None
    missing: tuple[str, ...] = ()
    late: tuple[str, ...] = ()


@dataclass(frozen=True)
class Indicator:
    """A figure for one year, e.g. the head-appearance rate (负责人出庭应诉率) in percent."""

    label: str
    unit: str
    compute: Callable[[int], float | None]
    # The page listing what the figure is computed from (the ledger's click-through), by year.
    url: Callable[[int], str] | None = None
    # A regional figure is computed for the plan's region (GB/T 2260 code: that region and
    # below, `compute(year, region)`); otherwise it counts the whole installation.
    regional: bool = False
    # A recurring obligation the data settles (`compute`'s region rule): `standing(year, region)`.
    # A linked task's obligation of that year closes on `met_on` (`plans.standing.settle`).
    standing: Callable[[int, str | None], Standing] | None = None


@cache
def registry() -> dict[str, Indicator]:
    """Every installed app's indicators, keyed `<app label>.<key>`."""
    from django.apps import apps

    found: dict[str, Indicator] = {}
    for config in apps.get_app_configs():
        module_name = f"{config.name}.indicators"
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        for key, indicator in getattr(module, "INDICATORS", {}).items():
            if isinstance(indicator, Indicator):
                found[f"{config.label}.{key}"] = indicator
    return found


def indicator_value(key: str, year: int, region: str | None = None) -> float | None:
    indicator = registry().get(key)
    if not indicator:
        return None
    if indicator.regional:
        return indicator.compute(year, region)
    return indicator.compute(year)


def indicator_url(key: str, year: int) -> str:
    indicator = registry().get(key)
    return indicator.url(year) if indicator and indicator.url else ""
