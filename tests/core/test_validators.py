import datetime as dt

import pytest
from stdnum.cn import ric

from fazhi.core import validators
from fazhi.core.errors import ApplicationError

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def with_check(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")


def test_pre_1993_id_with_a_code_given_in_1993_is_accepted():
    number = with_check("14022219800101123")
    assert not ric.is_valid(number)  # what stdnum alone says
    assert validators.resident_id(number) == number


def test_id_with_a_code_retired_before_the_birth_is_accepted():
    number = with_check("11010319950101123")  # 崇文区, merged in 2010
    assert validators.resident_id(number) == number


def test_id_full_width_digits_spaces_and_lower_case_x_are_normalised():
    number = "14022219950312201X"
    assert validators.resident_id(" " + number.translate(FULL_WIDTH)) == number
    assert validators.resident_id(number.lower()) == number


@pytest.mark.parametrize(
    "number",
    [
        with_check("14022230000101123"),  # born in 3000
        with_check("99022219800101123"),  # no such region
        with_check("14999919800101123"),  # province known, county not
        with_check("14022219801301123"),  # month 13
        "140222198001011230",  # wrong check digit (right one is 5)
        "1402221980010112",
        "abcdefghijklmnopqr",
    ],
)
def test_impossible_id_is_refused(number):
    with pytest.raises(ApplicationError) as caught:
        validators.resident_id(number, field="resident_id")
    assert caught.value.code == "invalid_resident_id"
    assert caught.value.fields == {"resident_id": [caught.value.message]}


def test_id_born_tomorrow_is_refused():
    today = dt.date(2026, 3, 5)
    number = with_check("14022220260306123")
    with pytest.raises(ApplicationError) as caught:
        validators.resident_id(number, today=today)
    assert "出生日期 2026年3月6日 不可能" in caught.value.message
    assert validators.resident_id(with_check("14022220260305123"), today=today)


def test_uscc_full_width_and_lower_case_are_normalised():
    from fazhi.enforcement.demo import generated_uscc

    good = generated_uscc(10000001)
    assert validators.uscc(good.lower().translate(FULL_WIDTH)) == good


def test_uscc_with_wrong_check_character_is_refused():
    from fazhi.enforcement.demo import generated_uscc

    good = generated_uscc(10000001)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ApplicationError) as caught:
        validators.uscc(bad)
    assert caught.value.code == "invalid_uscc"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("13800000000", "13800000000"),
        ("+86 138 0000 0000", "13800000000"),
        ("１３８００００００００", "13800000000"),
        ("0352-6012345", "0352-6012345"),
        ("(0352) 601 2345", "0352-6012345"),
        ("010-12345678", "010-12345678"),
    ],
)
def test_mainland_phone_is_accepted_and_normalised(raw, clean):
    assert validators.phone(raw) == clean


@pytest.mark.parametrize(
    "raw", ["abcdefg", "1380000000", "6012345", "12345", "", "+1 202 555 0100"]
)
def test_phone_that_cannot_be_dialled_is_refused(raw):
    with pytest.raises(ApplicationError) as caught:
        validators.phone(raw, field="phone")
    assert caught.value.code == "invalid_phone"
    assert list(caught.value.fields) == ["phone"]


def test_hotline_is_accepted_only_when_asked():
    assert validators.phone("12345", short=True) == "12345"


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u200c\u200d", "\ufeff\u2060 \u3000", "\t\n"])
def test_text_of_nothing_visible_is_refused(text):
    with pytest.raises(ApplicationError) as caught:
        validators.meaningful_text(text, label="复议请求", field="request")
    assert caught.value.code == "empty_text"
    assert caught.value.message == "请填写复议请求"


def test_text_with_something_visible_is_kept_stripped():
    assert validators.meaningful_text(" \u200b撤销 ", label="x") == "\u200b撤销"


def test_date_before_the_earliest_year_or_in_the_future_is_refused(settings):
    today = dt.date(2026, 3, 5)
    with pytest.raises(ApplicationError) as caught:
        validators.past_date(dt.date(1800, 1, 1), label="立案日期", today=today)
    assert caught.value.message == "立案日期不能早于1949年"
    with pytest.raises(ApplicationError) as caught:
        validators.past_date(dt.date(2026, 3, 6), label="立案日期", today=today)
    assert caught.value.message == "立案日期不能晚于今天(2026年3月5日)"
    settings.FAZHI_EARLIEST_YEAR = 1990
    with pytest.raises(ApplicationError):
        validators.past_date(dt.date(1989, 12, 31), label="立案日期", today=today)
    assert validators.past_date(dt.date(1990, 1, 1), label="x", today=today) == dt.date(1990, 1, 1)


def test_form_validator_raises_a_form_error():
    from django.core.exceptions import ValidationError

    check = validators.form_validator(validators.phone)
    check("13800000000")
    with pytest.raises(ValidationError):
        check("abcdefg")
