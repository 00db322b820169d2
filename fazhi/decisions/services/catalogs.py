"""The annual catalogue of major decisions (决策事项目录, Art. 3 ¶3).

A catalogue is drafted, agreed by the same-level Party committee, then published. A published
revision is never edited: an adjustment copies it into a new revision with its reason, which
goes through approval and publication again and then supersedes the old one.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fazhi.core import numbering, periods
from fazhi.core.actors import SYSTEM
from fazhi.core.errors import ApplicationError
from fazhi.core.validators import past_date
from fazhi.core.writes import created, guarded
from fazhi.plans import standing

from ..choices import MANDATORY, CatalogStatus, Procedure
from ..errors import DecisionsError, invalid
from ..events import Event
from ..models import Catalog, CatalogEntry

PERM = "decisions.draft_catalog"
# The indicator whose standing settles measure (九)'s yearly obligation in the plan ledger.
ON_TIME = "decisions.catalog_on_time_rate"


# The status a step on a catalogue revision requires, and the refusal in any other.
_REFUSALS = {
    CatalogStatus.DRAFT: gettext_noop(
        "已报党委同意或已公布的目录不得直接修改,请通过目录调整程序另行形成新版本"
        "(《重大行政决策程序暂行条例》第3条)"
    ),
    CatalogStatus.APPROVED: gettext_noop(
        "目录须经同级党委同意后才能公布(《重大行政决策程序暂行条例》第3条);已公布的目录不能再次公布"
    ),
    CatalogStatus.PUBLISHED: gettext_noop("只有已公布的现行目录可以调整;未公布的目录直接修改即可"),
}


def _revision(catalog_id: int, status: str, *, actor, version: int | None, action: str):
    """`guarded` on a catalogue revision that must be in `status`."""
    return guarded(
        Catalog,
        catalog_id,
        actor=actor,
        perm=PERM,
        version=version,
        allowed=(status,),
        refusal=_(_REFUSALS[status]),
        action=action,
    )


def _draft(catalog_id: int, *, actor, version: int | None, action: str):
    """A catalogue revision still being drafted; one agreed or published is never edited."""
    return _revision(catalog_id, CatalogStatus.DRAFT, actor=actor, version=version, action=action)


def check_procedures(procedures) -> list[str]:
    known = set(Procedure.values)
    chosen = [str(p) for p in procedures]
    unknown = [p for p in chosen if p not in known]
    if unknown:
        raise ApplicationError(
            _("未知的决策程序:%(names)s") % {"names": "、".join(unknown)},
            code=DecisionsError.PROCEDURE_UNKNOWN,
            fields={"procedures": _("未知的决策程序")},
        )
    wanted = set(chosen) | set(MANDATORY)
    return [p for p in Procedure.values if p in wanted]


def publication_deadline(year: int, *, region: str | None = None) -> dt.date:
    """The last day of the month the region's rule names (the seed: 30 April).

    A date in the year, not a period counted from an event: it is read from the registry
    with `periods.value` and is not rolled over rest days.
    """
    month = periods.value("decisions.catalog_publication", region=region)
    month = min(max(month, 1), 12)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@transaction.atomic
def catalog_create(*, actor, body, year: int) -> Catalog:
    # One catalogue a body and year: two users creating it at once wait here for each other.
    numbering.lock_number_space(f"decisions.catalog.{body.pk}", year)
    if Catalog.objects.filter(body=body, year=year).exists():
        raise ApplicationError(
            _("%(body)s%(year)s年度目录已存在;年度中的变化请通过目录调整办理")
            % {"body": body.name, "year": year},
            code=DecisionsError.CATALOG_EXISTS,
        )
    catalog = Catalog(body=body, year=year)
    return created(catalog, actor=actor, action=Event.CATALOG_CREATE, perm=PERM)


@transaction.atomic
def catalog_entry_add(
    *,
    actor,
    catalog_id: int,
    version: int | None,
    matter: str,
    scope_text: str,
    lead_unit,
    goal: str,
    due_on: dt.date,
    procedures,
    cooperating_units=(),
    hearing: bool = False,
) -> CatalogEntry:
    g = _draft(catalog_id, actor=actor, version=version, action=Event.CATALOG_ENTRY_ADD)
    with g as catalog:
        if due_on.year < catalog.year:
            raise invalid(_("完成时限不能早于目录年度"), "due_on")
        last = catalog.entries.order_by("-sequence").values_list("sequence", flat=True).first()
        entry = CatalogEntry(
            catalog=catalog,
            sequence=(last or 0) + 1,
            matter=matter,
            scope_text=scope_text,
            lead_unit=lead_unit,
            goal=goal,
            due_on=due_on,
            procedures=check_procedures(procedures),
            hearing=hearing,
        )
        created(entry, actor=actor, action=Event.CATALOG_ENTRY_ADD)
        entry.cooperating_units.set(cooperating_units)
        g.note(entry=entry.pk, matter=matter)
    return entry


@transaction.atomic
def catalog_entry_remove(*, actor, catalog_id: int, version: int | None, entry_id: int) -> Catalog:
    g = _draft(catalog_id, actor=actor, version=version, action=Event.CATALOG_ENTRY_REMOVE)
    with g as catalog:
        entry = catalog.entries.filter(pk=entry_id).first()
        if entry is None or entry.decisions.exists():
            raise ApplicationError(
                _("该事项不存在或已有决策案卷,不能删除"), code=DecisionsError.CATALOG_PUBLISHED
            )
        g.note(entry=entry.pk, matter=entry.matter)
        entry.delete()
    return catalog


@transaction.atomic
def catalog_approve(
    *, actor, catalog_id: int, version: int | None, approved_on: dt.date, approval_ref: str
) -> Catalog:
    past_date(approved_on, label=_("党委同意日期"), field="approved_on")
    g = _draft(catalog_id, actor=actor, version=version, action=Event.CATALOG_APPROVE)
    with g as catalog:
        if not catalog.entries.exists():
            raise ApplicationError(_("目录没有任何事项"), code=DecisionsError.CATALOG_EMPTY)
        if not approval_ref.strip():
            raise invalid(_("请填写党委同意的文件或会议(第3条)"), "approval_ref")
        catalog.status = CatalogStatus.APPROVED
        catalog.party_approved_on = approved_on
        catalog.party_approval_ref = approval_ref.strip()
    return catalog


@transaction.atomic
def catalog_publish(
    *, actor, catalog_id: int, version: int | None, published_on: dt.date
) -> Catalog:
    past_date(published_on, label=_("公布日期"), field="published_on")
    g = _revision(
        catalog_id,
        CatalogStatus.APPROVED,
        actor=actor,
        version=version,
        action=Event.CATALOG_PUBLISH,
    )
    with g as catalog:
        if published_on < catalog.party_approved_on:
            raise invalid(_("公布日期不能早于党委同意日期"), "published_on")
        catalog.status = CatalogStatus.PUBLISHED
        catalog.published_on = published_on
        if catalog.previous_id:
            with guarded(
                Catalog, catalog.previous_id, actor=actor, action=Event.CATALOG_SUPERSEDE
            ) as old:
                old.status = CatalogStatus.SUPERSEDED
    if catalog.revision == 1:
        standing.settle(
            ON_TIME,
            region=catalog.body.region_id,
            actor=SYSTEM,
            action=Event.PLAN_OBLIGATION_SETTLE,
        )
    return catalog


@transaction.atomic
def catalog_adjust(*, actor, catalog_id: int, version: int | None, reason: str) -> Catalog:
    """A new draft revision of a published catalogue, copying its entries (the old stays published)."""
    g = _revision(
        catalog_id,
        CatalogStatus.PUBLISHED,
        actor=actor,
        version=version,
        action=Event.CATALOG_ADJUST,
    )
    with g as old:
        if not reason.strip():
            raise invalid(_("调整目录须说明理由"), "reason", DecisionsError.ADJUSTMENT_REASON)
        if Catalog.objects.filter(previous=old).exists():
            raise ApplicationError(
                _("该目录已有待公布的调整版本"), code=DecisionsError.CATALOG_EXISTS
            )
        new = Catalog(
            body=old.body,
            year=old.year,
            revision=old.revision + 1,
            previous=old,
            adjustment_reason=reason.strip(),
        )
        created(new, actor=actor, action=Event.CATALOG_CREATE, note={"adjusts": old.pk})
        for entry in old.entries.prefetch_related("cooperating_units"):
            units = list(entry.cooperating_units.all())
            entry.pk = None
            entry.catalog = new
            entry.save(force_insert=True)
            entry.cooperating_units.set(units)
        g.note(new_revision=new.pk, reason=reason.strip())
    return new
