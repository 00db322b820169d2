import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core import audit, chain
from fazhi.core.actors import SYSTEM
from fazhi.core.audit import verify_chain
from fazhi.core.models import AuditEvent, AuditHead


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


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@given(
    event=st.fixed_dictionaries({name: json_values for name in chain.HASHED_FIELDS}),
    seq=st.integers(min_value=1, max_value=10**12),
)
def test_event_serialised_before_its_seq_hashes_like_the_whole(event, seq):
    left, right = chain.around_seq(event)
    whole = {**event, "seq": seq}
    assert left + str(seq) + right == chain.canonical_json(whole)
    assert chain.link_hash_around(chain.GENESIS, left, right, seq) == chain.link_hash(
        chain.GENESIS, whole
    )


def test_returned_event_is_the_stored_row(events):
    with transaction.atomic():
        event = audit.record(actor=SYSTEM, action="test.write", object_type="test", object_id="9")
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.seq, stored.prev_hash, stored.hash) == (6, events[-1].hash, event.hash)
    assert AuditHead.objects.get(id=1).hash == event.hash
    assert verify_chain() is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain():
    if connection.vendor != "postgresql":
        pytest.skip("the head's row lock is PostgreSQL's; SQLite serialises whole transactions")

    def write(n):
        try:
            for i in range(n):
                with transaction.atomic():
                    audit.record(actor=SYSTEM, action="test.write", object_type="t", object_id=i)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(25,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 76))
    assert verify_chain() is None


def test_an_append_is_one_statement_on_postgresql(events):
    # PostgreSQL locks the head, hashes (pgcrypto's SM3) and writes in one statement: with the
    # transaction's BEGIN and COMMIT, the round trips of a bare INSERT. Elsewhere: lock, INSERT,
    # UPDATE.
    from django.test.utils import CaptureQueriesContext

    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        event = audit.record(actor=SYSTEM, action="test.write", object_type="t", object_id="7")
    assert len(captured.captured_queries) == (1 if connection.vendor == "postgresql" else 3)
    assert (event.seq, event.prev_hash) == (6, events[-1].hash)
    assert verify_chain() is None


def test_a_database_sm3_that_differs_from_pythons_is_refused(events, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL hashes in the database")
    monkeypatch.setattr(chain, "link_hash_around", lambda *args: "f" * 64)
    with pytest.raises(RuntimeError, match="SM3"), transaction.atomic():
        audit.record(actor=SYSTEM, action="test.write", object_type="t", object_id="8")
    assert AuditEvent.objects.count() == 5  # nothing was written
    assert AuditHead.objects.get(id=1).hash == events[-1].hash
