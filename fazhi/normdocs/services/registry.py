"""Registering existing documents in bulk (存量登记) from files or a registry spreadsheet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from fazhi.core import audit
from fazhi.core.actors import Actor, user_or_none
from fazhi.core.directory import resolve_unit
from fazhi.core.errors import ApplicationError
from fazhi.core.models import OrgUnit
from fazhi.core.writes import require_perm

from .. import segment
from ..choices import Stage
from ..docnumber import parse_doc_number
from ..errors import NormdocsError
from ..events import Event
from ..importing import RegistryRow
from ..models import DocumentSearchEntry, NormativeDocument, ProcedureStep
from .common import next_registration_number


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)


def normdoc_import(
    *,
    actor: Actor,
    rows: list[RegistryRow],
    default_issuer: OrgUnit | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 500,
) -> ImportReport:
    """Register existing documents in bulk. Rows with errors, duplicates or unknown issuers are
    reported and skipped; the rest are saved in batches (each batch one transaction)."""
    require_perm(
        actor, "normdocs.manage_registry", message=_("只有依法治县办或司法局可以批量登记文件")
    )
    report = ImportReport()
    taken = set(
        NormativeDocument.objects.exclude(doc_number=None).values_list("doc_number", flat=True)
    )
    units: dict[str, OrgUnit | None] = {}
    batch: list[tuple[RegistryRow, NormativeDocument]] = []
    for row in rows:
        document = _prepare(row, default_issuer, taken, units, report, actor)
        if document is not None:
            batch.append((row, document))
        if len(batch) >= batch_size:
            _flush(actor, batch, report)
            batch = []
        if progress:
            progress(1)
    _flush(actor, batch, report)
    return report


def _prepare(row, default_issuer, taken, units, report, actor) -> NormativeDocument | None:
    errors = list(row.errors)
    number = parse_doc_number(row.doc_number) if row.doc_number else None
    if row.doc_number and number is None:
        errors.append(_("文号“%(number)s”格式不正确") % {"number": row.doc_number})
    elif number and str(number) in taken:
        errors.append(_("文号 %(number)s 已登记") % {"number": number})
    issuer = default_issuer
    if row.issuer:
        if row.issuer not in units:
            units[row.issuer] = resolve_unit(row.issuer).unit
        issuer = units[row.issuer] or None
        if issuer is None:
            errors.append(_("制定机关“%(issuer)s”不在单位名录中") % {"issuer": row.issuer})
    if issuer is None and not errors:
        errors.append(_("未指定制定机关"))
    if row.published_on and row.effective_on and row.effective_on < row.published_on:
        errors.append(_("施行日期早于公布日期"))
    if row.valid_until and row.effective_on and row.valid_until <= row.effective_on:
        errors.append(_("有效期截止日期早于施行日期"))
    if errors:
        report.failed.append((row.shown_source(), ";".join(dict.fromkeys(errors))))
        return None
    document = NormativeDocument(
        title=row.title[:200],
        issuer=issuer,
        drafting_unit=issuer,
        written_on=row.written_on,
        published_on=row.published_on,
        effective_on=row.effective_on,
        valid_until=row.valid_until,
        legal_basis=row.legal_basis,
        body=row.body,
        stage=Stage.REGISTERED,
        created_by=user_or_none(actor),
    )
    if row.original:
        suffix = Path(row.source).suffix.lower()
        name = (
            f"normdocs/originals/{number.year}/"
            f"{number.issuer_code}-{number.year}-{number.serial}{suffix}"
        )
        document.original_file.name = default_storage.save(name, ContentFile(row.original))
    document.doc_number, document.doc_issuer_code, document.doc_year, document.doc_serial = (
        str(number),
        number.issuer_code,
        number.year,
        number.serial,
    )
    taken.add(document.doc_number)
    return document


@transaction.atomic
def _flush(actor, batch: list[tuple[RegistryRow, NormativeDocument]], report: ImportReport) -> None:
    if not batch:
        return
    serials: dict[tuple[str, int], int] = {}
    for _row, document in batch:
        key = (document.issuer.region_id, document.published_on.year)
        if key not in serials:
            serials[key] = int(next_registration_number(key[1], key[0]).rsplit("-", 1)[1])
        document.registration_number = f"{key[0]}-{key[1]}-{serials[key]:04d}"
        serials[key] += 1
    try:
        created = NormativeDocument.objects.bulk_create([d for _, d in batch])
    except IntegrityError as exc:
        raise ApplicationError(
            _("登记时与已有文件冲突(文号或统一登记号重复),本批未保存,请重试"),
            code=NormdocsError.IMPORT_CONFLICT,
        ) from exc
    DocumentSearchEntry.objects.bulk_create(
        DocumentSearchEntry(
            document=d,
            title_tokens=segment.index_text(f"{d.title} {d.doc_number}"),
            body_tokens=segment.index_text(d.body),
        )
        for d in created
    )
    ProcedureStep.objects.bulk_create(
        ProcedureStep(
            document=d,
            stage=Stage.REGISTERED,
            happened_on=d.published_on,
            actor=user_or_none(actor),
            note=f"批量登记:{row.source}",
        )
        for (row, _), d in zip(batch, created, strict=True)
    )
    report.created.extend(d.doc_number for d in created)
    # One event per batch: a row-by-row trail of thousands of registrations says no more.
    audit.record(
        actor=actor,
        action=Event.DOCUMENT_IMPORT,
        object_type="normdocs.normativedocument",
        object_id=f"{created[0].pk}-{created[-1].pk}" if created[0].pk else "batch",
        object_repr=f"批量登记{len(created)}件",
        after={"doc_numbers": [d.doc_number for d in created][:200], "count": len(created)},
    )
