"""The fast path of `validators.uscc` decides exactly as the full path (normalise + stdnum)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import ValidationError as StdnumError

from fazhi.core import validators
from fazhi.core.errors import ApplicationError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def by_definition(value):
    try:
        return stdnum_uscc.validate(validators.normalise(value).upper())
    except StdnumError:
        return None


def decided(value):
    try:
        return validators.uscc(value)
    except ApplicationError:
        return None


def with_check(first17: str) -> str:
    return first17 + stdnum_uscc.calc_check_digit(first17)


codes = st.builds(
    lambda digits, rest: with_check(digits + rest),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.text(alphabet=ALPHABET, min_size=9, max_size=9),
)
noise = st.text(alphabet=ALPHABET + "IOSVZabc -\u3000Ａ１\u200b", min_size=0, max_size=20)


@given(st.one_of(codes, noise, codes.map(str.lower), codes.map(lambda c: c[:17] + "0")))
def test_fast_and_full_paths_agree(value):
    assert decided(value) == by_definition(value)


def test_a_valid_clean_code_is_returned_as_is_and_a_wrong_check_refused():
    code = with_check("91140222MA0K12345")
    assert validators.uscc(code) == code
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    with pytest.raises(ApplicationError, match="无效"):
        validators.uscc(wrong)
