"""The dossier as an archival package (归档, Art. 33): a ZIP with a manifest of SM3 digests.

Export streams every attachment into the ZIP in chunks while hashing it, so memory stays
constant whatever the attachments' size. The manifest (`manifest.json`, written last) lists
each member's path, size and SM3, and carries the decision's audit events. Verification
streams each member again and names the first that is missing, altered or not listed.
"""

from __future__ import annotations

import hashlib
import json
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dates
from fazhi.core.errors import ApplicationError
from fazhi.core.models import AuditEvent

from ..errors import DecisionsError
from ..events import Event
from ..models import Decision
from .dossier import decision_consultation
from .steps import dossier_step

MANIFEST = "manifest.json"
FORMAT = "fazhi-decision-archive/1"
CHUNK = 1024 * 1024


def sm3() -> hashlib._Hash:
    return hashlib.new("sm3")


def audit_events(decision: Decision) -> list[AuditEvent]:
    """Every audit event about the decision and its child rows, in order."""
    from django.db.models import Q

    children = {
        "decisions.hearing": decision.hearings.values_list("pk", flat=True),
        "decisions.expertdraw": decision.draws.values_list("pk", flat=True),
        "decisions.expertopinion": decision.opinions.values_list("pk", flat=True),
        "decisions.legaladvice": decision.advice.values_list("pk", flat=True),
        "decisions.attachment": decision.attachments.values_list("pk", flat=True),
        "decisions.executionreport": decision.reports.values_list("pk", flat=True),
        "decisions.evaluation": decision.evaluations.values_list("pk", flat=True),
        "decisions.decisionchange": decision.changes.values_list("pk", flat=True),
        "decisions.officialdocument": decision.documents.values_list("pk", flat=True),
    }
    condition = Q(object_type="decisions.decision", object_id=str(decision.pk))
    for object_type, pks in children.items():
        ids = [str(pk) for pk in pks]
        if ids:
            condition |= Q(object_type=object_type, object_id__in=ids)
    consultation = decision_consultation(decision)
    if consultation is not None:
        condition |= Q(object_type="decisions.consultation", object_id=str(consultation.pk))
        comment_ids = [str(pk) for pk in consultation.comments.values_list("pk", flat=True)]
        if comment_ids:
            condition |= Q(object_type="decisions.comment", object_id__in=comment_ids)
    return list(AuditEvent.objects.filter(condition).order_by("seq"))


def _event_row(e: AuditEvent) -> dict:
    return {
        "seq": e.seq,
        "at": e.occurred_at.isoformat(),
        "actor": e.actor_name,
        "unit": e.unit_name,
        "action": e.action,
        "object": f"{e.object_type}#{e.object_id}",
        "before": e.before,
        "after": e.after,
        "hash": e.hash,
    }


def _texts(decision: Decision) -> Iterator[tuple[str, str]]:
    """The dossier's own records as text files (in Chinese: archived documents)."""
    d = decision
    adjusts, adjusted_to = _links(d)
    links = f"调整自:{adjusts}\n" if adjusts else ""
    links += "".join(f"调整为:{number}\n" for number in adjusted_to)
    yield (
        "dossier/决策方案.txt",
        f"{d.number} {d.title}\n{links}\n{d.options}\n\n起草说明:\n{d.justification}\n",
    )
    consultation = decision_consultation(d)
    if consultation is not None:
        lines = [
            f"征求意见:{dates.day(consultation.opens_on, chinese=True)}至"
            f"{dates.day(consultation.closes_on, chinese=True)}",
            consultation.short_reason and f"期限缩短理由:{consultation.short_reason}",
            "",
        ]
        for c in consultation.comments.order_by("pk"):
            lines.append(f"[{c.get_status_display()}] {c.author_name or '匿名'}:{c.text}")
        lines += ["", f"采纳情况:{consultation.adoption_summary}"]
        yield "dossier/公众意见及采纳情况.txt", "\n".join(x for x in lines if x is not None) + "\n"
    for h in d.hearings.all():
        yield f"dossier/听证_{h.pk}.txt", f"{h.held_on}\n{h.participants}\n\n{h.record}\n"
    opinions = [
        f"{o.expert.name}({'不同意见' if o.dissenting else ''}){o.given_on}:{o.text}"
        for o in d.opinions.select_related("expert")
    ]
    if opinions or d.expert_summary:
        yield (
            "dossier/专家论证意见.txt",
            "\n\n".join([*opinions, f"综述:{d.expert_summary}"]) + "\n",
        )
    for draw in d.draws.all():
        yield f"dossier/专家抽取_{draw.pk}_候选名单.txt", draw.candidates
        yield (
            f"dossier/专家抽取_{draw.pk}_结果.txt",
            f"承诺值 {draw.commitment}\n种子 {draw.seed}\n{draw.selection}",
        )
    if d.risk_report:
        yield (
            "dossier/风险评估报告.txt",
            f"{d.get_risk_level_display()}\n{d.risk_report}\n{d.draft_adjustment}\n",
        )
    advice = [f"{a.adviser}:{a.text}" for a in d.advice.select_related("adviser")]
    if d.review_opinion or advice:
        yield (
            "dossier/合法性审查意见.txt",
            f"{d.get_review_conclusion_display()}\n{d.review_opinion}\n\n"
            + "\n\n".join(advice)
            + "\n",
        )
    if d.minutes:
        yield (
            "dossier/集体讨论会议纪要.txt",
            f"{d.get_meeting_kind_display()} {d.meeting_on}\n{d.minutes}\n\n行政首长:{d.head_name} {d.get_head_decision_display()}\n不同意见:{d.dissent}\n",
        )
    if d.published_on:
        yield "dossier/公布及采纳说明.txt", f"{d.published_on}\n{d.explanation}\n"


def _links(decision: Decision) -> tuple[str | None, list[str]]:
    """Art. 37's major adjustments: the decision this one adjusts, and those adjusting it."""
    adjusts = decision.adjusts.number if decision.adjusts_id else None
    return adjusts, list(decision.adjustments.order_by("pk").values_list("number", flat=True))


@dataclass
class Member:
    path: str
    size: int
    sm3: str


def _write_stream(zf: zipfile.ZipFile, path: str, chunks, *, stored: bool = False) -> Member:
    """One member, hashed as written; attachments are stored as they are (mostly compressed)."""
    digest, size = sm3(), 0
    info = zipfile.ZipInfo(path, date_time=time.localtime()[:6])
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zf.open(info, "w", force_zip64=True) as out:
        for chunk in chunks:
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return Member(path, size, digest.hexdigest())


def _file_chunks(field_file):
    with field_file.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            yield chunk


@transaction.atomic
def decision_export_archive(*, actor, decision_id: int, out) -> dict:
    """Write the package to `out` (a path or a writable binary file); returns the manifest."""
    g = dossier_step(
        decision_id,
        actor=actor,
        version=None,
        action=Event.DECISION_EXPORT_ARCHIVE,
        perm="decisions.export_archive",
    )
    with g as decision:
        members: list[Member] = []
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            for path, text in _texts(decision):
                members.append(_write_stream(zf, path, [text.encode("utf-8")]))
            for a in decision.attachments.all():
                name = PurePosixPath(a.file.name).name
                members.append(
                    _write_stream(
                        zf, f"attachments/{a.pk}_{name}", _file_chunks(a.file), stored=True
                    )
                )
            for doc in decision.documents.all():
                path = f"documents/{doc.pk}_{doc.get_kind_display()}.docx"
                members.append(_write_stream(zf, path, _file_chunks(doc.file)))
            events = [_event_row(e) for e in audit_events(decision)]
            adjusts, adjusted_to = _links(decision)
            manifest = {
                "format": FORMAT,
                "decision": {
                    "number": decision.number,
                    "title": decision.title,
                    "adjusts": adjusts,
                    "adjusted_to": adjusted_to,
                },
                "hash": "SM3",
                "files": [m.__dict__ for m in members],
                "audit_events": events,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            zf.writestr(MANIFEST, data)
        g.note(manifest_sm3=hashlib.new("sm3", data).hexdigest(), files=len(members))
    return manifest


@dataclass(frozen=True)
class Verdict:
    ok: bool
    problem: str = ""
    path: str = ""


def verify_archive(source) -> Verdict:
    """Check every listed member's size and SM3, streaming; the first problem is named."""
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        return Verdict(False, _("不是有效的ZIP归档文件:%(error)s") % {"error": exc})
    with zf:
        try:
            manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
            files = manifest["files"]
            if manifest.get("format") != FORMAT:
                raise ValueError(manifest.get("format"))
        except (KeyError, ValueError, TypeError, UnicodeDecodeError):
            return Verdict(False, _("缺少或无法读取清单文件"), MANIFEST)
        names = set(zf.namelist()) - {MANIFEST}
        for entry in files:
            path = str(entry.get("path", ""))
            if path not in names:
                return Verdict(False, _("文件缺失"), path)
            names.discard(path)
            digest, size = sm3(), 0
            try:
                with zf.open(path) as fh:
                    while chunk := fh.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
                return Verdict(False, _("文件已损坏"), path)
            if size != entry.get("size") or digest.hexdigest() != entry.get("sm3"):
                return Verdict(False, _("文件已被改动(SM3不符)"), path)
        if names:
            return Verdict(False, _("清单以外的文件"), sorted(names)[0])
    return Verdict(True)


def archive_error(verdict: Verdict) -> ApplicationError:
    return ApplicationError(
        f"{verdict.problem}:{verdict.path}" if verdict.path else verdict.problem,
        code=DecisionsError.ARCHIVE_INVALID,
    )
