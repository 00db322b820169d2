"""Discretion standards: which standard a case may use, the range it allows, the Excel import."""

from __future__ import annotations

import io

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import audit, uploads
from fazhi.core.actors import Actor
from fazhi.core.errors import ApplicationError
from fazhi.core.writes import require_perm

from .. import discretion, importing
from ..errors import EnforcementError
from ..events import Event
from ..models import DiscretionLevel, DiscretionStandard, EnforcementBody, Exemption


def check_standard_applies(standard: DiscretionStandard, body: EnforcementBody) -> None:
    """A case uses its own field's standard: one of its body, or a general one (no body)."""
    if standard.body_id is not None and standard.body_id != body.pk:
        raise ApplicationError(
            _("裁量基准“%(code)s”适用于%(other)s,不能用于%(unit)s的案件")
            % {"code": standard.code, "other": standard.body.unit.name, "unit": body.unit.name},
            code=EnforcementError.FOREIGN_STANDARD,
            fields={"standard": [_("不适用于本执法主体")]},
        )
    if not standard.is_active:
        raise ApplicationError(
            _("裁量基准“%(code)s”已失效") % {"code": standard.code},
            code=EnforcementError.FOREIGN_STANDARD,
            fields={"standard": [_("已失效")]},
        )


def assess_case(
    standard: DiscretionStandard, circumstances: discretion.Circumstances
) -> discretion.Assessment:
    levels = {
        lv.level: discretion.LevelRange(lv.level, lv.fine_min, lv.fine_max)
        for lv in standard.levels.all()
    }
    try:
        return discretion.assess(levels, [e.kind for e in standard.exemptions.all()], circumstances)
    except discretion.StandardError as exc:
        raise ApplicationError(str(exc), code=EnforcementError.DISCRETION) from exc


def _read_xlsx(upload) -> list[tuple]:
    from openpyxl import load_workbook

    uploads.check(upload, kinds=("xlsx",))
    with uploads.parsing(upload.name, "xlsx"):
        wb = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=True)
        return list(wb.worksheets[0].iter_rows(values_only=True))


@transaction.atomic
def standard_import(*, actor: Actor, upload, body: EnforcementBody | None = None) -> int:
    """Import standards from Excel: any bad row refuses the whole file (row-level errors)."""
    denied = _("只有依法治县办或本单位可以导入裁量基准")
    if body is None:
        require_perm(actor, "enforcement.import_standard", None, denied)
    elif not actor.has_perm("enforcement.import_standard"):
        require_perm(actor, "enforcement.handle_case", body, denied)
    rows = _read_xlsx(upload)
    if not rows:
        raise ApplicationError(_("文件为空"), code=EnforcementError.EMPTY)
    problem = importing.check_headers(rows[0], importing.STANDARD_HEADERS)
    if problem:
        raise ApplicationError(problem, code=EnforcementError.BAD_HEADER)
    records, errors = importing.parse_standard_rows(rows[1:])
    for record in records:
        try:
            discretion.validate_levels(
                discretion.LevelRange(lv, lo, hi) for lv, (_d, lo, hi, _o) in record.levels.items()
            )
        except discretion.StandardError as exc:
            errors.append(
                importing.RowError(
                    0, _("编号%(code)s:%(problem)s") % {"code": record.code, "problem": exc}
                )
            )
    if errors:
        messages = [str(e) for e in errors]
        raise ApplicationError(
            _("导入失败,共 %(count)s 处错误,未保存任何数据") % {"count": len(errors)},
            code=EnforcementError.IMPORT_ROWS,
            fields={"rows": messages},
        )
    for record in records:
        standard, _created = DiscretionStandard.objects.update_or_create(
            code=record.code,
            defaults={
                "violation": record.violation,
                "legal_basis": record.legal_basis,
                "penalty_basis": record.penalty_basis,
                "body": body,
            },
        )
        standard.levels.all().delete()
        DiscretionLevel.objects.bulk_create(
            DiscretionLevel(
                standard=standard,
                level=lv,
                description=desc,
                fine_min=lo,
                fine_max=hi,
                other_penalty=other,
            )
            for lv, (desc, lo, hi, other) in record.levels.items()
        )
        standard.exemptions.all().delete()
        Exemption.objects.bulk_create(
            Exemption(standard=standard, kind=k, condition=c) for k, c in record.exemptions.items()
        )
        audit.record(
            actor=actor,
            action=Event.STANDARD_IMPORT,
            obj=standard,
            after={"levels": sorted(record.levels), "exemptions": sorted(record.exemptions)},
        )
    return len(records)
