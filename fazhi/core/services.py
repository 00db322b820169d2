"""Writes for the shared kernel. Each checks permission, validates, and appends an audit event."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from . import audit, periods
from .choices import Role
from .errors import ApplicationError, CoreError
from .holidays import invalidate_holiday_table
from .models import (
    CalendarDay,
    CalendarYear,
    OrgUnit,
    Region,
    StatutoryPeriod,
    UnitAlias,
    UnitGroup,
    User,
)
from .names import normalize_name
from .writes import created, guarded, require_perm


@transaction.atomic
def directory_load(*, path: Path, actor) -> dict[str, int]:
    """Load regions, units, aliases and groups from a directory JSON file. Idempotent."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    counts = {"regions": 0, "units": 0, "aliases": 0, "groups": 0}
    for row in data.get("regions", []):
        region = Region(code=row["code"], name=row["name"], parent_id=row.get("parent"))
        region.full_clean(validate_unique=False)
        Region.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "parent_id": row.get("parent")}
        )
        counts["regions"] += 1
    existing_aliases = set(UnitAlias.objects.values_list("name", flat=True))
    for row in data.get("units", []):
        unit, _created = OrgUnit.objects.update_or_create(
            name=row["name"], defaults={"kind": row["kind"], "region_id": row["region"]}
        )
        counts["units"] += 1
        for kind, names in (
            (UnitAlias.Kind.SHORT_NAME, row.get("short_names", [])),
            (UnitAlias.Kind.VARIANT, row.get("aliases", [])),
        ):
            for name in names:
                if name not in existing_aliases and name != unit.name:
                    UnitAlias.objects.create(unit=unit, name=name, kind=kind)
                    existing_aliases.add(name)
                    counts["aliases"] += 1
    units = {u.name: u for u in OrgUnit.objects.all()}
    for row in data.get("groups", []):
        group, _created = UnitGroup.objects.update_or_create(
            name=row["name"], defaults={"aliases": row.get("aliases", [])}
        )
        missing = [m for m in row.get("members", []) if m not in units]
        if missing:
            raise ApplicationError(
                _("单位群组“%(group)s”的成员不在名录中: %(members)s")
                % {"group": row["name"], "members": _("、").join(missing)}
            )
        group.members.set([units[m] for m in row.get("members", [])])
        counts["groups"] += 1
    audit.record(
        actor=actor,
        action="directory.load",
        object_type="core.directory",
        object_id=str(path.name),
        after=counts,
    )
    return counts


@transaction.atomic
def unit_alias_add(*, actor, unit: OrgUnit, name: str) -> UnitAlias:
    """Record that `name` means `unit` (e.g. a misspelling met in an imported plan)."""
    require_perm(actor, "core.change_directory", None, _("只有依法治县办可以维护单位名录"))
    clean = normalize_name(name)
    if not clean:
        raise ApplicationError(_("别名不能为空"), fields={"name": _("别名不能为空")})
    if (
        OrgUnit.objects.filter(name=clean).exclude(pk=unit.pk).exists()
        or UnitAlias.objects.filter(name=clean).exclude(unit=unit).exists()
    ):
        raise ApplicationError(
            _("“%(name)s”已是其他单位的名称或别名") % {"name": clean}, fields={"name": _("重复")}
        )
    alias, created = UnitAlias.objects.get_or_create(name=clean, defaults={"unit": unit})
    if created:
        audit.record(actor=actor, action="unit.alias_add", obj=unit, after={"alias": clean})
    return alias


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    password: str,
    unit: OrgUnit | None,
    roles: list[str],
    full_name: str = "",
) -> User:
    require_perm(actor, "core.change_directory", None, _("只有依法治县办或管理员可以开设账号"))
    user = User(username=username, unit=unit, roles=list(roles), full_name=full_name)
    user.set_password(password)
    user.full_clean()
    if Role.REPORTER in roles and unit is None:
        raise ApplicationError(_("填报员必须属于一个单位"), fields={"unit": _("必填")})
    user.save()
    audit.record(
        actor=actor,
        action="user.create",
        obj=user,
        after={"username": username, "unit": unit.name if unit else None, "roles": roles},
    )
    return user


@transaction.atomic
def calendar_day_set(*, actor, date: dt.date, is_working_day: bool, note: str = "") -> CalendarDay:
    """An administrator enters a holiday or an adjusted working day for a year the package lacks."""
    require_perm(actor, "core.change_directory", None, _("只有依法治县办或管理员可以维护节假日"))
    before = CalendarDay.objects.filter(date=date).values("is_working_day", "note").first()
    day, _created = CalendarDay.objects.update_or_create(
        date=date, defaults={"is_working_day": is_working_day, "note": note}
    )
    audit.record(
        actor=actor,
        action="calendar.set_day",
        object_type="core.calendarday",
        object_id=date.isoformat(),
        object_repr=str(day),
        before=before,
        after={"is_working_day": is_working_day, "note": note},
    )
    transaction.on_commit(invalidate_holiday_table)
    return day


@transaction.atomic
def calendar_day_clear(*, actor, date: dt.date) -> None:
    """Remove an entered departure: the day follows the weekday rule again."""
    require_perm(actor, "core.change_directory", None, _("只有依法治县办或管理员可以维护节假日"))
    before = CalendarDay.objects.filter(date=date).values("is_working_day", "note").first()
    if before is None:
        return
    CalendarDay.objects.filter(date=date).delete()
    audit.record(
        actor=actor,
        action="calendar.clear_day",
        object_type="core.calendarday",
        object_id=date.isoformat(),
        before=before,
    )
    transaction.on_commit(invalidate_holiday_table)


@transaction.atomic
def calendar_year_mark_known(
    *,
    actor,
    year: int,
    source: str = "人工录入",  # saved to the database: stays Chinese
) -> CalendarYear:
    """Declare that every holiday and adjusted working day of `year` has been entered."""
    require_perm(actor, "core.change_directory", None, _("只有依法治县办或管理员可以维护节假日"))
    row, _created = CalendarYear.objects.update_or_create(year=year, defaults={"source": source})
    audit.record(
        actor=actor,
        action="calendar.mark_year",
        object_type="core.calendaryear",
        object_id=str(year),
        after={"source": source},
    )
    transaction.on_commit(invalidate_holiday_table)
    return row


@transaction.atomic
def period_update(
    *, actor, period_id: int, version: int | None, value: int, note: str = ""
) -> StatutoryPeriod:
    """The legal office changes a period (e.g. a province's own rule), with the reason in `note`."""
    with guarded(
        StatutoryPeriod,
        period_id,
        actor=actor,
        perm="core.change_periods",
        version=version,
        action="core.period_update",
        denied=_("只有司法局或依法治县办可以修改法定期限"),
    ) as period:
        period.value = value
        period.note = (note or "").strip()
    transaction.on_commit(periods.invalidate)
    return period


@transaction.atomic
def period_set_for_region(
    *, actor, period_id: int, region: Region, value: int, note: str
) -> StatutoryPeriod:
    """A region's own value for a declared period, found before the national default."""
    require_perm(actor, "core.change_periods", None, _("只有司法局或依法治县办可以修改法定期限"))
    national = StatutoryPeriod.objects.filter(pk=period_id, region__isnull=True).first()
    if national is None:
        raise ApplicationError(_("法定期限不存在"), code=CoreError.NOT_FOUND)
    if not (note or "").strip():
        raise ApplicationError(
            _("请写明本地规定的依据"), code=CoreError.INVALID, fields={"note": _("必填")}
        )
    existing = StatutoryPeriod.objects.filter(key=national.key, region=region).first()
    if existing is not None:
        return period_update(
            actor=actor, period_id=existing.pk, version=None, value=value, note=note
        )
    row = StatutoryPeriod(
        key=national.key,
        region=region,
        label=national.label,
        value=value,
        unit=national.unit,
        law=national.law,
        article=national.article,
        note=note.strip(),
    )
    created(row, actor=actor, action="core.period_set_for_region")
    transaction.on_commit(periods.invalidate)
    return row
