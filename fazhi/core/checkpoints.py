"""Signed checkpoints of the audit chain, kept outside the database.

Whoever can write to the database can edit an event and recompute every later hash, or delete
the newest events and move the head back: the chain then verifies. A checkpoint records the
chain head (seq and hash) signed with HMAC-SM3 under a key that is not in the database, and is
appended as one JSON line to a file that is not in the database either (and is published on the
portal, where anyone may keep a copy). Each checkpoint also signs the previous checkpoint's
signature, so a line removed from the middle of the file is detected too.

The key comes from FAZHI_AUDIT_KEY, or from FAZHI_AUDIT_KEY_FILE (var/audit.key by default),
which the embedded default generates once, readable by its owner only. In production
(FAZHI_HTTPS set or a PostgreSQL database) the key must be provided: none is generated.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import chain

GENESIS_SIGNATURE = "0" * 64


class CheckpointError(Exception):
    """The key or the checkpoint file cannot be used; the message says what to do."""


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    head: str
    time: str
    prev: str
    sig: str

    def payload(self) -> bytes:
        data = {"seq": self.seq, "head": self.head, "time": self.time, "prev": self.prev}
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()

    def line(self) -> str:
        return json.dumps(
            {
                "seq": self.seq,
                "head": self.head,
                "time": self.time,
                "prev": self.prev,
                "sig": self.sig,
            },
            separators=(",", ":"),
        )


@dataclass(frozen=True)
class Problem:
    """What verification found: the event (or checkpoint line) and what happened to it."""

    seq: int
    reason: str


def sign(key: bytes, payload: bytes) -> str:
    return hmac.new(key, payload, "sm3").hexdigest()


def key_path() -> Path:
    return Path(settings.FAZHI_AUDIT_KEY_FILE)


def file_path() -> Path:
    return Path(settings.FAZHI_AUDIT_CHECKPOINTS)


def signing_key(*, create: bool = True) -> bytes:
    """The HMAC key: the environment's, else the key file's (created once on the embedded default)."""
    if settings.FAZHI_AUDIT_KEY:
        return settings.FAZHI_AUDIT_KEY.encode()
    path = key_path()
    if path.exists():
        return path.read_bytes().strip()
    if not create or settings.FAZHI_PRODUCTION:
        raise CheckpointError(
            f"没有审计签名密钥:请设置环境变量 FAZHI_AUDIT_KEY,或把密钥文件放在 {path}"
            "(仅属主可读),并保存在数据库之外"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32).encode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key + b"\n")
    return key


def read_all(path: Path | None = None) -> Iterator[tuple[int, dict | None]]:
    """(line number, parsed line or None when the line is not JSON) for each non-empty line."""
    path = path or file_path()
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for number, text in enumerate(fh, start=1):
            if not text.strip():
                continue
            try:
                yield number, json.loads(text)
            except json.JSONDecodeError:
                yield number, None


def last() -> Checkpoint | None:
    found = None
    for _number, data in read_all():
        if data is not None:
            found = data
    return _from(found) if found else None


def _from(data: dict) -> Checkpoint:
    return Checkpoint(
        seq=int(data["seq"]),
        head=str(data["head"]),
        time=str(data["time"]),
        prev=str(data.get("prev", "")),
        sig=str(data["sig"]),
    )


def append(*, seq: int, head: str, now: dt.datetime | None = None) -> Checkpoint:
    """Sign the head and append it to the checkpoint file (O_APPEND, flushed to disk)."""
    key = signing_key()
    previous = last()
    moment = (now or timezone.now()).astimezone(dt.UTC).replace(microsecond=0)
    unsigned = Checkpoint(
        seq=seq,
        head=head,
        time=moment.isoformat(),
        prev=previous.sig if previous else GENESIS_SIGNATURE,
        sig="",
    )
    point = Checkpoint(**{**unsigned.__dict__, "sig": sign(key, unsigned.payload())})
    path = file_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, (point.line() + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return point


def verify(hash_at: dict[int, str], *, head_seq: int) -> list[Problem]:
    """Check every checkpoint's signature and link, then the chain against each checkpoint.

    `hash_at` maps the checkpointed seqs to the hash the database holds for that event now.
    """
    problems: list[Problem] = []
    entries = list(read_all())
    if not entries:
        return problems
    key = signing_key(create=False)
    prev, previous_seq = GENESIS_SIGNATURE, 0
    for number, data in entries:
        try:
            point = _from(data) if data is not None else None
        except (KeyError, TypeError, ValueError):
            point = None
        if point is None:
            problems.append(Problem(0, f"检查点文件第{number}行无法读取(被改动)"))
            continue
        if not hmac.compare_digest(sign(key, point.payload()), point.sig):
            problems.append(
                Problem(point.seq, f"检查点文件第{number}行签名不符(检查点被伪造或改动)")
            )
            continue
        if point.prev != prev:
            problems.append(Problem(point.seq, f"检查点文件第{number}行之前的检查点被删除或替换"))
        prev = point.sig
        problems.extend(_against_chain(point, hash_at, head_seq, previous_seq=previous_seq))
        previous_seq = point.seq
    return problems


def _against_chain(
    point: Checkpoint, hash_at, head_seq: int, *, previous_seq: int
) -> list[Problem]:
    when = point.time
    if point.seq > head_seq:
        return [
            Problem(
                head_seq + 1,
                f"审计链被截断:{when} 的检查点记录到第{point.seq}号事件,"
                f"数据库现只到第{head_seq}号,第{head_seq + 1}至{point.seq}号事件被删除",
            )
        ]
    if point.seq == 0:
        return [] if point.head == chain.GENESIS else [Problem(0, "空链检查点哈希不符")]
    stored = hash_at.get(point.seq)
    if stored is None:
        return [Problem(point.seq, f"第{point.seq}号事件缺失({when} 的检查点记录有该事件)")]
    if stored != point.head:
        first = previous_seq + 1
        return [
            Problem(
                first,
                f"审计链被改写:第{point.seq}号事件的哈希与 {when} 签名的检查点不符,"
                f"第{first}至{point.seq}号事件中有事件被改动后重算了哈希",
            )
        ]
    return []
