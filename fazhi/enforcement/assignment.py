"""Assigning inspectors to drawn targets. Pure: no database access (only gettext for its messages).

Each visit ("综合查一次") takes `per_lead` officers of the lead body and `per_joint` of each
joint body. Officers with a recorded relationship to the target are skipped (回避). Within a
body the officers with the fewest visits so far go first, ties broken by HMAC-SHA256(seed,
target and officer id): a fresh random order for every visit, so inspectors are paired anew
each time (双随机) while the assignment stays as reproducible as the draw itself. Loads within
a body therefore differ by at most one unless conflicts force otherwise.
"""

from __future__ import annotations

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
    """For a target, the function giving the `count` officers smallest by their tie
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
    rankers = _rankers(
        bytes.fromhex(seed_hex), (o for pool in officers_by_body.values() for o in pool)
    )
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
        ranked = rankers(target)
        chosen: list[int] = []
        for body, need in needs:
            taken = loads[body].take(need, barred.get(target, _NONE), ranked)
            if taken is None:
                raise AssignmentError(
                    _("检查对象 %(target)s 因回避关系,执法主体 %(body)s 可派人员不足 %(need)s 名")
                    % {"target": target, "body": body, "need": need}
                )
            chosen.extend(taken)
        visits.append(Visit(target, tuple(chosen)))
    return visits
