from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.enforcement import discretion as d

LEVELS = {
    "minor": d.LevelRange("minor", Decimal("5000"), Decimal("20000")),
    "general": d.LevelRange("general", Decimal("20000"), Decimal("50000")),
    "serious": d.LevelRange("serious", Decimal("50000"), Decimal("100000")),
    "severe": d.LevelRange("severe", Decimal("100000"), Decimal("150000")),
}
ALL = [d.NO_PENALTY, d.FIRST_OFFENCE, d.MITIGATED, d.LENIENT]


def test_plain_level_gives_its_range():
    a = d.assess(LEVELS, ALL, d.Circumstances("general"))
    assert (a.fine_min, a.fine_max, a.exemption, a.no_penalty) == (
        Decimal("20000"),
        Decimal("50000"),
        None,
        False,
    )


def test_minor_corrected_without_harm_is_not_punished():
    a = d.assess(LEVELS, ALL, d.Circumstances("minor", corrected_promptly=True, harm="none"))
    assert (
        a.exemption == d.NO_PENALTY
        and a.no_penalty
        and a.allows(None)
        and not a.allows(Decimal("1"))
    )


def test_first_offence_exemption_needs_correction_and_minor_harm():
    assert (
        d.assess(
            LEVELS,
            ALL,
            d.Circumstances("general", first_offence=True, corrected_promptly=True, harm="minor"),
        ).exemption
        == d.FIRST_OFFENCE
    )
    assert (
        d.assess(
            LEVELS,
            ALL,
            d.Circumstances("general", first_offence=True, corrected_promptly=False, harm="minor"),
        ).exemption
        is None
    )
    assert (
        d.assess(
            LEVELS,
            ALL,
            d.Circumstances("general", first_offence=True, corrected_promptly=True, harm="some"),
        ).exemption
        is None
    )


def test_exemption_applies_only_when_listed():
    facts = d.Circumstances("minor", corrected_promptly=True, harm="none")
    assert d.assess(LEVELS, [d.LENIENT], facts).exemption is None


def test_mitigation_goes_below_the_minimum_and_lenient_keeps_the_lower_half():
    m = d.assess(LEVELS, ALL, d.Circumstances("general", mitigating=True))
    assert (m.fine_min, m.fine_max, m.exemption) == (Decimal("0.00"), Decimal("20000"), d.MITIGATED)
    lenient = d.assess(LEVELS, ALL, d.Circumstances("general", lenient=True))
    assert (lenient.fine_min, lenient.fine_max) == (Decimal("20000"), Decimal("35000.00"))
    assert d.assess(LEVELS, ALL, d.Circumstances("severe", mitigating=True)).exemption is None


def test_unknown_level_is_refused():
    with pytest.raises(d.StandardError):
        d.assess({"general": LEVELS["general"]}, [], d.Circumstances("severe"))


def test_levels_must_rise():
    with pytest.raises(d.StandardError):
        d.validate_levels(
            [LEVELS["minor"], d.LevelRange("general", Decimal("100"), Decimal("200"))]
        )
    with pytest.raises(d.StandardError):
        d.validate_levels([d.LevelRange("minor", Decimal("10"), Decimal("5"))])
    d.validate_levels(LEVELS.values())


@given(
    st.sampled_from(d.LEVELS),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["none", "minor", "some"]),
    st.booleans(),
    st.booleans(),
    st.lists(st.sampled_from(ALL), unique=True),
)
def test_range_never_exceeds_the_level_maximum(
    level, first, corrected, harm, mitigating, lenient, listed
):
    a = d.assess(
        LEVELS, listed, d.Circumstances(level, first, corrected, harm, mitigating, lenient)
    )
    assert Decimal("0") <= a.fine_min <= a.fine_max <= LEVELS[level].fine_max
    assert a.exemption is None or a.exemption in listed
    assert a.no_penalty == (a.exemption in (d.NO_PENALTY, d.FIRST_OFFENCE))
