"""Plan text or .docx → PlanDraft. Pure Python: no Django import anywhere in this package."""

from pathlib import Path

from .errors import PlanParseError
from .model import (
    Chapter,
    Deadline,
    Document,
    Measure,
    PlanDraft,
    Recurrence,
    Target,
    Task,
    UnitRef,
    Unresolved,
)
from .pipeline import parse
from .units import Resolution, UnitDirectory

_PACKAGE = Path(__file__).resolve().parent.parent.parent
DEMO_DIRECTORY = _PACKAGE / "core" / "data" / "tianzhen.json"
DEMO_PLAN_TXT = _PACKAGE / "plans" / "demo" / "tianzhen-fazhi-plan-2022.txt"
DEMO_PLAN_DOCX = _PACKAGE / "plans" / "demo" / "tianzhen-fazhi-plan-2022.docx"

__all__ = [
    "DEMO_DIRECTORY",
    "DEMO_PLAN_DOCX",
    "DEMO_PLAN_TXT",
    "Chapter",
    "Deadline",
    "Document",
    "Measure",
    "PlanDraft",
    "PlanParseError",
    "Recurrence",
    "Resolution",
    "Target",
    "Task",
    "UnitDirectory",
    "UnitRef",
    "Unresolved",
    "parse",
]
