"""Filing (报送备案) with the supervising body, its review (备案审查), and the correction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dates, validators
from fazhi.core.actors import Actor, user_or_none
from fazhi.core.choices import UnitKind
from fazhi.core.models import OrgUnit
from fazhi.core.writes import guarded, require_perm

from ..choices import FilingResult
from ..events import Event
from ..models import Filing, NormativeDocument
from .common import advance, by_drafter, filled, not_before, refuse, step, zh

# The government and its general office issue the government's own documents.
GOVERNMENT_KINDS = (UnitKind.COUNTY_GOVERNMENT, UnitKind.GOVERNMENT_OFFICE)


def filing_body(issuer: OrgUnit) -> str:
    """Where a document is filed, by its issuer (a proper name: stays Chinese).

    A government's own documents go to the standing committee of the people's congress at
    the same level, which may annul the government's improper decisions; a department's or a
    township's go to the county government, which may change or annul them (地方各级人民代表
    大会和地方各级人民政府组织法). The city government, where it also receives a copy, is
    added by the drafter.
    """
    region = issuer.region
    if issuer.kind in GOVERNMENT_KINDS:
        return f"{region.name}人民代表大会常务委员会"
    government = (
        OrgUnit.objects.filter(region=region, kind=UnitKind.COUNTY_GOVERNMENT, is_active=True)
        .order_by("pk")
        .values_list("name", flat=True)
        .first()
    )
    return government or f"{region.name}人民政府"


@transaction.atomic
def normdoc_file(
    *,
    actor: Actor,
    document: NormativeDocument,
    filed_on: dt.date,
    filed_with: str = "",
    version: int | None = None,
) -> Filing:
    """Report a published document for filing; the body defaults by the issuer."""
    g = by_drafter(
        document,
        actor=actor,
        action=Event.DOCUMENT_FILE,
        version=version,
        denied=_("只能办理本单位的文件"),
    )
    with g as doc:
        stage = advance(doc, "file")
        not_before(
            filed_on, doc.published_on, "filed_on", _("报备日期不能早于公布日期"), _("早于公布日期")
        )
        validators.past_date(filed_on, label=_("报备日期"), field="filed_on")
        body = filed_with.strip()[:128] or filing_body(doc.issuer)
        on_time = doc.due_on is None or filed_on <= doc.due_on
        filing = Filing.objects.create(
            document=doc, filed_on=filed_on, filed_with=body, on_time=on_time
        )
        doc.stage, doc.due_on, doc.due_provisional = stage, None, False
        g.note(on_time=on_time, filed_with=body)
    step(doc, stage, filed_on, actor, f"报送{body}备案{'' if on_time else '(逾期报备)'}")
    return filing


ACTIONS = {
    FilingResult.CONFORM: "filing_conform",
    FilingResult.CORRECT: "filing_correct",
    FilingResult.REVOKE: "filing_revoke",
}


@transaction.atomic
def filing_review_decide(
    *,
    actor: Actor,
    document: NormativeDocument,
    result: str,
    note: str = "",
    reviewed_on: dt.date | None = None,
    version: int | None = None,
) -> Filing:
    """有备必审、有错必纠: conform, order a correction, or revoke an unlawful document."""
    require_perm(actor, "normdocs.review_normdoc", message=_("只有司法局审核人员可以进行备案审查"))
    g = guarded(
        NormativeDocument, document.pk, actor=actor, action=Event.FILING_REVIEW, version=version
    )
    with g as doc:
        action = ACTIONS.get(result)
        if action is None:
            raise refuse(_("请选择审查结果"), "result", _("必选"))
        stage = advance(doc, action)
        if result != FilingResult.CONFORM:
            filled(note, "note", _("责令纠正或撤销时须写明理由"))
        filing = Filing.objects.select_for_update().get(document=doc)
        reviewed_on = reviewed_on or dates.today()
        not_before(
            reviewed_on,
            filing.filed_on,
            "reviewed_on",
            _("审查日期不能早于报备日期"),
            _("早于报备日期"),
        )
        filing.result, filing.note, filing.reviewed_on = result, note.strip(), reviewed_on
        filing.reviewer = user_or_none(actor)
        filing.save(update_fields=["result", "note", "reviewed_on", "reviewer", "updated_at"])
        doc.stage = stage
        if result == FilingResult.REVOKE:
            doc.repealed_on = reviewed_on
        g.note(result=result)
    step(
        doc,
        stage,
        reviewed_on,
        actor,
        zh(
            lambda: (
                f"备案审查:{filing.get_result_display()}"
                + (f"。{filing.note}" if filing.note else "")
            )
        ),
    )
    return filing


@transaction.atomic
def normdoc_correct(
    *,
    actor: Actor,
    document: NormativeDocument,
    corrected_on: dt.date,
    note: str,
    version: int | None = None,
) -> Filing:
    """The issuer reports that the correction ordered by the filing review is done."""
    g = by_drafter(
        document,
        actor=actor,
        action=Event.DOCUMENT_CORRECT,
        version=version,
        denied=_("只能办理本单位的文件"),
    )
    with g as doc:
        stage = advance(doc, "correct")
        filled(note, "note", _("请说明纠正情况"))
        filing = Filing.objects.select_for_update().get(document=doc)
        filing.corrected_on = corrected_on
        filing.save(update_fields=["corrected_on", "updated_at"])
        doc.stage = stage
        g.note(corrected_on=corrected_on, note=note.strip())
    step(doc, stage, corrected_on, actor, f"纠正完成:{note.strip()}")
    return filing
