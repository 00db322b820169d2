"""Stored files keep the SM3 they had when saved; a changed file is refused when served and
reported by `fazhi audit verify --files`."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from fazhi.core import files
from fazhi.core.models import AuditEvent, FileDigest


@pytest.fixture
def stored(db, settings, tmp_path):
    from fazhi.disputes.models import ReconsiderationAttachment

    settings.MEDIA_ROOT = tmp_path
    attachment = ReconsiderationAttachment(name="决定书.pdf", size=9)
    attachment.file.save("决定书.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    files.record(attachment.file)
    return attachment.file


def tamper(fieldfile, data=b"%PDF-1.7 altered\n"):
    with open(fieldfile.path, "wb") as fh:
        fh.write(data)


def test_digest_is_recorded_once(stored):
    row = FileDigest.objects.get(name=stored.name)
    assert row.sm3 == hashlib.new("sm3", b"%PDF-1.7\n").hexdigest() and row.size == 9
    files.record(stored)
    assert FileDigest.objects.count() == 1


def test_intact_file_is_served(stored, supervisor):
    request = RequestFactory().get("/")
    request.user = supervisor
    response = files.serve(request, stored, filename="决定书.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7\n"


def test_changed_file_is_refused_logged_and_audited(stored, supervisor, caplog):
    tamper(stored)
    request = RequestFactory().get("/")
    request.user = supervisor
    response = files.serve(request, stored, filename="决定书.pdf")
    assert response.status_code == 409
    assert "SM3 不符" in response.content.decode()
    event = AuditEvent.objects.get(action="core.file_refused")
    assert event.actor_id == supervisor.pk and event.after["name"] == stored.name
    assert "file refused" in caplog.text


def test_expected_sm3_of_the_owner_row_is_checked_too(stored, supervisor):
    request = RequestFactory().get("/")
    request.user = supervisor
    assert files.serve(request, stored, filename="a", expected="0" * 64).status_code == 409


def test_verify_files_reports_a_changed_or_missing_file(stored, capsys):
    call_command("audit", "verify", "--files")
    assert "全部文件 SM3 一致" in capsys.readouterr().out
    tamper(stored)
    with pytest.raises(CommandError, match="SM3 不一致"):
        call_command("audit", "verify", "--files")
    stored.storage.delete(stored.name)
    with pytest.raises(CommandError, match="文件已不存在"):
        call_command("audit", "verify", "--files")
