"""Assigning inspectors to drawn targets. Pure: no database access (only gettext for its messages).

Each visit ("综合查一次") takes `per_lead` officers of the lead body and `per_joint` of each
joint body. Officers with a recorded relationship to the target are skipped (回避). Within a
body the officers with the fewest visits so far go first, ties broken by HMAC-SHA256(seed,
target and officer id): a fresh random order for every visit, so inspectors are paired anew
each time (双随机) while the assignment stays as reproducible as the draw itself. Loads within
a body therefore differ by at most one unless conflicts force otherwise.
"""

from __future__ import annotations

import hashlib
import heapq
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _


class AssignmentError(ValueError):
    pass


@dataclass(frozen=True)
class Visit:
    target_id: str
    officer_ids: tuple[int, ...]


def assign(
    target_ids: Iterable[str],
    officers_by_body: Mapping[int, list[int]],
    *,
    lead_body: int,
    joint_bodies: Iterable[int] = (),
    conflicts: set[tuple[int, str]] | frozenset = frozenset(),
    seed_hex: str,
    per_lead: int = 2,
    per_joint: int = 1,
) -> list[Visit]:
    key = bytes.fromhex(seed_hex)
    needs = [(lead_body, per_lead)] + [(b, per_joint) for b in joint_bodies if b != lead_body]
    loads: dict[int, dict[int, int]] = {}
    for body, need in needs:
        pool = officers_by_body.get(body, [])
        if len(pool) < need:
            raise AssignmentError(
                _(
                    "执法主体 %(body)s 只有 %(count)s 名持有效证件的执法人员,每次检查需要 %(need)s 名"
                )
                % {"body": body, "count": len(pool), "need": need}
            )
        loads[body] = dict.fromkeys(pool, 0)
    visits = []
    for target in target_ids:
        chosen: list[int] = []
        for body, need in needs:
            load = loads[body]

            def order(officer: int, load=load, target=target) -> tuple[int, str]:
                tie = hmac.new(key, f"{target}:{officer}".encode(), hashlib.sha256).hexdigest()
                return load[officer], tie

            free = [o for o in load if (o, target) not in conflicts]
            if len(free) < need:
                raise AssignmentError(
                    _("检查对象 %(target)s 因回避关系,执法主体 %(body)s 可派人员不足 %(need)s 名")
                    % {"target": target, "body": body, "need": need}
                )
            taken = heapq.nsmallest(need, free, key=order)
            for officer in taken:
                load[officer] += 1
            chosen.extend(taken)
        visits.append(Visit(target, tuple(chosen)))
    return visits
