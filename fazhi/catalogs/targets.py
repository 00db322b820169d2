"""The plan's measure (五) figures computed from the approval lists, per body and in total.

- reduction: approval items gone since the body's baseline version (压减30%/50%), in percent;
- time: the average shortening of the promised time limit against the statutory one
  (缩短2/3以上 reads as ≥ 66.7), over items with both limits;
- promise: the share of items handled under 告知承诺, in percent.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, ExpressionWrapper, F, FloatField, Q

from .choices import CatalogKind, VersionStatus
from .models import CatalogItem, CatalogVersion
from .selectors import in_force


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
    ).order_by("body_id", "-is_baseline", "year")
    for version in qs:
        found.setdefault(version.body_id, version)
    return found


def _item_figures(catalog_ids) -> dict[int | None, tuple[float | None, float | None]]:
    ratio = ExpressionWrapper(
        (F("statutory_days") - F("promised_days")) * 100.0 / F("statutory_days"),
        output_field=FloatField(),
    )
    timed = Q(statutory_days__gt=0, promised_days__isnull=False)
    base = CatalogItem.objects.filter(catalog_id__in=list(catalog_ids))
    per = base.values("catalog_id").annotate(
        time=Avg(ratio, filter=timed), promised=Count("id", filter=Q(promise=True)), n=Count("id")
    )
    total = base.aggregate(
        time=Avg(ratio, filter=timed), promised=Count("id", filter=Q(promise=True)), n=Count("id")
    )
    out: dict[int | None, tuple[float | None, float | None]] = {}
    for row in [*per, {**total, "catalog_id": None}]:
        time = round(row["time"], 1) if row["time"] is not None else None
        share = round(row["promised"] / row["n"] * 100, 1) if row["n"] else None
        out[row["catalog_id"]] = (time, share)
    return out


def approval_figures(*, year: int) -> tuple[list[Figures], Figures]:
    """Per body with an approval list in force in `year`, and the county total."""
    current = {v.body_id: v for v in in_force(year=year, kind=CatalogKind.APPROVAL)}
    base = baselines(current)
    items = _item_figures(v.pk for v in current.values())
    rows = []
    for body_id, version in sorted(current.items(), key=lambda kv: kv[1].body.name):
        start = base.get(body_id)
        counted = start is not None and start.year <= version.year
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
            )
        )
    counted_rows = [r for r in rows if r.baseline is not None]
    time, share = items.get(None, (None, None))
    total = Figures(
        None,
        "",
        None,
        None,
        sum(r.baseline_count for r in counted_rows),
        sum(r.current_count for r in counted_rows),
        time if rows else None,
        share if rows else None,
    )
    return rows, total


def approval_reduction(year: int) -> float | None:
    return approval_figures(year=year)[1].reduction


def approval_time_reduction(year: int) -> float | None:
    return approval_figures(year=year)[1].time_reduction


def approval_promise_share(year: int) -> float | None:
    return approval_figures(year=year)[1].promise_share
