"""Settling the unit names of an uploaded plan: what the reviewer is shown, and what each
decision does (a unit, a unit group, a new unit, a split into two names, or "not a unit")."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fazhi.core.actors import is_system
from fazhi.core.choices import UnitKind
from fazhi.core.errors import ApplicationError
from fazhi.core.models import OrgUnit, Region, UnitGroup
from fazhi.core.services import unit_alias_add
from fazhi.core.writes import created

from .errors import PlansError
from .events import Event
from .services import ROLE_FIELDS

ACTIONS = ("unit", "group", "new", "split", "ignore")


@dataclass(frozen=True)
class NameDecision:
    """What the reviewer decided for one unresolved name."""

    action: str  # one of ACTIONS
    unit_id: int | None = None
    group_id: int | None = None
    new_name: str = ""
    new_kind: str = ""
    parent_id: int | None = None
    parts: tuple[str, ...] = ()
    alias: bool = False


def home_regions() -> list[str]:
    """Names of the directory's own regions: a name starting with one is not foreign."""
    return list(
        Region.objects.filter(units__isnull=False).values_list("name", flat=True).distinct()
    )


def mark_foreign(draft: dict) -> dict:
    """Names that look like another government's units (市司法局 in a county's directory) are
    not taken for the county's unit even when an alias would resolve them: each goes to review,
    with the resolved unit as a suggestion."""
    from fazhi.plans.parsing.units import looks_foreign

    home = home_regions()
    flagged: dict[str, dict] = {}
    for measure in draft["measures"]:
        for task in measure["tasks"]:
            for key in ROLE_FIELDS:
                for entry in task.get(key) or []:
                    if looks_foreign(entry["raw"], home):
                        suggestion = entry.get("unit")
                        entry["unit"], entry["group"] = None, False
                        flagged.setdefault(
                            entry["raw"],
                            {
                                "raw": entry["raw"],
                                "span": entry.get("span") or [0, 0],
                                "measure": measure["number"],
                                "suggestions": [suggestion] if suggestion else [],
                            },
                        )
    known = {u["raw"] for u in draft.get("unresolved") or []}
    draft["unresolved"] = [
        {**u, "foreign": looks_foreign(u["raw"], home)} for u in draft.get("unresolved") or []
    ] + [{**f, "foreign": True} for raw, f in flagged.items() if raw not in known]
    return draft


def unresolved_names(draft: dict) -> list[str]:
    """Unit names the parser could not resolve, in order of first appearance."""
    names: dict[str, None] = {}
    for measure in draft["measures"]:
        for task in measure["tasks"]:
            for key in ROLE_FIELDS:
                for entry in task.get(key) or []:
                    if not entry.get("unit"):
                        names.setdefault(entry["raw"], None)
    for item in draft.get("unresolved") or []:
        names.setdefault(item["raw"], None)
    return list(names)


def has_unit_lines(draft: dict) -> bool:
    return any(
        task.get(key) for m in draft["measures"] for task in m["tasks"] for key in ROLE_FIELDS
    )


def review_names(draft: dict) -> list[dict]:
    """One row per unresolved name: its suggestions (id, name) and whether it looks foreign."""
    info = {u["raw"]: u for u in draft.get("unresolved") or []}
    ids = dict(OrgUnit.objects.filter(is_active=True).values_list("name", "pk"))
    rows = []
    for raw in unresolved_names(draft):
        item = info.get(raw, {})
        rows.append(
            {
                "raw": raw,
                "suggestions": [(ids[n], n) for n in item.get("suggestions") or [] if n in ids],
                "foreign": bool(item.get("foreign")),
            }
        )
    return rows


def _missing(draft: dict, decisions: dict[str, NameDecision]) -> None:
    missing = [raw for raw in unresolved_names(draft) if raw not in decisions]
    if missing:
        raise ApplicationError(
            ngettext(
                "还有 %(n)s 个单位名称没有确认:%(names)s",
                "还有 %(n)s 个单位名称没有确认:%(names)s",
                len(missing),
            )
            % {"n": len(missing), "names": _("、").join(missing)},
            code=PlansError.UNRESOLVED,
            fields={"unresolved": missing},
        )


def _new_unit(actor, raw: str, decision: NameDecision) -> OrgUnit:
    name = (decision.new_name or raw).strip()
    if decision.new_kind not in UnitKind.values:
        raise ApplicationError(
            _("新建单位“%(name)s”请选择单位类别") % {"name": name}, code=PlansError.INVALID
        )
    parent = OrgUnit.objects.filter(pk=decision.parent_id).first() if decision.parent_id else None
    if decision.parent_id and parent is None:
        raise ApplicationError(
            _("“%(name)s”选择的上级单位不存在") % {"name": name}, code=PlansError.INVALID
        )
    if OrgUnit.objects.filter(name=name).exists():
        raise ApplicationError(
            _("单位“%(name)s”已在名录中,请直接选择该单位") % {"name": name}, code=PlansError.TAKEN
        )
    region = parent.region if parent else actor_region(actor)
    unit = OrgUnit(name=name, kind=decision.new_kind, region=region, parent=parent)
    return created(unit, actor=actor, action=Event.UNIT_CREATE_ON_IMPORT)


def actor_region(actor) -> Region:
    """The region a user's plans belong to: their unit's. For SYSTEM (the CLI, the demo): the
    deployment's county (FAZHI_REGION_CODE), else the region most units belong to."""
    unit = None if is_system(actor) else getattr(actor, "unit", None)
    if unit is not None:
        return unit.region
    region = Region.objects.filter(pk=settings.FAZHI_REGION_CODE).first()
    if region is None:
        from django.db.models import Count

        region = Region.objects.annotate(n=Count("units")).order_by("-n", "code").first()
    if region is None:
        raise ApplicationError(_("单位名录为空,请先导入单位名录"), code=PlansError.NO_REGION)
    return region


def settle(actor, draft: dict, decisions: dict[str, NameDecision]) -> dict:
    """The draft with every unresolved name settled as decided. Units created on the spot
    and aliases are written here, inside the caller's transaction."""
    from .directory import unit_directory

    _missing(draft, decisions)
    units = OrgUnit.objects.in_bulk(
        {d.unit_id for d in decisions.values() if d.action == "unit" and d.unit_id}
    )
    groups = UnitGroup.objects.in_bulk(
        {d.group_id for d in decisions.values() if d.action == "group" and d.group_id}
    )
    directory = None
    replacement: dict[str, list[dict] | None] = {}
    for raw, decision in decisions.items():
        if decision.action == "unit":
            unit = units.get(decision.unit_id)
            if unit is None:
                raise ApplicationError(
                    _("“%(name)s”选择的单位不存在") % {"name": raw}, code=PlansError.UNKNOWN_UNIT
                )
            replacement[raw] = [{"raw": raw, "unit": unit.name, "group": False}]
            if decision.alias:
                unit_alias_add(actor=actor, unit=unit, name=raw)
        elif decision.action == "group":
            group = groups.get(decision.group_id)
            if group is None:
                raise ApplicationError(
                    _("“%(name)s”选择的单位组不存在") % {"name": raw}, code=PlansError.UNKNOWN_UNIT
                )
            replacement[raw] = [{"raw": raw, "unit": group.name, "group": True}]
        elif decision.action == "new":
            unit = _new_unit(actor, raw, decision)
            replacement[raw] = [{"raw": raw, "unit": unit.name, "group": False}]
            if decision.alias and unit.name != raw:
                unit_alias_add(actor=actor, unit=unit, name=raw)
        elif decision.action == "split":
            directory = directory or unit_directory()
            replacement[raw] = [_split_part(directory, raw, part) for part in decision.parts]
        elif decision.action == "ignore":
            replacement[raw] = None
        else:
            raise ApplicationError(
                _("“%(name)s”的处理方式无效") % {"name": raw}, code=PlansError.INVALID
            )
    for measure in draft["measures"]:
        for task in measure["tasks"]:
            for key in ROLE_FIELDS:
                entries, changed = [], False
                for entry in task.get(key) or []:
                    if entry.get("unit") or entry["raw"] not in replacement:
                        entries.append(entry)
                        continue
                    changed = True
                    for settled in replacement[entry["raw"]] or []:
                        entries.append({**settled, "span": entry.get("span")})
                if changed:
                    task[key] = _dedupe(entries)
    draft["unresolved"] = []
    return draft


def _split_part(directory, raw: str, part: str) -> dict:
    resolution = directory.resolve(part)
    if not part.strip() or resolution.canonical is None:
        raise ApplicationError(
            _("“%(name)s”拆分出的“%(part)s”不在单位名录中,请先在名录中添加")
            % {"name": raw, "part": part},
            code=PlansError.UNKNOWN_UNIT,
        )
    return {"raw": part.strip(), "unit": resolution.canonical, "group": resolution.is_group}


def _dedupe(entries: list[dict]) -> list[dict]:
    seen, out = set(), []
    for entry in entries:
        key = (entry.get("unit") or entry["raw"], bool(entry.get("group")))
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def decisions_from(picks: dict[str, int] | None, aliases: set[str] | None) -> dict:
    """The older call shape (a unit id per name, a set of names to alias) as decisions."""
    aliases = aliases or set()
    return {
        raw: NameDecision("unit", unit_id=unit_id, alias=raw in aliases)
        for raw, unit_id in (picks or {}).items()
    }


def import_review(*, plan_import) -> dict:
    """What the person reviewing an upload needs: names to settle, the summary of what was
    read, and what a revision changes."""
    from .importing import _import_identity, stored_draft
    from .models import Plan
    from .revision import diff_plans

    draft = plan_import.draft
    existing = Plan.objects.filter(
        region_id=plan_import.region_id, identity=_import_identity(plan_import)
    ).first()
    tasks = [t for m in draft["measures"] for t in m["tasks"]]
    reference = plan_import.is_reference
    return {
        "draft": draft,
        "unresolved": [] if reference else review_names(draft),
        "no_units": not has_unit_lines(draft),
        "existing": existing,
        "diff": diff_plans(stored_draft(existing), draft) if existing else None,
        "counts": {
            "chapters": len(draft["chapters"]),
            "measures": len(draft["measures"]),
            "tasks": len(tasks),
            "deadlines": sum(len(t["deadlines"]) for t in tasks),
            "targets": sum(len(t["targets"]) for t in tasks),
        },
        "units": OrgUnit.objects.filter(is_active=True).order_by("kind", "name").only("id", "name"),
        "groups": UnitGroup.objects.order_by("name").only("id", "name"),
        "kinds": UnitKind.choices,
    }
