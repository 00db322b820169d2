"""Assigning inspectors to drawn targets. Pure: no database access (only gettext for its messages).

Each visit ("综合查一次") takes `per_lead` officers of the lead body and `per_joint` of each
joint body. Officers with a recorded relationship to the target are skipped (回避). Within a
body the officers with the fewest visits so far go first, and the choice among them is keyed
by the seed and the visit: a fresh random order for every visit, so inspectors are paired anew
each time (双随机) while the assignment stays as reproducible as the draw itself. Loads within
a body therefore differ by at most one unless conflicts force otherwise. The draw's recorded
algorithm (docs/adr/0003-verifiable-draw.md) says how the choice is keyed:

- `HMAC-SHA256-rank/v1`: the free officers are ordered by (visits so far, HMAC-SHA256(seed,
  f"{target}:{officer}") as hex) and the first `need` taken: a tie HMAC for every officer of
  every load level reached.
- `HMAC-SHA256-rank/v2`: the j-th officer a body gives to a visit (j from 1) is chosen among
  the free officers not yet taken for it that have the fewest visits so far, listed by
  ascending id: the one at index int(HMAC-SHA256(seed, f"{target}:{body}:{j}"), big-endian)
  mod their number. One HMAC per officer slot (none when one candidate is left).
"""

from __future__ import annotations

import bisect
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
    """v1: one body's officers grouped by their number of visits so far."""

    def __init__(self, officers: list[int]):
        self.levels: dict[int, dict[int, None]] = {0: dict.fromkeys(officers)}
        self.load = dict.fromkeys(officers, 0)
        self.lowest = 0

    def take(
        self, need: int, barred: set[int] | frozenset[int], ranked: Ranker
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
            taken.extend(ranked(free, min(need - len(taken), len(free))))
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


Ranker = Callable[[list[int], int], list[int]]


def _rankers(key: bytes, officers: Iterable[int]) -> Callable[[str], Ranker]:
    """v1: for a target, the function giving the `count` officers smallest by their tie
    HMAC-SHA256(key, f"{target}:{officer}"), ascending. Raw digests order as the hex ones; the
    target's prefix is hashed once and no tie is computed for a lone candidate."""
    inner, outer = draw.hmac_sha256_states(key)
    names = {officer: str(officer).encode() for officer in officers}

    def for_target(target: str) -> Ranker:
        prefix = inner.copy()
        prefix.update(f"{target}:".encode())

        def ranked(candidates: list[int], count: int) -> list[int]:
            if len(candidates) <= 1 or count == 0:
                return candidates[:count]
            scored = []
            for officer in candidates:
                i = prefix.copy()
                i.update(names[officer])
                o = outer.copy()
                o.update(i.digest())
                scored.append((o.digest(), officer))
            if count == 1:
                return [min(scored)[1]]
            scored.sort()
            return [officer for _, officer in scored[:count]]

        return ranked

    return for_target


class _Levels:
    """v2: one body's officers by their number of visits so far, each level in ascending id.

    `take` is given the visit's HMAC state after the key and f"{target}:"; the body's part of
    each pick's message, f"{body}:{j}", is encoded once here."""

    def __init__(self, officers: list[int], body: int, need: int, outer):
        self.levels: dict[int, list[int]] = {0: sorted(officers)}
        self.load = dict.fromkeys(officers, 0)
        self.lowest = self.top = 0
        self.outer = outer
        self.picks = [f"{body}:{j}".encode() for j in range(1, need + 1)]

    def take(self, need: int, barred: set[int] | frozenset[int], prefix) -> list[int] | None:
        """The `need` officers, the j-th at index int(HMAC) mod the number of candidates
        among the lowest level's free officers not yet taken; None if too few are free."""
        taken: list[int] = []
        level = self.lowest
        free = self.levels[level]
        if barred:
            free = [o for o in free if o not in barred]
        for pick in self.picks:
            while not free:
                level += 1
                if level > self.top:
                    return None
                free = [o for o in self.levels.get(level, ()) if o not in barred]
            if len(free) == 1:
                at = 0
            else:
                i = prefix.copy()
                i.update(pick)
                o = self.outer.copy()
                o.update(i.digest())
                at = int.from_bytes(o.digest(), "big") % len(free)
            taken.append(free[at])
            if len(taken) < need:
                free = free[:at] + free[at + 1 :]  # a new list: the level's own stays whole
        levels, load = self.levels, self.load
        for officer in taken:
            level = load[officer]
            load[officer] = level + 1
            bucket = levels[level]
            bucket.remove(officer)
            if level + 1 in levels:
                bisect.insort(levels[level + 1], officer)
            else:
                levels[level + 1] = [officer]
                self.top = max(self.top, level + 1)
            if not bucket:
                del levels[level]
                if level == self.lowest:
                    self.lowest = min(levels)
        return taken


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
    algorithm: str = draw.ALGORITHM,
) -> list[Visit]:
    """The visits of `target_ids` in their order, by the assignment of `algorithm`."""
    draw.check_algorithm(algorithm)
    needs, barred = _needs(
        officers_by_body, lead_body, joint_bodies, per_lead, per_joint, conflicts
    )
    key = bytes.fromhex(seed_hex)
    if algorithm == draw.V1:
        pools = {body: _Loads(officers_by_body[body]) for body, _need in needs}
        keyed = _rankers(key, (o for pool in officers_by_body.values() for o in pool))
    else:
        inner, outer = draw.hmac_sha256_states(key)
        pools = {body: _Levels(officers_by_body[body], body, need, outer) for body, need in needs}

        def keyed(target: str):
            prefix = inner.copy()
            prefix.update(f"{target}:".encode())
            return prefix

    visits = []
    for target in target_ids:
        per_visit = keyed(target)
        chosen: list[int] = []
        for body, need in needs:
            taken = pools[body].take(need, barred.get(target, _NONE), per_visit)
            if taken is None:
                raise _short(target, body, need)
            chosen.extend(taken)
        visits.append(Visit(target, tuple(chosen)))
    return visits


def _needs(officers_by_body, lead_body, joint_bodies, per_lead, per_joint, conflicts):
    """[(body, officers per visit)], lead first; each pool checked; {target: barred officers}."""
    needs = [(lead_body, per_lead)] + [(b, per_joint) for b in joint_bodies if b != lead_body]
    for body, need in needs:
        pool = officers_by_body.get(body, [])
        if len(pool) < need:
            raise AssignmentError(
                _(
                    "执法主体 %(body)s 只有 %(count)s 名持有效证件的执法人员,每次检查需要 %(need)s 名"
                )
                % {"body": body, "count": len(pool), "need": need}
            )
    barred: dict[str, set[int]] = defaultdict(set)
    for officer, target in conflicts:
        barred[target].add(officer)
    return needs, barred


def _short(target: str, body: int, need: int) -> AssignmentError:
    return AssignmentError(
        _("检查对象 %(target)s 因回避关系,执法主体 %(body)s 可派人员不足 %(need)s 名")
        % {"target": target, "body": body, "need": need}
    )
