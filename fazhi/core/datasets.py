"""Datasets an app publishes for other systems (API tokens) and, when public, as open data.

An app declares a list `DATASETS` of `Dataset` in its `datasets.py` (fazhi/decisions/datasets.py
is a short one: a key prefixed by the app's label, a label, publisher and frequency, the model, the
`published` condition, related rows to select, the fields by name or dotted path, `public`).

`rows(reader)` is the model's rows that `published` matches (a Q, or a callable that filters
the queryset, for a condition that depends on today), as `reader` may read them: `visible_to(reader)`, so a system's token reads
only its region; the anonymous reader (`None`) of a public dataset reads every published row.
Personal data stays out of `fields` (or masked there). `updated_field` drives `?updated_since=`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet

from .discovery import app_modules

LICENCE = "CC BY 4.0"


@dataclass(frozen=True)
class Dataset:
    key: str
    label: str
    publisher: str
    frequency: str
    model: type[models.Model]
    published: Q | Callable[[QuerySet], QuerySet] = field(default_factory=Q)
    related: tuple[str, ...] = ()  # select_related
    prefetch: tuple = ()  # prefetch_related (names or Prefetch objects)
    fields: dict[str, str | Callable[[Any], Any]] = field(default_factory=dict)
    updated_field: str = "updated_at"
    public: bool = False
    licence: str = LICENCE

    def rows(self, reader) -> QuerySet:
        qs = _readable(self.model.objects, reader)
        qs = self.published(qs) if callable(self.published) else qs.filter(self.published)
        return qs.select_related(*self.related).prefetch_related(*self.prefetch)


def _readable(qs, reader) -> QuerySet:
    """`qs` as `reader` may read it: a token's region, or everything for the public reader
    (`None`), whose dataset must then filter to published rows itself."""
    return qs if reader is None else qs.visible_to(reader)


def registry() -> dict[str, Dataset]:
    found: dict[str, Dataset] = {}
    for config, module in app_modules("datasets"):
        for dataset in getattr(module, "DATASETS", ()):
            if not dataset.key.startswith(f"{config.label}."):
                raise ValueError(f"dataset {dataset.key} is declared by app {config.label}")
            found[dataset.key] = dataset
    return found


def value_of(row: Any, spec: str | Callable[[Any], Any]) -> Any:
    if callable(spec):
        value = spec(row)
    else:
        value = row
        for part in spec.split("."):
            value = getattr(value, part) if value is not None else None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is not None and not isinstance(value, (str, int, float, bool, list, dict)):
        return str(value)
    return value


def record(dataset: Dataset, row: Any) -> dict[str, Any]:
    return {"id": row.pk, **{name: value_of(row, spec) for name, spec in dataset.fields.items()}}


def page(
    dataset: Dataset,
    reader: Any,
    *,
    updated_since: dt.datetime | None = None,
    after_id: int = 0,
    limit: int = 500,
) -> tuple[list[dict], int | None]:
    """One page of rows in key order (stable under inserts), and the key to continue after."""
    qs = dataset.rows(reader)
    if updated_since is not None:
        qs = qs.filter(**{f"{dataset.updated_field}__gte": updated_since})
    rows = list(qs.filter(pk__gt=after_id).order_by("pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return [record(dataset, r) for r in rows], (rows[-1].pk if more else None)
