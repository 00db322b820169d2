"""The statutory-period registry: apps declare periods, one table keeps them editable, one `due()`.

    # fazhi/disputes/periods.py
    PERIODS = [
        Period("disputes.recon_acceptance", gettext_noop("复议申请受理审查"), 5,
               PeriodUnit.WORKING_DAY, RECON_LAW, gettext_noop("第30条")),
    ]

    periods.due("disputes.recon_acceptance", received_on)        # -> Deadline(date, provisional)
    periods.due("decisions.catalog_publication", start, region="140222")

The table (`core.StatutoryPeriod`) is seeded from the declarations after every migrate and
keeps what the legal office has edited (page `core:period_list`, audited through
`services.period_update`). A row may hold a region: a province, city or county may set its
own value, found before the national default (140222 → 140200 → 140000 → national).
Labels, laws and articles of the national defaults are stored in Chinese and shown in the
interface language; a text someone edited is shown as saved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db import models
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext, gettext_lazy

from .calendar import Deadline, add_months
from .holidays import deadline as _deadline
from .holidays import holiday_table

_CACHE_KEY = "fazhi:periods:v1"


class PeriodUnit(models.TextChoices):
    WORKING_DAY = "working_day", gettext_lazy("工作日")
    CALENDAR_DAY = "calendar_day", gettext_lazy("日")
    MONTH = "month", gettext_lazy("个月")
    YEAR = "year", gettext_lazy("年")
    HOUR = "hour", gettext_lazy("学时")
    COUNT = "count", gettext_lazy("项")


DATE_UNITS = (PeriodUnit.WORKING_DAY, PeriodUnit.CALENDAR_DAY, PeriodUnit.MONTH, PeriodUnit.YEAR)


@dataclass(frozen=True)
class Period:
    """A declared period or quota with its national default and legal source."""

    key: str  # "app.name"
    label: str  # gettext_noop: stored in Chinese, shown translated
    value: int
    unit: str
    law: str
    article: str
    note: str = ""

    @property
    def app_label(self) -> str:
        return self.key.split(".", 1)[0]


@dataclass(frozen=True)
class Setting:
    """What `due()` uses: a declaration, possibly overridden by a row of the table."""

    key: str
    value: int
    unit: str
    law: str
    article: str


_declared: dict[str, Period] | None = None


def declared() -> dict[str, Period]:
    """Every app's `periods.PERIODS` and `retention.PERIODS`, by key (discovered once)."""
    global _declared
    if _declared is None:
        # Retention periods of personal data (core.retention) are periods of this table too.
        autodiscover_modules("periods", "retention")
        found: dict[str, Period] = {}
        for config in apps.get_app_configs():
            declaring = (getattr(config.module, name, None) for name in ("periods", "retention"))
            for period in (p for module in declaring for p in getattr(module, "PERIODS", ())):
                if period.app_label != config.label:
                    raise ValueError(f"period {period.key} is declared by app {config.label}")
                if period.key in found:
                    raise ValueError(f"period {period.key} is declared twice")
                found[period.key] = period
        _declared = found
    return _declared


def _table() -> dict[tuple[str, str], Setting]:
    rows = cache.get(_CACHE_KEY)
    if rows is None:
        from .models import StatutoryPeriod

        rows = {
            (p.key, p.region_id or ""): Setting(p.key, p.value, p.unit, p.law, p.article)
            for p in StatutoryPeriod.objects.all()
        }
        cache.set(_CACHE_KEY, rows, 3600)
    return rows


def invalidate() -> None:
    cache.delete(_CACHE_KEY)


def _region_chain(region: str | None) -> list[str]:
    if not region:
        return [""]
    chain = [region]
    if not region.endswith("00"):
        chain.append(region[:4] + "00")
    if not region.endswith("0000"):
        chain.append(region[:2] + "0000")
    return [*dict.fromkeys(chain), ""]


def setting(key: str, *, region: str | None = None) -> Setting:
    """The value in force for `key` in `region` (its own, a parent region's, or the national)."""
    table = _table()
    for code in _region_chain(region):
        row = table.get((key, code))
        if row is not None:
            return row
    period = declared().get(key)
    if period is None:
        raise KeyError(f"unknown period {key!r}: declare it in the app's periods.py")
    return Setting(period.key, period.value, period.unit, period.law, period.article)


def value(key: str, *, region: str | None = None) -> int:
    return setting(key, region=region).value


def due(key: str, start: dt.date, *, extra_days: int = 0, region: str | None = None) -> Deadline:
    """When the period `key` that starts on `start` ends; extra calendar days come first."""
    row = setting(key, region=region)
    if row.unit not in DATE_UNITS:
        raise ValueError(f"period {key!r} is a quota ({row.unit}), not a period of time")
    if row.unit in (PeriodUnit.MONTH, PeriodUnit.YEAR):
        months = row.value * (12 if row.unit == PeriodUnit.YEAR else 1)
        base = add_months(start, months, holiday_table())
        if not extra_days:
            return base
        later = _deadline(base.date, extra_days, working=False)
        return Deadline(later.date, base.provisional or later.provisional)
    working = row.unit == PeriodUnit.WORKING_DAY
    if extra_days and working:
        shifted = start + dt.timedelta(days=extra_days)
        return _deadline(shifted, row.value, working=True)
    return _deadline(start, row.value + (extra_days if not working else 0), working=working)


def length(amount: int, unit: str) -> str:
    """A period as read: 5个工作日, 60日, 6个月, 60学时."""
    if unit == PeriodUnit.WORKING_DAY:
        return gettext("%(days)s个工作日") % {"days": amount}
    if unit == PeriodUnit.CALENDAR_DAY:
        return gettext("%(days)s日") % {"days": amount}
    if unit == PeriodUnit.MONTH:
        return gettext("%(n)s个月") % {"n": amount}
    if unit == PeriodUnit.YEAR:
        return gettext("%(n)s年") % {"n": amount}
    if unit == PeriodUnit.HOUR:
        return gettext("%(n)s学时") % {"n": amount}
    return gettext("%(n)s项") % {"n": amount}


def shown(text: str) -> str:
    """A seeded Chinese text in the interface language; an edited text as saved."""
    return gettext(text) if text else ""


def basis(law: str, article: str) -> str:
    """Where a period comes from, e.g. 行政复议法(2023修订)第30条."""
    if not article or article == "—":
        return shown(law)
    return gettext("%(law)s%(article)s") % {"law": shown(law), "article": shown(article)}


def sync(**_kwargs) -> int:
    """Create the national row of every declared period that has none (post_migrate)."""
    from .models import StatutoryPeriod

    existing = set(
        StatutoryPeriod.objects.filter(region__isnull=True).values_list("key", flat=True)
    )
    rows = [
        StatutoryPeriod(
            key=p.key,
            label=p.label,
            value=p.value,
            unit=p.unit,
            law=p.law,
            article=p.article,
            note=p.note,
        )
        for p in declared().values()
        if p.key not in existing
    ]
    StatutoryPeriod.objects.bulk_create(rows)
    invalidate()
    return len(rows)
