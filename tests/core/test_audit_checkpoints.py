"""Signed checkpoints outside the database catch what the chain alone cannot: a recomputed chain
and a truncated one."""

import json
import os
import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from fazhi.core import audit, chain, checkpoints
from fazhi.core.models import AuditEvent, AuditHead


@pytest.fixture(autouse=True)
def _embedded_default(settings):
    """These tests use the key the embedded default generates; on a PostgreSQL test database
    settings would count as production, where no key is generated (tested below)."""
    settings.FAZHI_PRODUCTION = False


def write(actor, n: int, start: int = 0):
    with transaction.atomic():
        for i in range(start, start + n):
            audit.record(actor=actor, action="test.write", object_type="test", object_id=str(i))


@pytest.fixture
def checkpointed(supervisor):
    write(supervisor, 5)
    call_command("audit", "checkpoint")
    write(supervisor, 3, start=5)
    call_command("audit", "checkpoint")
    return supervisor


def recompute_chain_from(seq: int):
    """What someone with database access does: edit an event and recompute every later hash."""
    prev = AuditEvent.objects.get(seq=seq - 1).hash if seq > 1 else chain.GENESIS
    with connection.cursor() as cur:
        for event in AuditEvent.objects.filter(seq__gte=seq).order_by("seq"):
            fields = audit.event_fields(event)
            if event.seq == seq:
                fields["action"] = "test.forged"
            fields["prev_hash"] = prev
            new = chain.link_hash(prev, fields)
            cur.execute(
                "UPDATE core_auditevent SET action=%s, prev_hash=%s, hash=%s WHERE seq=%s",
                [fields["action"], prev, new, event.seq],
            )
            prev = new
        cur.execute("UPDATE core_audithead SET hash=%s WHERE id=1", [prev])


def test_checkpoint_line_is_signed_with_hmac_sm3_under_a_key_file_of_the_owner(
    checkpointed, settings
):
    lines = settings.FAZHI_AUDIT_CHECKPOINTS.read_text().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [5, 8]
    last = json.loads(lines[-1])
    assert set(last) == {"seq", "head", "time", "prev", "sig"}
    assert last["head"] == AuditHead.objects.get().hash
    assert last["prev"] == json.loads(lines[0])["sig"]
    key = settings.FAZHI_AUDIT_KEY_FILE.read_bytes().strip()
    point = checkpoints.Checkpoint(**last)
    assert checkpoints.sign(key, point.payload()) == last["sig"]
    assert stat.S_IMODE(os.stat(settings.FAZHI_AUDIT_KEY_FILE).st_mode) == 0o600


def test_intact_chain_agrees_with_every_checkpoint(checkpointed, capsys):
    call_command("audit", "verify")
    assert "与" in capsys.readouterr().out
    assert audit.verify_checkpoints() == []


def test_recomputed_chain_passes_the_chain_check_but_not_the_checkpoint(checkpointed):
    recompute_chain_from(4)
    assert audit.verify_chain() is None  # the chain alone is fooled
    problems = audit.verify_checkpoints()
    assert [p.seq for p in problems] == [1, 6]
    assert "第1至5号事件中有事件被改动" in problems[0].reason
    with pytest.raises(CommandError, match="审计链被改写:第5号事件的哈希"):
        call_command("audit", "verify")


def test_truncation_since_the_last_checkpoint_is_named(checkpointed):
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditevent WHERE seq > 6")
        head = AuditEvent.objects.get(seq=6)
        cur.execute("UPDATE core_audithead SET seq=6, hash=%s WHERE id=1", [head.hash])
    assert audit.verify_chain() is None
    with pytest.raises(CommandError, match="第7至8号事件被删除"):
        call_command("audit", "verify")


def test_forged_or_removed_checkpoint_line_is_reported(checkpointed, settings):
    path = settings.FAZHI_AUDIT_CHECKPOINTS
    first, second = path.read_text().splitlines()
    forged = json.loads(second) | {"seq": 7}
    path.write_text(first + "\n" + json.dumps(forged) + "\n")
    assert "签名不符" in audit.verify_checkpoints()[0].reason
    path.write_text(second + "\n")
    assert "之前的检查点被删除或替换" in audit.verify_checkpoints()[0].reason


def test_a_key_from_the_environment_is_used_and_none_is_generated_in_production(
    supervisor, settings
):
    settings.FAZHI_PRODUCTION = True
    with pytest.raises(CommandError, match="FAZHI_AUDIT_KEY"):
        call_command("audit", "checkpoint")
    assert not settings.FAZHI_AUDIT_KEY_FILE.exists()
    settings.FAZHI_AUDIT_KEY = "k" * 64
    call_command("audit", "checkpoint")
    point = checkpoints.last()
    assert checkpoints.sign(b"k" * 64, point.payload()) == point.sig


def test_daily_job_writes_a_checkpoint(supervisor):
    from fazhi.core.tasks import audit_checkpoint

    write(supervisor, 2)
    assert audit_checkpoint.delay().get()["seq"] == 2
    assert checkpoints.last().seq == 2
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULE["core-audit-checkpoint"]["task"] == "core.audit_checkpoint"


def test_portal_publishes_the_daily_digests_for_anyone(client, checkpointed, settings):
    page = client.get("/public/audit/")
    assert page.status_code == 200
    html = page.content.decode()
    last = checkpoints.last()
    assert last.head in html and last.sig in html
    assert html.index(last.sig) < html.index(
        json.loads(settings.FAZHI_AUDIT_CHECKPOINTS.read_text().splitlines()[0])["sig"]
    )  # newest first
    saved = client.get("/public/audit/checkpoints.jsonl")
    assert saved.status_code == 200
    assert saved.content == settings.FAZHI_AUDIT_CHECKPOINTS.read_bytes()
    assert "/public/audit/" in client.get("/public/").content.decode()
