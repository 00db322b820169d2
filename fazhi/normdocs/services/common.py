"""What the normdocs services share: the step order, the procedure record, numbers, the index."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.functions import Length
from django.utils import translation
from django.utils.translation import gettext as _

from fazhi.core import periods
from fazhi.core.actors import user_or_none
from fazhi.core.errors import ApplicationError
from fazhi.core.numbering import lock_number_space
from fazhi.core.writes import guarded

from .. import segment, workflow
from ..docnumber import parse_doc_number
from ..errors import NormdocsError
from ..models import DocumentSearchEntry, NormativeDocument, ProcedureStep

DRAFT = "normdocs.draft_normdoc"


def by_drafter(
    document: NormativeDocument, *, actor, action: str, version: int | None, denied: str = ""
) -> guarded:
    """`guarded` for a step the drafting unit takes on its own document (by default a draft)."""
    return guarded(
        NormativeDocument,
        document.pk,
        actor=actor,
        action=action,
        perm=DRAFT,
        version=version,
        denied=denied or _("只能办理本单位的草案"),
    )


def advance(document: NormativeDocument, action: str) -> str:
    """The stage `action` leads to, or a refusal saying which step must come first."""
    try:
        return workflow.next_stage(document.stage, action)
    except workflow.StepRefused as exc:
        raise ApplicationError(exc.reason, code=NormdocsError.STEP_REFUSED) from exc


def zh(render) -> str:
    """Text saved to the database is Chinese whatever the interface language (ADR 0004)."""
    with translation.override(settings.LANGUAGE_CODE):
        return render()


def step(document: NormativeDocument, stage: str, on: dt.date, actor, note: str = "") -> None:
    ProcedureStep.objects.create(
        document=document, stage=stage, happened_on=on, actor=user_or_none(actor), note=note
    )


def period_text(key: str) -> str:
    """A period as saved in a procedure note (Chinese): 30日, 15个工作日."""
    setting = periods.setting(key)
    return zh(lambda: periods.length(setting.value, setting.unit))


def refuse(message: str, field: str, hint: str, code=NormdocsError.REQUIRED) -> ApplicationError:
    """A refusal shown on one field of the form, `hint` beside the field."""
    return ApplicationError(message, code=code, fields={field: hint})


def filled(value: str, field: str, message: str) -> str:
    """The stripped text, or a refusal when it is empty."""
    if not value.strip():
        raise refuse(message, field, _("必填"))
    return value.strip()


def not_before(value: dt.date, earliest: dt.date | None, field: str, message: str, hint: str):
    """A step's date does not come before the step it follows (no bound when `earliest` is None)."""
    if earliest is not None and value < earliest:
        raise refuse(message, field, hint, NormdocsError.BAD_DATES)


def published(document: NormativeDocument, field: str, message: str) -> None:
    if not document.is_published:
        raise refuse(message, field, _("未公布"), NormdocsError.NOT_PUBLISHED)


def new_number(raw: str, field: str, bad: str, used: str, taken: QuerySet):
    """`raw` read as a 文号 (refused with `bad` when it is not one) that no row of `taken` holds
    in `field` (refused with `used`)."""
    parsed = parse_doc_number(raw)
    if parsed is None:
        raise refuse(bad % {"number": raw}, field, _("格式不正确"), NormdocsError.BAD_DOC_NUMBER)
    if taken.filter(**{field: str(parsed)}).exists():
        raise refuse(
            used % {"number": parsed}, field, _("重复"), NormdocsError.DUPLICATE_DOC_NUMBER
        )
    return parsed


def doc_number_fields(raw: str, *, exclude_pk: int | None = None) -> dict:
    parsed = new_number(
        raw,
        "doc_number",
        _("“%(number)s”不是有效的文号,应写作 天政办发〔2023〕12号"),
        _("文号 %(number)s 已被其他文件使用"),
        NormativeDocument.objects.exclude(pk=exclude_pk),
    )
    number = str(parsed)
    return {
        "doc_number": number,
        "doc_issuer_code": parsed.issuer_code,
        "doc_year": parsed.year,
        "doc_serial": parsed.serial,
    }


def check_dates(published_on, effective_on, valid_until) -> None:
    if effective_on:
        not_before(
            effective_on,
            published_on,
            "effective_on",
            _("施行日期不能早于公布日期"),
            _("早于公布日期"),
        )
    start = effective_on or published_on
    if valid_until and start and valid_until <= start:
        raise refuse(
            _("有效期截止日期应晚于施行日期"),
            "valid_until",
            _("早于施行日期"),
            NormdocsError.BAD_DATES,
        )


def index(document: NormativeDocument) -> None:
    title = " ".join(filter(None, [document.title, document.doc_number or ""]))
    DocumentSearchEntry.objects.update_or_create(
        document=document,
        defaults={
            "title_tokens": segment.index_text(title),
            "body_tokens": segment.index_text(document.body),
        },
    )


def next_registration_number(year: int, region_code: str) -> str:
    """The next 统一登记号 of the issuer's region (140222-2026-0007): each county registers its
    own documents, one after another under a lock on the region's numbers of the year."""
    lock_number_space(f"{region_code}-", year)
    prefix = f"{region_code}-{year}-"
    # Longest first, then highest: "…-10000" sorts after "…-9999".
    last = (
        NormativeDocument.objects.filter(registration_number__startswith=prefix)
        .order_by(Length("registration_number").desc(), "-registration_number")
        .values_list("registration_number", flat=True)
        .first()
    )
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{serial:04d}"
