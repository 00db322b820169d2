"""Unit name resolution over the org directory: exact names and aliases only, suggestions for misses."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .models import OrgUnit, UnitAlias, UnitGroup
from .names import normalize_name


@dataclass(frozen=True)
class Resolution:
    raw: str
    unit: OrgUnit | None = None
    group: UnitGroup | None = None
    suggestions: list[str] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.unit is not None or self.group is not None

    @property
    def canonical(self) -> str | None:
        target = self.unit or self.group
        return target.name if target else None


class Directory:
    """An in-memory index of every name, loaded in three queries."""

    def __init__(self) -> None:
        self.units: dict[str, OrgUnit] = {}
        self.groups: dict[str, UnitGroup] = {}
        for unit in OrgUnit.objects.filter(is_active=True):
            self.units[normalize_name(unit.name)] = unit
        by_id = {u.pk: u for u in self.units.values()}
        for alias in UnitAlias.objects.filter(unit__is_active=True).only("name", "unit_id"):
            self.units.setdefault(normalize_name(alias.name), by_id[alias.unit_id])
        for group in UnitGroup.objects.all():
            for name in [group.name, *group.aliases]:
                self.groups.setdefault(normalize_name(name), group)
        self._choices = sorted({*self.units, *self.groups})

    def resolve(self, raw: str) -> Resolution:
        key = normalize_name(raw)
        if key in self.units:
            return Resolution(raw, unit=self.units[key])
        if key in self.groups:
            return Resolution(raw, group=self.groups[key])
        return Resolution(raw, suggestions=self.suggest(key))

    def suggest(self, key: str, limit: int = 3) -> list[str]:
        matches = process.extract(
            key, self._choices, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=60
        )
        names: list[str] = []
        for choice, _score, _ in matches:
            target = self.units.get(choice) or self.groups.get(choice)
            if target.name not in names:
                names.append(target.name)
        return names[:limit]


def resolve_unit(raw: str, directory: Directory | None = None) -> Resolution:
    """`resolve_unit("县发改委")` returns the unit; unknown names resolve to nothing, with suggestions."""
    return (directory or Directory()).resolve(raw)
