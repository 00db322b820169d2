"""The audit hash chain. Pure: no Django import.

hash_n = SM3(hash_{n-1} || canonical_json(event_n)); the genesis predecessor is 64 zeros.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_name",
    "unit_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
)


def _dumps(payload: Mapping[str, Any]) -> str:
    return json.dumps(
        payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )


def canonical_json(event: Mapping[str, Any]) -> str:
    return _dumps({name: event.get(name) for name in HASHED_FIELDS})


def around_seq(event: Mapping[str, Any]) -> tuple[str, str]:
    """The canonical JSON of `event` without its seq, split where the seq goes.

    The writer serialises an event before it takes the chain head's lock and learns its seq:
    `left + str(seq) + right == canonical_json(event with that seq)`.
    """
    payload = {name: event.get(name) for name in HASHED_FIELDS if name != "seq"}
    left = _dumps({k: v for k, v in payload.items() if k < "seq"})
    right = _dumps({k: v for k, v in payload.items() if k > "seq"})
    return left[:-1] + ',"seq":', "," + right[1:]


def link_hash(prev_hash: str, event: Mapping[str, Any]) -> str:
    return _sm3(prev_hash, canonical_json(event))


def link_hash_around(prev_hash: str, left: str, right: str, seq: int) -> str:
    """`link_hash` of an event serialised by `around_seq`."""
    return _sm3(prev_hash, f"{left}{seq}{right}")


def _sm3(prev_hash: str, text: str) -> str:
    digest = hashlib.new("sm3")
    digest.update(prev_hash.encode("ascii"))
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True)
class Break:
    """The first place where the stored chain disagrees with itself."""

    seq: int
    reason: str


def verify(events: Iterable[Mapping[str, Any]], *, head_seq: int, head_hash: str) -> Break | None:
    """Walk events in seq order; None when intact, else the first break."""
    expected_seq, prev = 1, GENESIS
    for event in events:
        seq = event["seq"]
        if seq != expected_seq:
            return Break(expected_seq, f"第{expected_seq}号事件缺失或顺序被改动(实际为第{seq}号)")
        if event["prev_hash"] != prev:
            return Break(seq, f"第{seq}号事件的前一哈希与链不符(事件被移动或前序被改动)")
        if link_hash(prev, event) != event["hash"]:
            return Break(seq, f"第{seq}号事件内容被改动(哈希不符)")
        prev = event["hash"]
        expected_seq += 1
    if expected_seq - 1 != head_seq or prev != head_hash:
        return Break(
            expected_seq, f"链尾不符:应有{head_seq}个事件,实有{expected_seq - 1}个(末尾事件被删除)"
        )
    return None
