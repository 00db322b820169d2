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
