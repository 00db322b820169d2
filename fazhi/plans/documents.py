"""The supervision notice (督办单) as an official document (.docx, GB/T 9704 layout)."""

from __future__ import annotations

from fazhi.core import documents
from fazhi.core.dates import day

from .models import SupervisionNotice

OFFICE = "县委依法治县办"  # the issuer when the signer has no unit: saved text, stays Chinese


def notice_document(notice: SupervisionNotice) -> bytes:
    """Chinese whatever the interface language: it is sent to the unit and kept on file."""
    task = notice.task
    plan = task.measure.plan
    issuer = notice.issued_by.unit.name if notice.issued_by and notice.issued_by.unit_id else OFFICE
    paragraphs = [
        f"你单位承担的《{plan.title}》({plan.doc_number})第{task.code}项任务:{task.text}",
        f"督办事项:{notice.request}",
        f"请于{day(notice.reply_due_on, chinese=True)}前将办理情况书面回复{issuer}。",
    ]
    return documents.render(
        title="督 办 单",
        number=notice.number,
        addressee=f"{notice.unit.name}:",
        paragraphs=paragraphs,
        issuer=issuer,
        issued_on=notice.issued_on,
    )
