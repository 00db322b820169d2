import hashlib
import hmac
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.enforcement import assignment, draw
from fazhi.enforcement.demo import generated_uscc

SEED = "00" * 31 + "01"
IDS = [generated_uscc(10000000 + i) for i in range(200)]


def test_canonical_list_is_sorted_unique_and_newline_terminated():
    data = draw.canonical_target_list(["B2", "A1", "C3"])
    assert data == b"A1\nB2\nC3\n"
    assert draw.parse_target_list(data) == ["A1", "B2", "C3"]


@pytest.mark.parametrize("bad", [b"B\nA\n", b"A\nA\n", b"A\nB", b"A \n", b"\xff\n"])
def test_non_canonical_list_is_refused(bad):
    with pytest.raises(draw.DrawError):
        draw.parse_target_list(bad)


def test_duplicates_are_refused():
    with pytest.raises(draw.DrawError, match="重复"):
        draw.canonical_target_list(["A", "A"])


def test_hashes_are_sm3_and_sha256():
    data = draw.canonical_target_list(IDS)
    assert draw.list_hashes(data) == (
        hashlib.new("sm3", data).hexdigest(),
        hashlib.sha256(data).hexdigest(),
    )


def test_commitment_and_seed_format():
    assert draw.commitment(SEED) == hashlib.sha256(SEED.encode()).hexdigest()
    for bad in ("xyz", SEED.upper().replace("0", "A"), SEED[:-2]):
        with pytest.raises(draw.DrawError):
            draw.check_seed(bad)
    assert len(draw.new_seed()) == 64 and draw.new_seed() != draw.new_seed()


@pytest.mark.parametrize(
    ("n", "bp", "k"),
    [
        (0, 500, 0),
        (1, 500, 1),
        (19, 500, 1),
        (20, 500, 1),
        (21, 500, 2),
        (1000000, 500, 50000),
        (7, 10000, 7),
        (10, 0, 0),
    ],
)
def test_sample_size_rounds_up(n, bp, k):
    assert draw.sample_size(n, bp) == k


def test_draw_matches_an_independent_implementation():
    """Re-implemented from the ADR text alone: HMAC-SHA256 ranking, ceil(n*ratio)."""
    key = bytes.fromhex(SEED)
    ranked = sorted((hmac.new(key, i.encode(), hashlib.sha256).hexdigest(), i) for i in IDS)
    k = math.ceil(len(IDS) * 500 / 10000)
    expected = "".join(f"{r}\t{i}\t{s}\n" for r, (s, i) in enumerate(ranked[:k], start=1)).encode()
    got = draw.render(draw.run(sorted(IDS), SEED, 500))
    assert got == expected


def test_same_inputs_same_bytes_and_a_different_seed_changes_the_selection():
    a = draw.render(draw.run(sorted(IDS), SEED, 1000))
    assert a == draw.render(draw.run(sorted(IDS), SEED, 1000))
    assert a != draw.render(draw.run(sorted(IDS), "00" * 31 + "02", 1000))


@given(
    st.lists(
        st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=1, max_size=18),
        min_size=1,
        max_size=60,
        unique=True,
    ),
    st.integers(1, 10000),
)
def test_selection_is_a_subset_of_the_right_size(ids, bp):
    sel = draw.run(sorted(ids), SEED, bp)
    assert len(sel) == draw.sample_size(len(ids), bp)
    assert {s.target_id for s in sel} <= set(ids)
    assert [s.rank for s in sel] == list(range(1, len(sel) + 1))


def test_chi_square_no_target_is_favoured():
    """500 draws of 10 from 100: selection counts must be uniform (χ², df=99, α=0.001 → 148.2)."""
    ids = sorted(IDS[:100])
    counts = dict.fromkeys(ids, 0)
    draws = 500
    for i in range(draws):
        for s in draw.run(ids, hashlib.sha256(str(i).encode()).hexdigest(), 1000):
            counts[s.target_id] += 1
    expected = draws * 10 / 100
    chi2 = sum((c - expected) ** 2 / expected for c in counts.values())
    assert chi2 < 148.2


def test_assignment_balances_and_avoids_conflicts():
    targets = [f"T{i:03d}" for i in range(30)]
    pool = {1: [11, 12, 13, 14, 15], 2: [21, 22]}
    conflicts = {(11, "T000"), (12, "T000")}
    visits = assignment.assign(
        targets, pool, lead_body=1, joint_bodies=[2], conflicts=conflicts, seed_hex=SEED
    )
    assert len(visits) == 30
    loads = {}
    for v in visits:
        assert len(v.officer_ids) == 3 and len(set(v.officer_ids)) == 3
        assert sum(1 for o in v.officer_ids if o in pool[1]) == 2
        for o in v.officer_ids:
            loads[o] = loads.get(o, 0) + 1
    assert not {11, 12} & set(visits[0].officer_ids)
    lead = [loads[o] for o in pool[1]]
    assert max(lead) - min(lead) <= 1
    assert loads[21] == loads[22] == 15
    assert visits == assignment.assign(
        targets, pool, lead_body=1, joint_bodies=[2], conflicts=conflicts, seed_hex=SEED
    )


def test_assignment_refuses_when_too_few_officers():
    with pytest.raises(assignment.AssignmentError, match="只有 1 名"):
        assignment.assign(["T1"], {1: [11]}, lead_body=1, seed_hex=SEED)
    with pytest.raises(assignment.AssignmentError, match="回避"):
        assignment.assign(["T1"], {1: [11, 12]}, lead_body=1, conflicts={(11, "T1")}, seed_hex=SEED)


def _rank_all(ids, seed_hex, ratio_bp):
    """The ranking as the ADR states it: every score, sorted, the first k."""
    key = bytes.fromhex(seed_hex)
    ranked = sorted((hmac.new(key, i.encode(), hashlib.sha256).hexdigest(), i) for i in ids)
    k = draw.sample_size(len(ids), ratio_bp)
    return [draw.Selected(r, i, s) for r, (s, i) in enumerate(ranked[:k], start=1)]


def test_a_large_draw_ranks_only_the_scores_below_the_bound_and_still_equals_the_full_ranking():
    ids = sorted(generated_uscc(30000000 + i) for i in range(20000))
    assert draw._score_bound(len(ids), draw.sample_size(len(ids), 500)) is not None
    assert draw.run(ids, SEED, 500) == _rank_all(ids, SEED, 500)


def test_a_bound_that_admits_too_few_scores_falls_back_to_ranking_every_score(monkeypatch):
    ids = sorted(IDS)
    monkeypatch.setattr(draw, "_score_bound", lambda n, k: bytes(32))  # admits nothing
    assert draw.run(ids, SEED, 2500) == _rank_all(ids, SEED, 2500)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"A\n\nB\n", "不能为空"),
        (b"\nA\n", "不能为空"),
        (b"A\nB\tC\n", "空白"),
        ("A\nB\u3000C\n".encode(), "空白"),
    ],
)
def test_a_bad_identifier_in_a_list_is_named(data, message):
    with pytest.raises(draw.DrawError, match=message):
        draw.parse_target_list(data)


@pytest.mark.parametrize("ids", [["A", ""], ["A", "B\nC"], ["A", "B C"], ["B", "A", "B"]])
def test_canonical_list_refuses_empty_whitespace_and_duplicate_identifiers(ids):
    with pytest.raises(draw.DrawError):
        draw.canonical_target_list(ids)


def test_an_already_sorted_list_gives_the_same_bytes_as_an_unsorted_one():
    assert draw.canonical_target_list(sorted(IDS)) == draw.canonical_target_list(IDS[::-1])
    assert draw.canonical_target_list([]) == b""


def _assign_by_definition(targets, pool, *, lead_body, joint_bodies, conflicts, seed_hex):
    """The assignment as its docstring states it: for each visit and body, the free officers
    smallest by (visits so far, HMAC hex of "target:officer"), every score computed."""
    key = bytes.fromhex(seed_hex)
    needs = [(lead_body, 2)] + [(b, 1) for b in joint_bodies]
    loads = {b: dict.fromkeys(pool[b], 0) for b, _ in needs}
    visits = []
    for target in targets:
        chosen = []
        for body, need in needs:
            free = [o for o in loads[body] if (o, target) not in conflicts]
            if len(free) < need:
                return None
            ranked = sorted(
                free,
                key=lambda o, b=body, t=target: (
                    loads[b][o],
                    hmac.new(key, f"{t}:{o}".encode(), hashlib.sha256).hexdigest(),
                ),
            )
            for o in ranked[:need]:
                loads[body][o] += 1
            chosen.extend(ranked[:need])
        visits.append(assignment.Visit(target, tuple(chosen)))
    return visits


def _check_against(definition, algorithm, lead, joint, visits, conflict_pairs, seed):
    pool = {1: list(range(100, 100 + lead)), 2: list(range(200, 200 + joint))}
    officers = pool[1] + pool[2]
    targets = [f"T{i}" for i in range(visits)]
    conflicts = {(officers[o % len(officers)], f"T{t}") for o, t in conflict_pairs}
    args = {"lead_body": 1, "joint_bodies": [2], "conflicts": conflicts, "seed_hex": seed.hex()}
    expected = definition(targets, pool, **args)
    if expected is None:
        with pytest.raises(assignment.AssignmentError):
            assignment.assign(targets, pool, algorithm=algorithm, **args)
    else:
        assert assignment.assign(targets, pool, algorithm=algorithm, **args) == expected


def _assign_v2_by_definition(targets, pool, *, lead_body, joint_bodies, conflicts, seed_hex):
    """ADR 0003 amendment 1, read literally: the j-th officer a body gives a visit is, among
    its officers neither barred nor taken for the visit that have the fewest visits so far, in
    ascending id, the one at int(HMAC(seed, "target:body:j")) mod their number."""
    key = bytes.fromhex(seed_hex)
    needs = [(lead_body, 2)] + [(b, 1) for b in joint_bodies]
    loads = {b: dict.fromkeys(pool[b], 0) for b, _ in needs}
    visits = []
    for target in targets:
        chosen = []
        for body, need in needs:
            taken = []
            for j in range(1, need + 1):
                free = [o for o in loads[body] if (o, target) not in conflicts and o not in taken]
                if not free:
                    return None
                fewest = min(loads[body][o] for o in free)
                candidates = sorted(o for o in free if loads[body][o] == fewest)
                mac = hmac.new(key, f"{target}:{body}:{j}".encode(), hashlib.sha256).digest()
                taken.append(candidates[int.from_bytes(mac, "big") % len(candidates)])
            for o in taken:
                loads[body][o] += 1
            chosen.extend(taken)
        visits.append(assignment.Visit(target, tuple(chosen)))
    return visits


@pytest.mark.parametrize(
    ("definition", "algorithm"),
    [(_assign_by_definition, draw.V1), (_assign_v2_by_definition, draw.V2)],
    ids=["v1", "v2"],
)
@given(
    st.integers(2, 9),
    st.integers(1, 4),
    st.integers(1, 80),
    st.sets(st.tuples(st.integers(0, 12), st.integers(0, 79)), max_size=60),
    st.binary(min_size=32, max_size=32),
)
def test_assignment_equals_its_definition(
    definition, algorithm, lead, joint, visits, conflict_pairs, seed
):
    _check_against(definition, algorithm, lead, joint, visits, conflict_pairs, seed)


def test_v2_assignment_by_hand():
    """Seed 00…01, lead body 7 with officers 3, 5, 9 (two per visit), joint body 8 with 4, 6.

    Visit "A": body 7, j=1: all three have 0 visits; HMAC(seed, "A:7:1") mod 3 picks one;
    j=2: the two left, HMAC(seed, "A:7:2") mod 2. Body 8, j=1: HMAC(seed, "A:8:1") mod 2.
    Visit "B": body 7's one officer still at 0 visits goes first (a lone candidate: no HMAC),
    then "B:7:2" mod 2 among the two at 1 visit; body 8: the one at 0 visits.
    """
    key = bytes.fromhex(SEED)

    def index(message, count):
        mac = hmac.new(key, message.encode(), hashlib.sha256).digest()
        return int.from_bytes(mac, "big") % count

    # the indexes, written out so that a change to the definition shows here
    picks = [("A:7:1", 3), ("A:7:2", 2), ("A:8:1", 2), ("B:7:2", 2)]
    assert [index(m, c) for m, c in picks] == [2, 0, 0, 0]
    visits = assignment.assign(
        ["A", "B"], {7: [9, 3, 5], 8: [6, 4]}, lead_body=7, joint_bodies=[8], seed_hex=SEED
    )
    # A: [3, 5, 9][2] = 9, then [3, 5][0] = 3; joint [4, 6][0] = 4.
    # B: 5 (the only lead officer at 0), then [3, 9][0] = 3; joint 6 (the only one at 0).
    assert visits == [assignment.Visit("A", (9, 3, 4)), assignment.Visit("B", (5, 3, 6))]
    assert (
        assignment.assign(
            ["A", "B"],
            {7: [9, 3, 5], 8: [6, 4]},
            lead_body=7,
            joint_bodies=[8],
            seed_hex=SEED,
            algorithm=draw.V1,
        )
        != visits
    )  # v1 keys its ties differently; old draws keep it


def test_an_unknown_algorithm_is_refused():
    with pytest.raises(draw.DrawError, match="未知的抽取算法"):
        assignment.assign(["A"], {1: [1, 2]}, lead_body=1, seed_hex=SEED, algorithm="x/v9")


@pytest.mark.parametrize("byte", range(128))
def test_the_byte_check_of_a_list_refuses_what_the_text_check_refuses(byte):
    data = b"A1\nB" + bytes([byte]) + b"2\nC3\n"
    try:
        expected = draw._parse_text(data)
    except draw.DrawError as exc:
        with pytest.raises(draw.DrawError, match=str(exc)[:6]):
            draw.target_lines(data)
    else:
        assert draw.target_lines(data) == [i.encode() for i in expected]
        assert draw.parse_target_list(data) == expected


def test_ranking_bytes_equals_ranking_strings():
    ids = sorted(IDS)
    lines = draw.target_lines(draw.canonical_target_list(ids))
    assert draw.run_lines(lines, SEED, 1000) == draw.run(ids, SEED, 1000)
