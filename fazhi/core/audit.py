"""Append events to the audit chain; every service write calls `record` in its transaction."""

# ruff: noqa: S608 - table and column names come from the models; values are bound parameters.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from . import chain, checkpoints
from .actors import is_system, require_actor
from .models import AuditEvent, AuditHead


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe picture of a row for the before/after columns."""
    data = model_to_dict(obj, fields=fields)
    return {k: jsonable(v) for k, v in data.items()}


def jsonable(value: Any) -> Any:
    """`value` as something the JSON columns keep: dates as ISO text, rows as their key."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if hasattr(value, "name") and hasattr(value, "url"):  # FieldFile
        return value.name or None
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    return str(value)


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_repr: str | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    """Append one event. Must run inside the caller's transaction.

    Everything but the seq and the previous hash is prepared and serialised first; the chain
    head's row lock (held to the commit) covers only reading the head, one SM3 and the writes
    (on PostgreSQL all three in one statement).
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must be called inside a transaction")
    require_actor(actor)
    # Saved in the trail: the names stay Chinese.
    if is_system(actor):
        actor_name, actor = "系统", None
    elif not getattr(actor, "is_authenticated", False):
        actor_name, actor = "公众", None  # a citizen on the portal
    else:
        actor_name = actor.display_name
    event = AuditEvent(
        occurred_at=timezone.now().replace(microsecond=0),
        actor=actor,
        actor_name=actor_name,
        unit_name=actor.unit.name if actor and actor.unit_id else "",
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(object_id if object_id is not None else (obj.pk if obj is not None else "")),
        object_repr=(
            object_repr if object_repr is not None else str(obj) if obj is not None else ""
        )[:255],
        before=before,
        after=after,
    )
    left, right = chain.around_seq(event_fields(event))
    sql = _append_sql(connection)
    values = [
        f.get_db_prep_save(getattr(event, f.attname), connection) for f in sql.prepared_fields
    ]
    with connection.cursor() as cursor:
        if sql.lock:
            row = _append_hashed_here(cursor, sql, left, right, values)
        else:
            row = _fetch_or_create_head(cursor, sql.append, [left, right, *values])
    event.pk, event.seq, event.prev_hash, event.hash = row
    if not sql.lock and event.hash != chain.link_hash_around(
        event.prev_hash, left, right, event.seq
    ):
        # Checked before the commit: a database whose SM3 or encoding disagreed with Python's
        # would write a chain that `audit verify` refuses.
        raise RuntimeError("the database's SM3 of an audit event differs from Python's")
    event._state.adding, event._state.db = False, connection.alias
    return event


def _append_hashed_here(cursor, sql: _AppendSql, left: str, right: str, values: list) -> tuple:
    """Lock and read the head, hash in Python, then insert the event and move the head."""
    seq, prev_hash = _fetch_or_create_head(cursor, sql.lock, [])
    seq += 1
    link = chain.link_hash_around(prev_hash, left, right, seq)
    cursor.execute(sql.append, [seq, prev_hash, link, *values])
    pk = cursor.fetchone()[0]
    cursor.execute(sql.advance, [seq, link])
    return pk, seq, prev_hash, link


def _fetch_or_create_head(cursor, statement: str, params: list) -> tuple:
    """The first row of `statement`, creating the chain head first where there is none yet."""
    cursor.execute(statement, params)
    row = cursor.fetchone()
    if row is None:
        AuditHead.objects.get_or_create(id=1)
        cursor.execute(statement, params)
        row = cursor.fetchone()
    return row


@dataclass(frozen=True)
class _AppendSql:
    lock: str  # empty where `append` locks the head, hashes and writes in one statement
    append: str
    advance: str
    prepared_fields: tuple


_append_sql_by_vendor: dict[str, _AppendSql] = {}

# PostgreSQL: one statement locks the head, computes the event's SM3 (pgcrypto, migration core
# 0006) from the head it locked, inserts the event and moves the head, so an append costs the
# round trips of a bare INSERT and the lock is held for that statement and the commit only.
# `prev` locks the head's newest version (READ COMMITTED waits for a concurrent append to
# commit, then reads what it wrote); the UPDATE applies to that same version and takes its
# values from `prev`, so two appends can never read the same head.
_POSTGRESQL_APPEND = """WITH prev AS (SELECT {seq}, {hash} FROM {head} WHERE id = 1 FOR UPDATE),
moved AS (
 UPDATE {head} SET {seq} = prev.{seq} + 1, {hash} = encode(digest(convert_to(
  prev.{hash} || %s || (prev.{seq} + 1)::text || %s, 'UTF8'), 'sm3'), 'hex')
 FROM prev WHERE {head}.id = 1
 RETURNING {head}.{seq}, prev.{hash} AS prev_hash, {head}.{hash}
)
INSERT INTO {event} ({columns}) SELECT moved.{seq}, moved.prev_hash, moved.{hash}, {marks}
FROM moved RETURNING id, {seq}, {prev_hash}, {hash}"""


def _append_sql(connection) -> _AppendSql:
    """The raw statements of an append (one on PostgreSQL; elsewhere the head's lock, the
    event's INSERT and the head's UPDATE)."""
    found = _append_sql_by_vendor.get(connection.vendor)
    if found is not None:
        return found
    quote = connection.ops.quote_name
    event_table, head_table = quote(AuditEvent._meta.db_table), quote(AuditHead._meta.db_table)
    chained = ("seq", "prev_hash", "hash")
    prepared = tuple(
        f for f in AuditEvent._meta.concrete_fields if not f.primary_key and f.name not in chained
    )
    columns = ", ".join(quote(AuditEvent._meta.get_field(n).column) for n in chained)
    columns += ", " + ", ".join(quote(f.column) for f in prepared)
    if connection.vendor == "postgresql":
        append = _POSTGRESQL_APPEND.format(
            head=head_table,
            event=event_table,
            columns=columns,
            marks=", ".join(["%s"] * len(prepared)),
            seq=quote("seq"),
            hash=quote("hash"),
            prev_hash=quote("prev_hash"),
        )
        sql = _AppendSql("", append, "", prepared)
    else:
        marks = ", ".join(["%s"] * (len(chained) + len(prepared)))
        lock = f"SELECT {quote('seq')}, {quote('hash')} FROM {head_table} WHERE id = 1"
        if connection.features.has_select_for_update:
            lock += " FOR UPDATE"
        sql = _AppendSql(
            lock,
            f"INSERT INTO {event_table} ({columns}) VALUES ({marks}) RETURNING id",
            f"UPDATE {head_table} SET {quote('seq')} = %s, {quote('hash')} = %s WHERE id = 1",
            prepared,
        )
    _append_sql_by_vendor[connection.vendor] = sql
    return sql


def event_fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "occurred_at": event.occurred_at.astimezone(dt.UTC).isoformat(),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "unit_name": event.unit_name,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "before": event.before,
        "after": event.after,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }


def verify_chain() -> chain.Break | None:
    head = AuditHead.objects.filter(id=1).first()
    events = (event_fields(e) for e in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000))
    return chain.verify(
        events,
        head_seq=head.seq if head else 0,
        head_hash=head.hash if head else chain.GENESIS,
    )


def checkpoint_create() -> checkpoints.Checkpoint:
    """Sign the current chain head into the checkpoint file outside the database."""
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(id=1).first()
        seq, tip = (head.seq, head.hash) if head else (0, chain.GENESIS)
        return checkpoints.append(seq=seq, head=tip)


def verify_checkpoints() -> list[checkpoints.Problem]:
    """Rewrites and truncations since each checkpoint, and forged or removed checkpoints."""
    seqs = {
        data["seq"]
        for _n, data in checkpoints.read_all()
        if isinstance(data, dict) and "seq" in data
    }
    hash_at = dict(
        AuditEvent.objects.filter(seq__in=[s for s in seqs if isinstance(s, int)]).values_list(
            "seq", "hash"
        )
    )
    head = AuditHead.objects.filter(id=1).first()
    last_event = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    head_seq = min(head.seq if head else 0, last_event)
    return checkpoints.verify(hash_at, head_seq=head_seq)


def export_recorded(*, actor, what: str, rows: int | None = None, filters: dict | None = None):
    """Audit an export of personal data (who took which list, how filtered, how many rows)."""
    with transaction.atomic():
        return record(
            actor=actor,
            action="core.export",
            object_type="export",
            object_id=what[:64],
            object_repr=what,
            after={"rows": rows, "filters": {k: v for k, v in (filters or {}).items() if v}},
        )
