"""The plan's measure (五) figures computed from the approval lists: per body, county, in total.

- reduction: approval items gone since the body's baseline version (压减30%/50%), in percent;
- time: the average shortening of the promised time limit against the statutory one
  (缩短2/3以上 reads as ≥ 66.7), over items with both limits;
- promise: the share of items handled under 告知承诺, in percent.

`region` (a GB/T 2260 code) narrows every figure to the bodies of that region and below it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Avg, Count, ExpressionWrapper, F, FloatField, Q

from fazhi.core import memo

from .choices import CatalogKind, VersionStatus
from .models import CatalogItem, CatalogVersion
from .selectors import in_force

# What each figure is computed over, for the click-through to the items behind it.
FIGURES = ("reduction", "time", "promise")


@dataclass(frozen=True)
class Figures:
    body_id: int | None
    body_name: str
    baseline: CatalogVersion | None
    current: CatalogVersion | None
    baseline_count: int
    current_count: int
    time_reduction: float | None
    promise_share: float | None
    region_id: str = ""
    region_name: str = ""

    @property
    def reduction(self) -> float | None:
        if not self.baseline_count:
            return None
        return round((self.baseline_count - self.current_count) / self.baseline_count * 100, 1)


def baselines(body_ids) -> dict[int, CatalogVersion]:
    """Each body's chosen baseline version, or its earliest published one."""
    found: dict[int, CatalogVersion] = {}
    qs = CatalogVersion.objects.filter(
        kind=CatalogKind.APPROVAL, status=VersionStatus.PUBLISHED, body_id__in=list(body_ids)
    ).order_by("body_id", "-is_baseline", "year", "sequence")
    for version in qs:
        found.setdefault(version.body_id, version)
    return found


TIMED = Q(statutory_days__gt=0, promised_days__isnull=False)


def _rounded(row) -> tuple[float | None, float | None]:
    time = round(row["time"], 1) if row["time"] is not None else None
    share = round(row["promised"] / row["n"] * 100, 1) if row["n"] else None
    return time, share


def _item_figures(catalog_ids) -> dict:
    """(time, share) per catalog id, per region code (`("region", code)`) and in total (None)."""
    ratio = ExpressionWrapper(
        (F("statutory_days") - F("promised_days")) * 100.0 / F("statutory_days"),
        output_field=FloatField(),
    )
    figures = {
        "time": Avg(ratio, filter=TIMED),
        "promised": Count("id", filter=Q(promise=True)),
        "n": Count("id"),
    }
    base = CatalogItem.objects.filter(catalog_id__in=list(catalog_ids)).order_by()
    out: dict = {}
    for row in base.values("catalog_id").annotate(**figures):
        out[row["catalog_id"]] = _rounded(row)
    for row in base.values("catalog__body__region_id").annotate(**figures):
        out[("region", row["catalog__body__region_id"])] = _rounded(row)
    out[None] = _rounded(base.aggregate(**figures))
    return out


def _total(rows: list[Figures], figures, **names) -> Figures:
    counted = [r for r in rows if r.baseline is not None]
    time, share = figures if rows else (None, None)
    return Figures(
        None,
        "",
        None,
        None,
        sum(r.baseline_count for r in counted),
        sum(r.current_count for r in counted),
        time,
        share,
        **names,
    )


@memo.per_request  # a dashboard's three catalogs indicators read the same figures
def _figures(year: int, region: str | None) -> tuple[list[Figures], dict]:
    current = {v.body_id: v for v in in_force(year=year, kind=CatalogKind.APPROVAL, region=region)}
    base = baselines(current)
    items = _item_figures(v.pk for v in current.values())
    rows = []
    for body_id, version in sorted(current.items(), key=lambda kv: kv[1].body.name):
        start = base.get(body_id)
        counted = start is not None and (start.year, start.sequence) <= (
            version.year,
            version.sequence,
        )
        time, share = items.get(version.pk, (None, None))
        rows.append(
            Figures(
                body_id,
                version.body.name,
                start if counted else None,
                version,
                start.item_count if counted else 0,
                version.item_count,
                time,
                share,
                version.body.region_id,
                version.body.region.name,
            )
        )
    return rows, items


def approval_figures(*, year: int, region: str | None = None) -> tuple[list[Figures], Figures]:
    """Per body with an approval list in force at the end of `year`, and the total over them."""
    rows, items = _figures(year, region)
    return rows, _total(rows, items.get(None, (None, None)))


def county_figures(*, year: int, region: str | None = None) -> list[Figures]:
    """The same figures summed per county (region of the bodies), for a city or province."""
    rows, items = _figures(year, region)
    grouped: dict[str, list[Figures]] = defaultdict(list)
    for row in rows:
        grouped[row.region_id].append(row)
    return [
        _total(
            members,
            items.get(("region", code), (None, None)),
            region_id=code,
            region_name=members[0].region_name,
        )
        for code, members in sorted(grouped.items())
    ]


def figure_items(*, version: CatalogVersion, figure: str):
    """The items a body's figure is computed over (the click-through from the ledger)."""
    qs = CatalogItem.objects.filter(catalog=version).order_by("position", "id")
    if figure == "time":
        return qs.filter(TIMED)
    if figure == "promise":
        return qs.filter(promise=True)
    return qs


def approval_reduction(year: int, region: str | None = None) -> float | None:
    return approval_figures(year=year, region=region)[1].reduction


def approval_time_reduction(year: int, region: str | None = None) -> float | None:
    return approval_figures(year=year, region=region)[1].time_reduction


def approval_promise_share(year: int, region: str | None = None) -> float | None:
    return approval_figures(year=year, region=region)[1].promise_share
