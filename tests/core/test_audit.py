import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from fazhi.core import audit
from fazhi.core.audit import verify_chain
from fazhi.core.models import AuditEvent


@pytest.fixture
def events(supervisor):
    with transaction.atomic():
        for i in range(5):
            audit.record(
                actor=supervisor,
                action="test.write",
                object_type="test",
                object_id=str(i),
                after={"n": i, "名称": "县司法局"},
            )
    return list(AuditEvent.objects.order_by("seq"))


def test_intact_chain_verifies(events, capsys):
    assert verify_chain() is None
    call_command("audit", "verify")
    assert "共 5 个事件" in capsys.readouterr().out


def test_altered_event_is_named(events):
    with connection.cursor() as cur:
        cur.execute("UPDATE core_auditevent SET action = %s WHERE seq = 3", ["test.tampered"])
    broken = verify_chain()
    assert broken.seq == 3
    with pytest.raises(CommandError, match="第3号"):
        call_command("audit", "verify")


def test_removed_event_is_detected(events):
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditevent WHERE seq = 2")
    assert verify_chain().seq == 2


def test_removed_tail_is_detected(events):
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditevent WHERE seq = 5")
    assert verify_chain() is not None


def test_reordered_events_are_detected(events):
    with connection.cursor() as cur:
        cur.execute("UPDATE core_auditevent SET seq = 100 WHERE seq = 2")
        cur.execute("UPDATE core_auditevent SET seq = 2 WHERE seq = 4")
        cur.execute("UPDATE core_auditevent SET seq = 4 WHERE seq = 100")
    assert verify_chain().seq == 2


def test_events_cannot_be_changed_or_deleted_through_the_app(events):
    from django.core.exceptions import ValidationError

    event = events[0]
    event.action = "x"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    assert verify_chain() is None


@pytest.mark.django_db(transaction=True)
def test_record_outside_transaction_is_refused(supervisor):
    with pytest.raises(RuntimeError):
        audit.record(actor=supervisor, action="x", object_type="t", object_id="1")
    assert AuditEvent.objects.count() == 0
