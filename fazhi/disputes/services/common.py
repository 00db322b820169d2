"""Checks the disputes services share: dates, party identifiers, uploads, case numbers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from fazhi.core import dates, periods, uploads, validators
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import OrgUnit
from fazhi.core.numbering import issue_number, region_initial
from fazhi.core.writes import created, guarded, require_perm

from ..choices import PartyKind
from ..errors import DisputesError

CASEWORK_CHANGE = "disputes.change_casework"
ALLOWED_UPLOADS = (".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".ofd")
UPLOAD_KINDS = ("pdf", "jpg", "png", "doc", "docx", "ofd")
DOC_NUMBER = re.compile(r"^\S+〔\d{4}〕\d+号$")


def refuse(message: str, field: str | None = None, hint: str = "", code=None) -> ApplicationError:
    """A refusal naming the field it concerns (shown on that field of the form)."""
    return ApplicationError(
        message,
        code=code or DisputesError.REQUIRED,
        fields={field: hint or message} if field else None,
    )


def past(value: dt.date | None, field: str, label: str, *, required: bool = True) -> None:
    if value is None:
        if required:
            raise refuse(_("请填写%(label)s") % {"label": label}, field, _("必填"))
        return
    validators.past_date(value, label=label, field=field, today=dates.today())


def not_before(value: dt.date, earliest: dt.date, field: str, message: str) -> None:
    if value < earliest:
        raise refuse(message, field, code=DisputesError.TOO_EARLY)


def text(value: str | None, field: str, message: str) -> str:
    """The stripped text, or a refusal when it is empty."""
    value = (value or "").strip()
    if not value:
        raise refuse(message, field, _("必填"))
    return value


def stripped(**values: str | None) -> dict[str, str]:
    """Text fields as typed, without surrounding blanks (an empty field is "")."""
    return {name: (value or "").strip() for name, value in values.items()}


def due_fields(field: str, key: str, start: dt.date, **kwargs) -> dict[str, Any]:
    """The statutory period `key` from `start` (`core.periods.due`) as a row's `<field>` and
    `<field>_provisional` (the period reaches a year without holiday data)."""
    due = periods.due(key, start, **kwargs)
    return {field: due.date, f"{field}_provisional": due.provisional}


def set_due(row, field: str, key: str, start: dt.date, **kwargs) -> None:
    """Set `row.<field>` and `row.<field>_provisional` as `due_fields` computes them."""
    for name, value in due_fields(field, key, start, **kwargs).items():
        setattr(row, name, value)


def validate_upload(upload) -> None:
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_UPLOADS:
        raise ApplicationError(
            _("文件“%(name)s”类型不支持,请上传 PDF、图片(JPG/PNG)、Word 或 OFD 文件")
            % {"name": upload.name},
            code=DisputesError.UPLOAD_TYPE,
            fields={"files": _("类型不支持")},
        )
    uploads.check(upload, kinds=UPLOAD_KINDS, field="files")


def party_id(kind: str, value: str) -> str:
    value = (value or "").strip().upper()
    if not value:
        return ""
    check, label = (
        (validators.resident_id, _("居民身份证号码"))
        if kind == PartyKind.PERSON
        else (validators.uscc, _("统一社会信用代码"))
    )
    try:
        return check(value)
    except ApplicationError as exc:
        raise ApplicationError(
            _("%(label)s“%(value)s”不正确,请核对") % {"label": label, "value": value},
            code=DisputesError.PARTY_ID,
            fields={"applicant_id_number": _("校验未通过")},
        ) from exc


def casework_unit(actor, unit: OrgUnit | None, label: str) -> OrgUnit:
    """The unit a new mediation, adjudication or petition belongs to: the actor's own, or any
    for the reconsideration office."""
    require_perm(actor, "disputes.add_casework", message=_("您无权登记此类案件"))
    if unit is None:
        raise refuse(_("请选择%(label)s") % {"label": label}, "unit", _("必填"))
    if not actor.has_perm("disputes.handle_reconsideration") and unit.pk != actor.unit_id:
        raise PermissionDenied(_("只能登记本单位作为%(label)s的案件") % {"label": label})
    return unit


def case_number(model, unit: OrgUnit, kind: str, year: int) -> str:
    """The next number of a mediation (调), adjudication (裁) or petition (信) registered by
    `unit`: its region's 代字, the kind, the year (天调〔2026〕3号)."""
    return issue_number(model.objects.all(), f"{region_initial(unit.region)}{kind}", year)


def register_case(case, *, actor, unit: OrgUnit, mark: str, action: str):
    """Save a new mediation (调), adjudication case (裁) or petition (信) as registered by the
    actor, numbered in `unit`'s number space for the year it came in, audited as `action`."""
    case.number = case_number(type(case), unit, mark, case.received_on.year)
    case.created_by = actor
    return created(case, actor=actor, action=action)


def casework_step(
    row, *, actor, allowed: tuple, refusal: str, action: str, perm: str = CASEWORK_CHANGE
) -> guarded:
    """`guarded` for a handling step of a mediation, adjudication case or petition: by the
    unit handling it (`perm`), only in the statuses `allowed` (else `refusal`)."""
    return guarded(
        type(row), row.pk, actor=actor, perm=perm, allowed=allowed, refusal=refusal, action=action
    )
