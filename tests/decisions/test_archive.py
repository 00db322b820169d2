"""The archival package: every file with its SM3, the audit events; tampering is named."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core.actors import SYSTEM
from fazhi.core.models import AuditEvent
from fazhi.decisions.services import dossier
from fazhi.decisions.services.archive import decision_export_archive, verify_archive

from .conftest import new_decision, through_participation

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def decision(government, bureau, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    decision = through_participation(new_decision(government, bureau))
    dossier.decision_attach(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        title="社会稳定风险评估报告",
        upload=SimpleUploadedFile("risk.pdf", PDF * 100, content_type="application/pdf"),
    )
    return decision


def test_the_archive_lists_every_file_and_the_audit_events(decision, tmp_path):
    out = tmp_path / "a.zip"
    manifest = decision_export_archive(actor=SYSTEM, decision_id=decision.pk, out=str(out))
    paths = [f["path"] for f in manifest["files"]]
    assert "dossier/决策方案.txt" in paths and "dossier/公众意见及采纳情况.txt" in paths
    assert any(p.startswith("attachments/") and p.endswith("risk.pdf") for p in paths)
    actions = [e["action"] for e in manifest["audit_events"]]
    assert actions[0] == "decisions.decision_create"
    assert "decisions.consultation_summarise" in actions and "decisions.decision_attach" in actions
    assert verify_archive(str(out)).ok
    with zipfile.ZipFile(out) as zf:
        kinds = {i.filename.split("/")[0]: i.compress_type for i in zf.infolist()}
    assert kinds["attachments"] == zipfile.ZIP_STORED and kinds["dossier"] == zipfile.ZIP_DEFLATED
    last = AuditEvent.objects.order_by("-seq").first()
    assert last.action == "decisions.decision_export_archive" and last.after["files"] == len(paths)


def _rewrite(source, target, change):
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = change(item.filename, zin.read(item.filename))
            if data is not None:
                zout.writestr(item, data)


def test_one_changed_byte_is_detected_naming_the_file(decision, tmp_path):
    out = tmp_path / "a.zip"
    decision_export_archive(actor=SYSTEM, decision_id=decision.pk, out=str(out))
    bad = tmp_path / "bad.zip"

    def flip(name, data):
        if name.endswith("risk.pdf"):
            return data[:10] + bytes([data[10] ^ 1]) + data[11:]
        return data

    _rewrite(out, bad, flip)
    verdict = verify_archive(str(bad))
    assert not verdict.ok and verdict.path.endswith("risk.pdf") and "SM3" in verdict.problem
    with pytest.raises(CommandError) as exc:
        call_command("decision", "verify-archive", str(bad))
    assert "risk.pdf" in str(exc.value)


def test_a_missing_file_and_garbage_are_named(decision, tmp_path):
    out = tmp_path / "a.zip"
    decision_export_archive(actor=SYSTEM, decision_id=decision.pk, out=str(out))
    gone = tmp_path / "gone.zip"
    _rewrite(out, gone, lambda name, data: None if name == "dossier/决策方案.txt" else data)
    verdict = verify_archive(str(gone))
    assert (verdict.ok, verdict.path, verdict.problem) == (
        False,
        "dossier/决策方案.txt",
        "文件缺失",
    )
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    assert not verify_archive(str(junk)).ok
    extra = tmp_path / "extra.zip"
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(extra, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        zout.writestr("dossier/夹带.txt", "x")
    assert verify_archive(str(extra)).path == "dossier/夹带.txt"


def test_the_commands_export_and_verify(decision, tmp_path):
    out = tmp_path / "c.zip"
    stdout = io.StringIO()
    call_command("decision", "export-archive", decision.number, "--out", str(out), stdout=stdout)
    assert "已导出" in stdout.getvalue()
    stdout = io.StringIO()
    call_command("decision", "verify-archive", str(out), stdout=stdout)
    assert "校验通过" in stdout.getvalue()
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["hash"] == "SM3"
    with pytest.raises(CommandError):
        call_command("decision", "export-archive", "NO-SUCH", "--out", str(out))


def test_a_hostile_attachment_is_refused(decision, nothing_written):
    from fazhi.core.errors import ApplicationError

    with nothing_written(), pytest.raises(ApplicationError):
        dossier.decision_attach(
            actor=SYSTEM,
            decision_id=decision.pk,
            version=None,
            title="伪装",
            upload=SimpleUploadedFile(
                "x.pdf", b"MZ\x90\x00 this is an exe", content_type="application/pdf"
            ),
        )
