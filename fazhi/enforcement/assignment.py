"""Assigning inspectors to drawn targets. Pure: no database access (only gettext for its messages).

Each visit ("综合查一次") takes `per_lead` officers of the lead body and `per_joint` of each
joint body. Officers with a recorded relationship to the target are skipped (回避). Within a
body the officers with the fewest visits so far go first, ties broken by HMAC-SHA256(seed,
target and officer id): a fresh random order for every visit, so inspectors are paired anew
each time (双随机) while the assignment stays as reproducible as the draw itself. Loads within
a body therefore differ by at most one unless conflicts force otherwise.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import draw

_NONE: frozenset[int] = frozenset()


class AssignmentError(ValueError):
    pass


@dataclass(frozen=True)
class Visit:
    target_id: str
    officer_ids: tuple[int, ...]


class _Loads:
    """One body's officers grouped by their number of visits so far."""

    def __init__(self, officers: list[int]):
        self.levels: dict[int, dict[int, None]] = {0: dict.fromkeys(officers)}
        self.load = dict.fromkeys(officers, 0)
        self.lowest = 0

    def take(
        self, need: int, barred: set[int] | frozenset[int], tie: Callable[[int], bytes]
    ) -> list[int] | None:
        """The `need` free officers smallest by (visits so far, tie), in that order; None if
        too few are free. Ties are computed only within the levels actually reached."""
        taken: list[int] = []
        level = self.lowest
        top = max(self.levels)
        while len(taken) < need:
            if level > top:
                return None
            bucket = self.levels.get(level, ())
            free = [o for o in bucket if o not in barred] if barred else list(bucket)
            missing = need - len(taken)
            if len(free) > missing:
                taken.extend(heapq.nsmallest(missing, free, key=tie))
            else:
                taken.extend(sorted(free, key=tie) if len(free) > 1 else free)
            level += 1
        for officer in taken:
            self._bump(officer)
        return taken

    def _bump(self, officer: int) -> None:
        level = self.load[officer]
        self.load[officer] = level + 1
        bucket = self.levels[level]
        del bucket[officer]
        self.levels.setdefault(level + 1, {})[officer] = None
        if not bucket:
            del self.levels[level]
            if level == self.lowest:
                self.lowest = min(self.levels)


def _ties(key: bytes) -> Callable[[str], Callable[[int], bytes]]:
    """HMAC-SHA256(key, f"{target}:{officer}") as raw bytes (which order as the hex digests),
    with each target's prefix hashed once."""
    inner, outer = draw.hmac_sha256_states(key)

    def for_target(target: str) -> Callable[[int], bytes]:
        prefix = inner.copy()
        prefix.update(f"{target}:".encode())

        def tie(officer: int) -> bytes:
            i = prefix.copy()
            i.update(str(officer).encode())
            o = outer.copy()
            o.update(i.digest())
            return o.digest()

        return tie

    return for_target


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
    ties = _ties(bytes.fromhex(seed_hex))
    needs = [(lead_body, per_lead)] + [(b, per_joint) for b in joint_bodies if b != lead_body]
    loads: dict[int, _Loads] = {}
    for body, need in needs:
        pool = officers_by_body.get(body, [])
        if len(pool) < need:
            raise AssignmentError(
                _(
                    "执法主体 %(body)s 只有 %(count)s 名持有效证件的执法人员,每次检查需要 %(need)s 名"
                )
                % {"body": body, "count": len(pool), "need": need}
            )
        loads[body] = _Loads(pool)
    barred: dict[str, set[int]] = defaultdict(set)
    for officer, target in conflicts:
        barred[target].add(officer)
    visits = []
    for target in target_ids:
        tie = ties(target)
        chosen: list[int] = []
        for body, need in needs:
            taken = loads[body].take(need, barred.get(target, _NONE), tie)
            if taken is None:
                raise AssignmentError(
                    _("检查对象 %(target)s 因回避关系,执法主体 %(body)s 可派人员不足 %(need)s 名")
                    % {"target": target, "body": body, "need": need}
                )
            chosen.extend(taken)
        visits.append(Visit(target, tuple(chosen)))
    return visits
