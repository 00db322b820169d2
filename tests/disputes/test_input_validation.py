"""Input a reviewing clerk would reject: impossible dates, IDs, phones and empty-looking text."""

import datetime as dt

import pytest
from stdnum.cn import ric

from fazhi.core.errors import ApplicationError
from fazhi.disputes import services
from fazhi.disputes.models import LitigationCase, ReconsiderationCase
from tests.disputes.helpers import sue


def test_lawsuit_filed_in_1800_is_refused(respondent_reporter, respondent, holidays):
    with pytest.raises(ApplicationError) as caught:
        sue(respondent_reporter, respondent, "(2026)晋0222行初12号", filed_on=dt.date(1800, 1, 1))
    assert caught.value.message == "立案日期不能早于1949年"
    assert list(caught.value.fields) == ["filed_on"]
    assert LitigationCase.objects.count() == 0


def counter(clerk, application, **overrides):
    return services.reconsideration_apply(
        actor=clerk,
        application=application(**overrides),
        channel="counter",
        received_on=dt.date(2026, 2, 13),
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"applicant_name": "\u200b\u200c\u200d"}, "applicant_name"),
        ({"request": "\u200b \ufeff"}, "request"),
        ({"applicant_phone": "abcdefg"}, "applicant_phone"),
    ],
)
def test_application_with_nothing_to_read_or_no_phone_is_refused(
    clerk, application, holidays, overrides, field
):
    with pytest.raises(ApplicationError) as caught:
        counter(clerk, application, **overrides)
    assert field in caught.value.fields
    assert ReconsiderationCase.objects.count() == 0


def test_applicant_born_in_the_future_is_refused(clerk, application, holidays):
    future = "14022230000101123"
    future += ric.calc_check_digit(future + "0")
    with pytest.raises(ApplicationError) as caught:
        counter(clerk, application, applicant_id_number=future)
    assert "居民身份证号码" in caught.value.message
    assert ReconsiderationCase.objects.count() == 0


def test_applicant_with_a_pre_1993_id_and_full_width_digits_is_registered(
    clerk, application, holidays
):
    number = "14022219800101123"
    number += ric.calc_check_digit(number + "0")
    full_width = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    case, _code = counter(clerk, application, applicant_id_number=full_width)
    assert case.applicant_id_number == number
    assert case.applicant_phone == "13912345678"
