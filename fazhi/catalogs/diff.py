"""The difference between two versions of a list: a pure function of their items."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


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


def diff(
    old: Iterable[Mapping[str, Any]],
    new: Iterable[Mapping[str, Any]],
    *,
    fields: Sequence[str],
    removal_reasons: Mapping[str, str] | None = None,
) -> Diff:
    """Items are matched by code; `fields` are compared; reasons come from the later version."""
    before = {row["code"]: row for row in old}
    after = {row["code"]: row for row in new}
    reasons = removal_reasons or {}
    added, changed = [], []
    unchanged = 0
    for code, row in after.items():
        earlier = before.get(code)
        if earlier is None:
            added.append(Change(code, row["name"], row.get("change_reason") or ""))
            continue
        # Most items do not change: one tuple comparison (in C) before the field-by-field one.
        if tuple(map(earlier.get, fields)) == tuple(map(row.get, fields)):
            unchanged += 1
            continue
        delta = {f: (earlier.get(f), row.get(f)) for f in fields if earlier.get(f) != row.get(f)}
        if delta:
            changed.append(Change(code, row["name"], row.get("change_reason") or "", delta))
        else:
            unchanged += 1
    removed = [
        Change(code, row["name"], reasons.get(code, ""))
        for code, row in before.items()
        if code not in after
    ]
    return Diff(added, removed, changed, unchanged, len(before), len(after))
