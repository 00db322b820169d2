"""What the normdocs services share: the step order, the procedure record, numbers, the index."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models.functions import Length
from django.utils import translation
from django.utils.translation import gettext as _

from fazhi.core import dates, periods
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


def not_after_today(value: dt.date, field: str, message: str) -> None:
    """A date of something already done (comment opened, document filed) is not in the future."""
    if value > dates.today():
        raise ApplicationError(
            message, code=NormdocsError.FUTURE_DATE, fields={field: _("晚于今天")}
        )


def doc_number_fields(raw: str, *, exclude_pk: int | None = None) -> dict:
    parsed = parse_doc_number(raw)
    if parsed is None:
        raise ApplicationError(
            _("“%(number)s”不是有效的文号,应写作 天政办发〔2023〕12号") % {"number": raw},
            code=NormdocsError.BAD_DOC_NUMBER,
            fields={"doc_number": _("格式不正确")},
        )
    number = str(parsed)
    if NormativeDocument.objects.filter(doc_number=number).exclude(pk=exclude_pk).exists():
        raise ApplicationError(
            _("文号 %(number)s 已被其他文件使用") % {"number": number},
            code=NormdocsError.DUPLICATE_DOC_NUMBER,
            fields={"doc_number": _("重复")},
        )
    return {
        "doc_number": number,
        "doc_issuer_code": parsed.issuer_code,
        "doc_year": parsed.year,
        "doc_serial": parsed.serial,
    }


def check_dates(published_on, effective_on, valid_until) -> None:
    if published_on and effective_on and effective_on < published_on:
        raise ApplicationError(
            _("施行日期不能早于公布日期"),
            code=NormdocsError.BAD_DATES,
            fields={"effective_on": _("早于公布日期")},
        )
    start = effective_on or published_on
    if valid_until and start and valid_until <= start:
        raise ApplicationError(
            _("有效期截止日期应晚于施行日期"),
            code=NormdocsError.BAD_DATES,
            fields={"valid_until": _("早于施行日期")},
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
