"""What a revised plan changes against the stored one: measures and tasks added, removed or
changed (text, units, deadlines). Pure: works on the PlanDraft dict shape.

Tasks are matched within a measure: identical text first, then the most similar text
(rapidfuzz ratio ≥ 60), so an edited sentence reads as "changed", not "removed + added".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

ROLE_KEYS = {
    "lead_units": "牵头单位",
    "participating_units": "参加单位",
    "responsible_units": "责任单位",
}
SIMILAR = 60.0


def unit_lines(task: dict) -> list[str]:
    """'牵头单位:县司法局' for each unit entry, by its canonical name when resolved."""
    lines = []
    for key, label in ROLE_KEYS.items():
        for entry in task.get(key) or []:
            lines.append(f"{label}:{entry.get('unit') or entry.get('raw')}")
    return sorted(set(lines))


def deadline_texts(task: dict) -> list[str]:
    return sorted({d.get("text") or "" for d in task.get("deadlines") or []})


@dataclass
class TaskChange:
    measure: str
    old_index: int
    new_index: int
    text: tuple[str, str] | None = None
    units_added: list[str] = field(default_factory=list)
    units_removed: list[str] = field(default_factory=list)
    deadlines_added: list[str] = field(default_factory=list)
    deadlines_removed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.text
            or self.units_added
            or self.units_removed
            or self.deadlines_added
            or self.deadlines_removed
        )


@dataclass
class PlanDiff:
    measures_added: list[tuple[str, str]] = field(default_factory=list)
    measures_removed: list[tuple[str, str]] = field(default_factory=list)
    measures_retitled: list[tuple[str, str, str]] = field(default_factory=list)
    tasks_added: list[tuple[str, int, str]] = field(default_factory=list)
    tasks_removed: list[tuple[str, int, str]] = field(default_factory=list)
    tasks_changed: list[TaskChange] = field(default_factory=list)
    # (measure number, old index, new index) for every matched task, changed or not
    matches: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def unchanged_tasks(self) -> int:
        return len(self.matches) - len(self.tasks_changed)

    @property
    def is_empty(self) -> bool:
        return not (
            self.measures_added
            or self.measures_removed
            or self.measures_retitled
            or self.tasks_added
            or self.tasks_removed
            or self.tasks_changed
        )

    def summary(self) -> dict[str, int]:
        return {
            "measures_added": len(self.measures_added),
            "measures_removed": len(self.measures_removed),
            "measures_retitled": len(self.measures_retitled),
            "tasks_added": len(self.tasks_added),
            "tasks_removed": len(self.tasks_removed),
            "tasks_changed": len(self.tasks_changed),
            "tasks_unchanged": self.unchanged_tasks,
        }


def _match_tasks(old: list[dict], new: list[dict]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    free_old = set(range(len(old)))
    free_new = set(range(len(new)))
    for j in sorted(free_new):
        for i in sorted(free_old):
            if old[i]["text"] == new[j]["text"]:
                pairs.append((i, j))
                free_old.discard(i)
                free_new.discard(j)
                break
    scored = sorted(
        ((fuzz.ratio(old[i]["text"], new[j]["text"]), i, j) for i in free_old for j in free_new),
        reverse=True,
    )
    for score, i, j in scored:
        if score < SIMILAR:
            break
        if i in free_old and j in free_new:
            pairs.append((i, j))
            free_old.discard(i)
            free_new.discard(j)
    return sorted(pairs, key=lambda p: p[1])


def compare_tasks(measure: str, i: int, j: int, old: dict, new: dict) -> TaskChange:
    change = TaskChange(measure, i, j)
    if old["text"] != new["text"]:
        change.text = (old["text"], new["text"])
    old_units, new_units = set(unit_lines(old)), set(unit_lines(new))
    change.units_added = sorted(new_units - old_units)
    change.units_removed = sorted(old_units - new_units)
    old_dl, new_dl = set(deadline_texts(old)), set(deadline_texts(new))
    change.deadlines_added = sorted(new_dl - old_dl)
    change.deadlines_removed = sorted(old_dl - new_dl)
    return change


def diff_plans(old: dict, new: dict) -> PlanDiff:
    """Compare two drafts (`{"measures": [{"number","title","tasks": [...]}]}`)."""
    result = PlanDiff()
    old_measures = {m["number"]: m for m in old.get("measures", [])}
    new_measures = {m["number"]: m for m in new.get("measures", [])}
    for number, measure in new_measures.items():
        if number not in old_measures:
            result.measures_added.append((number, measure["title"]))
            result.tasks_added.extend(
                (number, j, t["text"]) for j, t in enumerate(measure["tasks"])
            )
            continue
        before = old_measures[number]
        if before["title"] != measure["title"]:
            result.measures_retitled.append((number, before["title"], measure["title"]))
        pairs = _match_tasks(before["tasks"], measure["tasks"])
        matched_old = {i for i, _ in pairs}
        matched_new = {j for _, j in pairs}
        for i, j in pairs:
            result.matches.append((number, i, j))
            change = compare_tasks(number, i, j, before["tasks"][i], measure["tasks"][j])
            if change.changed:
                result.tasks_changed.append(change)
        result.tasks_added.extend(
            (number, j, t["text"]) for j, t in enumerate(measure["tasks"]) if j not in matched_new
        )
        result.tasks_removed.extend(
            (number, i, t["text"]) for i, t in enumerate(before["tasks"]) if i not in matched_old
        )
    for number, measure in old_measures.items():
        if number not in new_measures:
            result.measures_removed.append((number, measure["title"]))
            result.tasks_removed.extend(
                (number, i, t["text"]) for i, t in enumerate(measure["tasks"])
            )
    return result
