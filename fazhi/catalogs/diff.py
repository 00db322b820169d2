"""The difference between two versions of a list: a pure function of their items."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple


@dataclass(frozen=True)
class Change:
    code: str
    name: str
    reason: str
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Diff:
    added: list[Change]
    removed: list[Change]
    changed: list[Change]
    unchanged: int
    before: int
    after: int

    @property
    def reduction(self) -> float | None:
        """The share of the earlier version's items gone in the later one, in percent."""
        if not self.before:
            return None
        return round((self.before - self.after) / self.before * 100, 1)

    def as_dict(self) -> dict:
        def rows(changes):
            return [
                {
                    "code": c.code,
                    "name": c.name,
                    "reason": c.reason,
                    "fields": {k: {"from": a, "to": b} for k, (a, b) in c.fields.items()},
                }
                for c in changes
            ]

        return {
            "before": self.before,
            "after": self.after,
            "reduction": self.reduction,
            "unchanged": self.unchanged,
            "added": rows(self.added),
            "removed": rows(self.removed),
            "changed": rows(self.changed),
        }


class Side(NamedTuple):
    """One version's copy of an item: what a change is built from."""

    code: str
    name: str
    reason: str
    values: tuple  # the compared fields, in order


def from_pairs(
    pairs: Iterable[tuple[Side | None, Side | None]],
    *,
    fields: Sequence[str],
    before: int,
    after: int,
    removal_reasons: Mapping[str, str] | None = None,
) -> Diff:
    """The diff from the items that differ, matched by code (earlier, later; None where absent).

    Pairs come in the order the lists show them; an item listed in both with equal values
    counts as unchanged. Reasons come from the later version.
    """
    reasons = removal_reasons or {}
    added, removed, changed = [], [], []
    for old, new in pairs:
        if new is None:
            removed.append(Change(old.code, old.name, reasons.get(old.code, "")))
        elif old is None:
            added.append(Change(new.code, new.name, new.reason))
        else:
            delta = {
                f: (a, b) for f, a, b in zip(fields, old.values, new.values, strict=True) if a != b
            }
            if delta:
                changed.append(Change(new.code, new.name, new.reason, delta))
    return Diff(added, removed, changed, after - len(added) - len(changed), before, after)
