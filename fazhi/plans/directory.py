"""The parser's UnitDirectory, built from the database directory (units, aliases, groups)."""

from __future__ import annotations

from collections import defaultdict

from fazhi.core.models import OrgUnit, UnitAlias, UnitGroup
from fazhi.plans.parsing import UnitDirectory


def unit_directory() -> UnitDirectory:
    """Three queries; every active unit with its aliases, every group with its members."""
    aliases: dict[int, list[str]] = defaultdict(list)
    for unit_id, name in UnitAlias.objects.filter(unit__is_active=True).values_list(
        "unit_id", "name"
    ):
        aliases[unit_id].append(name)
    units = [
        {"name": name, "aliases": aliases.get(pk, [])}
        for pk, name in OrgUnit.objects.filter(is_active=True).values_list("pk", "name")
    ]
    groups = [
        {"name": g.name, "aliases": g.aliases, "members": [m.name for m in g.members.all()]}
        for g in UnitGroup.objects.prefetch_related("members")
    ]
    return UnitDirectory(units, groups)
