"""Reads: versions and items scoped to the user, the diff, the check, published lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from fazhi.core.errors import ApplicationError, NotFound
from fazhi.core.models import OrgUnit
from fazhi.core.scoping import get_for_user, region_q

from . import checks
from .choices import CatalogKind, PowerKind, VersionStatus
from .diff import Diff, Side, from_pairs
from .errors import CatalogsError
from .filters import ItemFilter, VersionFilter
from .kinds import ITEM_FIELDS, KINDS
from .models import CatalogItem, CatalogVersion

VALUE_FIELDS = ("id", *ITEM_FIELDS)


def version_list(*, user, params=None) -> QuerySet[CatalogVersion]:
    qs = CatalogVersion.objects.visible_to(user).select_related("body")
    return VersionFilter(params or None, queryset=qs).qs


def version_get_for_user(*, user, id) -> CatalogVersion:
    qs = CatalogVersion.objects.select_related("body", "previous")
    return get_for_user(qs, user, id)


def item_rows(catalog: CatalogVersion | int, fields=VALUE_FIELDS) -> list[dict[str, Any]]:
    pk = catalog.pk if isinstance(catalog, CatalogVersion) else catalog
    return list(
        CatalogItem.objects.filter(catalog_id=pk).order_by("position", "id").values(*fields)
    )


def compare(earlier: CatalogVersion, later: CatalogVersion) -> Diff:
    """The diff of two versions of the same body's list of the same kind.

    The database pairs the items by code and returns only those that differ (added, removed,
    changed), so a diff of two 5,000-item lists moves a few hundred rows, not 10,000.
    """
    if earlier.body_id != later.body_id or earlier.kind != later.kind:
        raise ApplicationError(
            _("只能比较同一单位同一类清单的两个版本"), code=CatalogsError.NOT_COMPARABLE
        )
    fields = KINDS[later.kind].compared
    counts = dict(
        CatalogItem.objects.filter(catalog_id__in=(earlier.pk, later.pk))
        .order_by()
        .values_list("catalog_id")
        .annotate(Count("id"))
    )
    pairs = sorted(_differing(earlier.pk, later.pk, fields), key=lambda p: p[0])
    return from_pairs(
        (pair for _key, *pair in pairs),
        fields=fields,
        before=counts.get(earlier.pk, 0),
        after=counts.get(later.pk, 0),
        removal_reasons=later.removal_reasons,
    )


def _differing(earlier_id: int, later_id: int, fields: tuple[str, ...]):
    """(order key, earlier side, later side) of each code whose items differ, one query.

    The key lists added and changed items in the later version's order, then removed ones in
    the earlier version's, as the lists show them. IS DISTINCT FROM compares NULLs as values.
    """
    q = connection.ops.quote_name
    names = list(dict.fromkeys(("id", "position", "code", "name", "change_reason", *fields)))
    columns = [q(c) for c in names]
    table = q(CatalogItem._meta.db_table)
    # Identifiers come from the model; the two ids are bound parameters.
    side = f"SELECT {', '.join(columns)} FROM {table} WHERE {q('catalog_id')} = %s"  # noqa: S608
    picked = ", ".join(f"{alias}.{c}" for alias in ("o", "n") for c in columns)
    distinct = " OR ".join(f"o.{q(f)} IS DISTINCT FROM n.{q(f)}" for f in fields)
    sql = (
        f"SELECT {picked} FROM ({side}) o FULL OUTER JOIN ({side}) n"  # noqa: S608
        f" ON n.{q('code')} = o.{q('code')}"
        f" WHERE o.{q('id')} IS NULL OR n.{q('id')} IS NULL OR {distinct}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [earlier_id, later_id])
        for row in cursor.fetchall():
            width = len(names)
            old = dict(zip(names, row[:width], strict=True))
            new = dict(zip(names, row[width:], strict=True))
            key = (0, new["position"], new["id"]) if new["id"] else (1, old["position"], old["id"])
            yield key, _side(old, fields), _side(new, fields)


def _side(row: dict, fields) -> Side | None:
    if row["id"] is None:
        return None
    return Side(row["code"], row["name"], row["change_reason"] or "", tuple(map(row.get, fields)))


def version_diff(catalog: CatalogVersion) -> Diff | None:
    return compare(catalog.previous, catalog) if catalog.previous_id else None


def law_states() -> list[checks.LawState]:
    from fazhi.normdocs.models import Law

    return [
        checks.LawState(law.title, tuple(law.years or ()), law.status, law.successor)
        for law in Law.objects.all()
    ]


def codes_of_other_bodies(catalog: CatalogVersion, codes: Iterable[str]) -> dict[str, str]:
    """Codes of this version also listed by another body of the region in the same year."""
    rows = (
        CatalogItem.objects.filter(
            catalog__kind=catalog.kind,
            catalog__year=catalog.year,
            catalog__body__region_id=catalog.body.region_id,
            code__in=list(codes),
        )
        .exclude(catalog__body_id=catalog.body_id)
        .values_list("code", "catalog__body__name")
    )
    return dict(rows)


def version_findings(catalog: CatalogVersion) -> list[checks.Finding]:
    items = item_rows(catalog)
    delta = version_diff(catalog)
    changed: list[str] = []
    unexplained: list[str] = []
    if delta is not None:
        changed = [c.code for c in (*delta.added, *delta.changed)]
        unexplained = [c.code for c in delta.removed if not c.reason.strip()]
    return checks.check(
        items,
        kind=catalog.kind,
        laws=law_states(),
        taken=codes_of_other_bodies(catalog, [i["code"] for i in items]),
        changed_codes=changed,
        removed_without_reason=unexplained,
    )


def latest_published(*, body_id: int, kind: str, before: tuple[int, int]) -> CatalogVersion | None:
    """The body's last published version ordered before (year, sequence)."""
    year, sequence = before
    return (
        CatalogVersion.objects.filter(body_id=body_id, kind=kind, status=VersionStatus.PUBLISHED)
        .filter(Q(year__lt=year) | Q(year=year, sequence__lt=sequence))
        .order_by("-year", "-sequence")
        .first()
    )


# --- published lists (portal, API, indicators) ----------------------------------------------


def published() -> QuerySet[CatalogVersion]:
    return CatalogVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related(
        "body__region"
    )


def end_of(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _published_by(on: dt.date) -> Q:
    """Published on or before `on`. A published version without a date (loaded as published,
    not published here) counts from the start of its year."""
    return Q(status=VersionStatus.PUBLISHED) & (
        Q(published_on__lte=on) | Q(published_on__isnull=True, year__lte=on.year)
    )


def in_force_versions(
    *,
    on: dt.date,
    kind: str | None = None,
    body_id: int | None = None,
    region: str | None = None,
) -> QuerySet[CatalogVersion]:
    """For each body and kind, the version in force `on` a day: of the versions published on
    or before it, the latest by year and adjustment (2025-2 after 2025, 2026 after both).

    One query with NOT EXISTS (a later such version): it stays a sub-select where the items of
    those versions are read (the portal at province scale).
    """
    later = CatalogVersion.objects.filter(
        Q(year__gt=OuterRef("year")) | Q(year=OuterRef("year"), sequence__gt=OuterRef("sequence")),
        _published_by(on),
        body_id=OuterRef("body_id"),
        kind=OuterRef("kind"),
    )
    qs = published().filter(_published_by(on)).filter(~Exists(later))
    if kind:
        qs = qs.filter(kind=kind)
    if body_id:
        qs = qs.filter(body_id=body_id)
    if region:
        qs = qs.filter(region_q("body__region_id", region))
    return qs


def in_force(*, year: int, kind: str | None = None, body_id: int | None = None, region=None):
    """The versions in force at the end of `year` (what a yearly figure or `?year=` reads)."""
    return list(in_force_versions(on=end_of(year), kind=kind, body_id=body_id, region=region))


def find_body(value: str) -> OrgUnit:
    """A body by its unit id or its full name (the public addresses use either)."""
    value = (value or "").strip()
    unit = None
    if value.isdigit():
        unit = OrgUnit.objects.filter(pk=int(value)).first()
    if unit is None and value:
        unit = OrgUnit.objects.filter(Q(name=value) | Q(aliases__name=value)).first()
    if unit is None:
        raise NotFound(_("找不到单位“%(body)s”") % {"body": value[:64]})
    return unit


def find_kind(value: str) -> str:
    if value not in CatalogKind.values:
        raise ApplicationError(
            _("清单类别应为 %(kinds)s 之一") % {"kinds": ", ".join(CatalogKind.values)},
            code=CatalogsError.UNKNOWN_KIND,
            fields={"kind": _("不存在")},
        )
    return value


def published_version(*, body: OrgUnit, kind: str, year: int) -> CatalogVersion:
    found = in_force(year=year, kind=kind, body_id=body.pk)
    if not found:
        raise NotFound(
            _("%(body)s在%(year)s年底没有已发布的%(kind)s")
            % {"body": body.name, "year": year, "kind": CatalogKind(kind).label}
        )
    return found[0]


def version_by_label(*, body: OrgUnit, kind: str, label: str) -> CatalogVersion:
    """A version of any status by its label: "2025" (the year's latest) or "2025-2"."""
    year, _sep, sequence = str(label).strip().partition("-")
    if not (year.isdigit() and (sequence.isdigit() or not sequence)):
        raise ApplicationError(
            _("版本应写作年度或“年度-序号”,例如 2025 或 2025-2"), code=CatalogsError.NO_VERSION
        )
    qs = CatalogVersion.objects.filter(body=body, kind=kind, year=int(year))
    found = (qs.filter(sequence=int(sequence)) if sequence else qs.order_by("-sequence")).first()
    if found is None:
        raise NotFound(
            _("%(body)s没有%(label)s的%(kind)s")
            % {"body": body.name, "label": label, "kind": CatalogKind(kind).label}
        )
    return found


def published_diff(*, body: OrgUnit, kind: str, from_year: int, to_year: int):
    earlier = published_version(body=body, kind=kind, year=from_year)
    later = published_version(body=body, kind=kind, year=to_year)
    return earlier, later, compare(earlier, later)


def public_items(*, params=None) -> QuerySet[CatalogItem]:
    """Items of every published version, filtered by body, kind, year and keyword."""
    qs = CatalogItem.objects.filter(catalog__status=VersionStatus.PUBLISHED).select_related(
        "catalog__body"
    )
    return ItemFilter(params or None, queryset=qs).qs


def item_history(*, catalog: CatalogVersion, code: str) -> list[tuple[CatalogVersion, Any]]:
    """The item with this code in each published version of the body's list, oldest first."""
    versions = list(
        published().filter(body_id=catalog.body_id, kind=catalog.kind).order_by("year", "sequence")
    )
    items = {i.catalog_id: i for i in CatalogItem.objects.filter(catalog__in=versions, code=code)}
    return [(v, items.get(v.pk)) for v in versions]


def power_items(*, user, params=None) -> QuerySet[CatalogItem]:
    """Penalty and inspection powers of the published power lists: what enforcement matters cite."""
    qs = (
        CatalogItem.objects.visible_to(user)
        .filter(
            catalog__kind=CatalogKind.POWER,
            catalog__status=VersionStatus.PUBLISHED,
            power_kind__in=(PowerKind.PENALTY, PowerKind.INSPECTION),
        )
        .select_related("catalog__body")
    )
    return ItemFilter(params or None, queryset=qs).qs


def power_item_get_for_user(*, user, id) -> CatalogItem:
    qs = CatalogItem.objects.filter(catalog__kind=CatalogKind.POWER).select_related("catalog__body")
    return get_for_user(qs, user, id)


CASES_SHOWN = 50


def power_item_uses(*, user, item: CatalogItem) -> tuple[list, list]:
    """The enforcement matters and the latest penalty cases, visible to the user, citing this
    item's code in any version of its body's power list (codes are stable across versions)."""
    from fazhi.enforcement.models import EnforcementMatter, PenaltyCase
    from fazhi.enforcement.selectors import with_power_state

    same = {
        "power_item__catalog__body_id": item.catalog.body_id,
        "power_item__catalog__kind": CatalogKind.POWER,
        "power_item__code": item.code,
    }
    matters = with_power_state(
        EnforcementMatter.objects.visible_to(user).filter(**same).select_related("body__unit")
    )
    cases = (
        PenaltyCase.objects.visible_to(user)
        .filter(**same)
        .select_related("power_item__catalog")
        .order_by("-filed_on", "-id")[:CASES_SHOWN]
    )
    return list(matters), list(cases)


def mapping_for(*, body_id: int, kind: str) -> dict[str, str]:
    from .models import ColumnMapping

    found = ColumnMapping.objects.filter(body_id=body_id, kind=kind).first()
    return dict(found.columns) if found else {}


# --- read by enforcement (matters and penalty cases cite power items) -----------------------


def _power_version_in_force(body_id, year: int):
    """The pk of the body's power list in force at the end of `year` (a subquery)."""
    return (
        CatalogVersion.objects.filter(
            _published_by(end_of(year)), body_id=body_id, kind=CatalogKind.POWER
        )
        .order_by("-year", "-sequence")
        .values("pk")[:1]
    )


def power_items_in_force(*, body_id: int, year: int, kinds=None) -> QuerySet[CatalogItem]:
    """Items of the body's power list in force at the end of `year`. `kinds`: power kinds to
    keep (all when None)."""
    qs = CatalogItem.objects.filter(
        catalog_id=Subquery(_power_version_in_force(body_id, year))
    ).select_related("catalog")
    return qs.filter(power_kind__in=kinds) if kinds else qs


def power_item_listed(path: str, *, year: int) -> Exists:
    """True where the power item at `path` (a lookup from the outer row, e.g. "power_item")
    is still in its body's list in force in `year`: the same code, of the same kind."""
    return Exists(
        CatalogItem.objects.filter(
            catalog_id=Subquery(
                _power_version_in_force(OuterRef(OuterRef(f"{path}__catalog__body_id")), year)
            ),
            code=OuterRef(f"{path}__code"),
            power_kind=OuterRef(f"{path}__power_kind"),
        )
    )
