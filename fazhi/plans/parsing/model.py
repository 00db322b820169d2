"""The parser's output: plain dataclasses, with `to_dict()` giving the documented JSON shape."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

Span = tuple[int, int]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class Recurrence:
    """A repeating deadline: every year (optionally by month/day), quarter, month … or ongoing."""

    every: str  # "year" | "half_year" | "quarter" | "month" | "week" | "ongoing"
    month: int | None = None
    day: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"every": self.every}
        if self.month is not None:
            out["month"] = self.month
        if self.day is not None:
            out["day"] = self.day
        return out


@dataclass(frozen=True)
class Deadline:
    text: str
    date: date | None
    recurrence: Recurrence | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "date": _iso(self.date),
            "recurrence": self.recurrence.to_dict() if self.recurrence else None,
            "span": list(self.span),
        }


@dataclass(frozen=True)
class Target:
    text: str
    value: int | float
    unit: str
    comparator: str  # ">=" | ">" | "==" | "<=" | "<"
    due: date | None
    recurrence: Recurrence | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "comparator": self.comparator,
            "due": _iso(self.due),
            "recurrence": self.recurrence.to_dict() if self.recurrence else None,
            "span": list(self.span),
        }


@dataclass(frozen=True)
class UnitRef:
    raw: str
    unit: str | None
    group: bool
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"raw": self.raw, "unit": self.unit, "group": self.group, "span": list(self.span)}


@dataclass
class Task:
    text: str
    span: Span
    lead_units: list[UnitRef] = field(default_factory=list)
    participating_units: list[UnitRef] = field(default_factory=list)
    responsible_units: list[UnitRef] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": list(self.span),
            "lead_units": [u.to_dict() for u in self.lead_units],
            "participating_units": [u.to_dict() for u in self.participating_units],
            "responsible_units": [u.to_dict() for u in self.responsible_units],
            "deadlines": [d.to_dict() for d in self.deadlines],
            "targets": [t.to_dict() for t in self.targets],
        }


@dataclass
class Measure:
    number: int
    chapter: int | None
    title: str
    span: Span
    tasks: list[Task] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "chapter": self.chapter,
            "title": self.title,
            "span": list(self.span),
            "tasks": [t.to_dict() for t in self.tasks],
        }


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "title": self.title, "span": list(self.span)}


@dataclass(frozen=True)
class Unresolved:
    raw: str
    span: Span
    measure: int
    suggestions: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "raw": self.raw,
            "span": list(self.span),
            "measure": self.measure,
            "suggestions": list(self.suggestions),
        }


@dataclass
class Document:
    number: str | None = None
    title: str | None = None
    issuers: list[str] = field(default_factory=list)
    issued_on: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "issuers": list(self.issuers),
            "issued_on": _iso(self.issued_on),
        }


@dataclass
class PlanDraft:
    """A parsed plan, not yet saved. Every `span` indexes `text`, the decoded source."""

    text: str
    normalized_text: str
    document: Document
    chapters: list[Chapter]
    measures: list[Measure]
    unresolved: list[Unresolved]

    @property
    def content_hash(self) -> str:
        """sha256 of the normalised text: unchanged by re-encoding, line wrapping or width variants."""
        return hashlib.sha256(self.normalized_text.encode("utf-8")).hexdigest()

    @property
    def has_unit_lines(self) -> bool:
        """False for a plan that names no unit anywhere (a summary, a list of key points)."""
        return any(
            t.lead_units or t.participating_units or t.responsible_units
            for m in self.measures
            for t in m.tasks
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document.to_dict(),
            "chapters": [c.to_dict() for c in self.chapters],
            "measures": [m.to_dict() for m in self.measures],
            "unresolved": [u.to_dict() for u in self.unresolved],
        }
