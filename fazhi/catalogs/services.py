"""Writes: importing a version, checking, approving, publishing; published versions never change."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import numbering, validators
from fazhi.core.actors import user_or_none
from fazhi.core.errors import ApplicationError, CoreError
from fazhi.core.models import OrgUnit
from fazhi.core.writes import created, guarded, require_perm

from . import importing, selectors
from .checks import RULES, blocking
from .choices import CatalogKind, ImportStatus, VersionStatus
from .errors import CatalogsError
from .events import Event
from .kinds import KINDS
from .models import CatalogItem, CatalogVersion, ColumnMapping, ImportJob

# Each step of a version and the statuses it may be taken in: the one declaration the services
# enforce and the version page reads to offer a step (`views.VersionDetail`).
STEPS: dict[str, tuple[str, ...]] = {
    "check": (VersionStatus.DRAFT,),
    "approve": (VersionStatus.CHECKED,),
    "publish": (VersionStatus.APPROVED,),
    "return": (VersionStatus.CHECKED, VersionStatus.APPROVED),
    "reason": (VersionStatus.DRAFT,),
    "baseline": (VersionStatus.PUBLISHED,),
}
STEP_LABELS = {
    "check": gettext_lazy("合法性审核"),
    "approve": gettext_lazy("批准"),
    "publish": gettext_lazy("发布"),
    "return": gettext_lazy("退回修改"),
    "reason": gettext_lazy("填写变更理由"),
    "baseline": gettext_lazy("设为压减基数"),
}
# The steps taken on a day: the status they give the version, the field of their day, and the
# step whose day theirs may not precede.
DATED_STEPS: dict[str, tuple[str, str, str | None]] = {
    "check": (VersionStatus.CHECKED, "checked_on", None),
    "approve": (VersionStatus.APPROVED, "approved_on", "check"),
    "publish": (VersionStatus.PUBLISHED, "published_on", "approve"),
}


def _require_step(catalog: CatalogVersion, step: str) -> None:
    """Refuse `step` unless the version is in one of its statuses, saying why."""
    allowed = STEPS[step]
    if catalog.status in allowed:
        return
    if catalog.status == VersionStatus.PUBLISHED:
        raise ApplicationError(
            _("已发布的清单不能再%(step)s;如需在年度内调整,请填写调整理由,导入为调整版本")
            % {"step": STEP_LABELS[step]},
            code=CatalogsError.PUBLISHED,
        )
    if step == "return" and catalog.status == VersionStatus.DRAFT:
        raise ApplicationError(_("清单仍是草稿,无需退回"), code=CatalogsError.NOT_SUBMITTED)
    raise ApplicationError(
        _("清单当前为“%(status)s”,“%(step)s”只能在清单为“%(allowed)s”时进行")
        % {
            "status": catalog.get_status_display(),
            "step": STEP_LABELS[step],
            "allowed": "、".join(str(VersionStatus(s).label) for s in allowed),
        },
        code=CoreError.WRONG_STATUS,
    )


def _require_date(catalog: CatalogVersion, step: str, value: dt.date) -> None:
    """A step's date is the day it was taken: not in the future, not before the step it follows
    (the legality check precedes approval, approval precedes publication)."""
    _status, field, follows = DATED_STEPS[step]
    validators.past_date(value, label=_("%(step)s日期") % {"step": STEP_LABELS[step]}, field=field)
    after = getattr(catalog, DATED_STEPS[follows][1]) if follows else None
    if after is not None and value < after:
        what = STEP_LABELS[follows]
        raise ApplicationError(
            _("日期%(on)s早于%(what)s日期%(after)s")
            % {"on": value.isoformat(), "what": what, "after": after.isoformat()},
            code=CatalogsError.BAD_DATE,
            fields={field: _("早于%(what)s日期") % {"what": what}},
        )


def _refuse_unless_draft(catalog: CatalogVersion) -> None:
    if catalog.status == VersionStatus.PUBLISHED:
        raise ApplicationError(
            _("已发布的清单不能修改;如需在年度内调整,请填写调整理由,导入为调整版本"),
            code=CatalogsError.PUBLISHED,
        )
    if catalog.status != VersionStatus.DRAFT:
        raise ApplicationError(
            _("清单已进入“%(status)s”环节,只有草稿可以修改")
            % {"status": catalog.get_status_display()},
            code=CatalogsError.PUBLISHED,
        )


def _import_target(*, body: OrgUnit, kind: str, year: int, reason: str):
    """(the draft to replace, or None; the sequence of the version to write).

    The year's latest version decides: none → the year's list; a draft → replaced; published →
    with a reason, the next adjustment; a version being checked or approved → refused.
    """
    latest = (
        CatalogVersion.objects.filter(body=body, kind=kind, year=year).order_by("-sequence").first()
    )
    if latest is not None and latest.status == VersionStatus.PUBLISHED and reason:
        return None, latest.sequence + 1
    if reason and (latest is None or latest.sequence == 1):
        raise ApplicationError(
            _("调整理由只用于年度内已发布清单的调整版本;%(year)s年的清单尚未发布") % {"year": year},
            code=CatalogsError.NOT_ADJUSTMENT,
            fields={"adjustment_reason": _("不适用")},
        )
    if latest is not None:
        _refuse_unless_draft(latest)
    return latest, 1 if latest is None else latest.sequence


def _guard(catalog_id, action: str, perm: str, *, actor, version=None) -> guarded:
    """Lock one version, check `perm` and its version, and audit `action` (each service then
    checks its step with `_require_step`)."""
    return guarded(
        CatalogVersion, catalog_id, actor=actor, action=action, perm=perm, version=version
    )


@contextmanager
def _dated_step(catalog_id, step: str, on: dt.date, action: str, perm: str, *, actor, version):
    """`_guard` for a step taken on the day `on` (`DATED_STEPS`): refused unless the version's
    status allows the step (`_require_step`) and `on` may be its day (`_require_date`); the
    block checks what else the step needs, then the version has the step's status and day."""
    status, field, _follows = DATED_STEPS[step]
    with _guard(catalog_id, action, perm, actor=actor, version=version) as catalog:
        _require_step(catalog, step)
        _require_date(catalog, step, on)
        yield catalog
        catalog.status = status
        setattr(catalog, field, on)


def _item(catalog: CatalogVersion, row: dict[str, Any]) -> CatalogItem:
    allowed = set(KINDS[catalog.kind].fields) | {"position"}
    return CatalogItem(catalog=catalog, **{k: v for k, v in row.items() if k in allowed})


@transaction.atomic
def version_import(
    *,
    actor,
    body: OrgUnit,
    kind: str,
    year: int,
    items: list[dict[str, Any]],
    note: str = "",
    removal_reasons: dict[str, str] | None = None,
    adjustment_reason: str = "",
) -> CatalogVersion:
    """A draft version of `body`'s `kind` list for `year` holding `items` (all or nothing).

    Re-importing replaces a draft's items; a version past the draft stage is refused. Once the
    year's list is published, an `adjustment_reason` makes the import its next adjustment.
    """
    kind = selectors.find_kind(kind)
    reason = adjustment_reason.strip()[:255]
    # The year's versions of one list are numbered 1, 2, …: two imports at once wait for each
    # other here, so the second replaces the first's draft or is refused, never a duplicate.
    numbering.lock_number_space(f"catalogs.{kind}.{body.pk}", year)
    existing, sequence = _import_target(body=body, kind=kind, year=year, reason=reason)
    reasons = {str(k): str(v).strip()[:255] for k, v in (removal_reasons or {}).items() if v}
    if existing is not None:
        g = _guard(existing.pk, Event.VERSION_IMPORT, "catalogs.draft_version", actor=actor)
        with g as catalog:
            _refuse_unless_draft(catalog)
            catalog.items.all().delete()
            catalog.item_count = len(items)
            catalog.note = note or catalog.note
            catalog.removal_reasons = reasons or catalog.removal_reasons
            catalog.adjustment_reason = reason or catalog.adjustment_reason
            g.note(items=len(items))
    else:
        catalog = CatalogVersion(
            body=body,
            kind=kind,
            year=year,
            sequence=sequence,
            adjustment_reason=reason,
            note=note,
            removal_reasons=reasons,
            item_count=len(items),
            previous=selectors.latest_published(
                body_id=body.pk, kind=kind, before=(year, sequence)
            ),
        )
        require_perm(actor, "catalogs.draft_version", catalog)
        logged = {"items": len(items), **({"adjustment": reason} if reason else {})}
        created(catalog, actor=actor, action=Event.VERSION_IMPORT, note=logged)
    CatalogItem.objects.bulk_create([_item(catalog, row) for row in items], batch_size=2000)
    return catalog


@transaction.atomic
def version_check(*, actor, catalog_id: int, version: int | None, checked_on: dt.date):
    """The legality check (司法局): refused while any item has a finding that must be corrected."""
    with _dated_step(
        catalog_id,
        "check",
        checked_on,
        Event.VERSION_CHECK,
        "catalogs.check_version",
        actor=actor,
        version=version,
    ) as catalog:
        errors = blocking(selectors.version_findings(catalog))
        if errors:
            shown = ";".join(f"{f.code} {_(RULES[f.rule])}" for f in errors[:5])
            raise ApplicationError(
                _("有%(n)s处须改正的问题,未通过审核:%(shown)s")
                % {"n": len(errors), "shown": shown},
                code=CatalogsError.FINDINGS,
            )
    return catalog


@transaction.atomic
def version_approve(
    *, actor, catalog_id: int, version: int | None, approved_on: dt.date, approval_ref: str = ""
):
    with _dated_step(
        catalog_id,
        "approve",
        approved_on,
        Event.VERSION_APPROVE,
        "catalogs.approve_version",
        actor=actor,
        version=version,
    ) as catalog:
        catalog.approval_ref = approval_ref.strip()
    return catalog


@transaction.atomic
def version_publish(*, actor, catalog_id: int, version: int | None, published_on: dt.date):
    with _dated_step(
        catalog_id,
        "publish",
        published_on,
        Event.VERSION_PUBLISH,
        "catalogs.publish_version",
        actor=actor,
        version=version,
    ) as catalog:
        adjusted = catalog.previous if catalog.sequence > 1 else None
        if adjusted is not None and adjusted.published_on and published_on < adjusted.published_on:
            # The adjustment replaces the list from its own publication, never before it.
            raise ApplicationError(
                _("调整版本的发布日期不能早于被调整版本(%(label)s)的发布日期%(on)s")
                % {"label": adjusted.label, "on": adjusted.published_on.isoformat()},
                code=CatalogsError.PUBLISH_ORDER,
                fields={"published_on": _("早于被调整版本")},
            )
    return catalog


@transaction.atomic
def version_return(*, actor, catalog_id: int, version: int | None, reason: str):
    """Send a checked or approved version back to draft (退回修改), saying why."""
    reason = reason.strip()[:255]
    if not reason:
        raise ApplicationError(_("请填写退回理由"), fields={"reason": _("必填")})
    with _guard(
        catalog_id, Event.VERSION_RETURN, "catalogs.check_version", actor=actor, version=version
    ) as catalog:
        _require_step(catalog, "return")
        catalog.status = VersionStatus.DRAFT
        catalog.checked_on = None
        catalog.approved_on = None
        catalog.approval_ref = ""
        catalog.return_reason = reason
    return catalog


@transaction.atomic
def version_set_reason(*, actor, catalog_id: int, version: int | None, code: str, reason: str):
    """The reason for one change of a draft: on the item, or for a dropped item, on the version."""
    g = _guard(
        catalog_id, Event.VERSION_REASON, "catalogs.draft_version", actor=actor, version=version
    )
    with g as catalog:
        _require_step(catalog, "reason")
        code, reason = code.strip(), reason.strip()[:255]
        if not reason:
            raise ApplicationError(_("请填写理由"), fields={"reason": _("必填")})
        updated = CatalogItem.objects.filter(catalog=catalog, code=code).update(
            change_reason=reason
        )
        if not updated:
            delta = selectors.version_diff(catalog)
            removed = {c.code for c in delta.removed} if delta else set()
            if code not in removed:
                raise ApplicationError(
                    _("本版本和上一版本中都没有编码为“%(code)s”的事项") % {"code": code[:64]},
                    code=CatalogsError.NOT_REMOVED,
                    fields={"code": _("不存在")},
                )
            catalog.removal_reasons = {**catalog.removal_reasons, code: reason}
        g.note(code=code, reason=reason)
    return catalog


@transaction.atomic
def version_set_baseline(*, actor, catalog_id: int, version: int | None):
    """Choose this published approval list as the base of the reduction figures."""
    g = _guard(
        catalog_id,
        Event.VERSION_BASELINE,
        "catalogs.approve_version",
        actor=actor,
        version=version,
    )
    with g as catalog:
        _require_step(catalog, "baseline")
        if catalog.kind != CatalogKind.APPROVAL:
            raise ApplicationError(
                _("只有行政审批事项清单可以作为压减基数"), code=CatalogsError.NOT_COMPARABLE
            )
        CatalogVersion.objects.filter(
            body_id=catalog.body_id, kind=catalog.kind, is_baseline=True
        ).exclude(pk=catalog.pk).update(is_baseline=False)
        catalog.is_baseline = True
    return catalog


@transaction.atomic
def mapping_save(*, actor, body: OrgUnit, kind: str, columns: dict[str, str]) -> ColumnMapping:
    """A body's own column names for one kind (blank means the provincial default)."""
    kind = selectors.find_kind(kind)
    known = set(KINDS[kind].fields)
    clean = {k: str(v).strip()[:64] for k, v in columns.items() if k in known and str(v).strip()}
    existing = ColumnMapping.objects.filter(body=body, kind=kind).first()
    if existing is None:
        mapping = ColumnMapping(body=body, kind=kind, columns=clean)
        require_perm(actor, "catalogs.draft_version", mapping)
        return created(mapping, actor=actor, action=Event.MAPPING_SAVE)
    with guarded(
        ColumnMapping,
        existing.pk,
        actor=actor,
        action=Event.MAPPING_SAVE,
        perm="catalogs.draft_version",
    ) as mapping:
        mapping.columns = clean
    return mapping


def import_queue(
    *, actor, body: OrgUnit, kind: str, year: int, file, note: str = "", adjustment_reason=""
) -> ImportJob:
    """Keep an uploaded workbook for the background reader (`tasks.import_run`).

    The file has passed `core.uploads.check`; nothing of the list is written until every row
    of it is right. The caller queues the job after this returns (the row is committed).
    """
    kind = selectors.find_kind(kind)
    job = ImportJob(
        body=body,
        kind=kind,
        year=year,
        note=note.strip()[:255],
        adjustment_reason=adjustment_reason.strip()[:255],
        created_by=user_or_none(actor),
    )
    require_perm(actor, "catalogs.draft_version", job)
    _import_target(body=body, kind=kind, year=year, reason=job.adjustment_reason)
    job.file.save(PurePath(getattr(file, "name", "") or "list.xlsx").name, file, save=False)
    job.save()
    return job


def import_run(*, actor, job_id: int) -> ImportJob:
    """Read the job's workbook (progress saved as it goes), then import it all or nothing."""
    job = ImportJob.objects.select_related("body").get(pk=job_id)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(done=done, total=max(total, done))

    result: dict[str, Any] = {"status": ImportStatus.FAILED}
    try:
        with job.file.open("rb") as handle:
            rows = importing.read(
                handle,
                kind=job.kind,
                columns=selectors.mapping_for(body_id=job.body_id, kind=job.kind),
                progress=progress,
            )
        catalog = version_import(
            actor=actor,
            body=job.body,
            kind=job.kind,
            year=job.year,
            items=rows,
            note=job.note,
            adjustment_reason=job.adjustment_reason,
        )
    except importing.RowErrors as exc:
        result.update(message=exc.message, errors=[str(e) for e in exc.errors[:200]])
    except ApplicationError as exc:
        result.update(message=exc.message, errors=[])
    else:
        result.update(
            status=ImportStatus.DONE,
            catalog=catalog,
            done=len(rows),
            message=_("已导入%(n)s个事项,清单为草稿状态") % {"n": len(rows)},
        )
    ImportJob.objects.filter(pk=job.pk).update(**result)
    job.refresh_from_db()
    return job
