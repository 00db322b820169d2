import pytest
from stdnum.cn import ric

from fazhi.core.errors import ApplicationError
from fazhi.enforcement import services
from fazhi.enforcement.models import Officer


def with_check(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")


def test_officer_with_a_pre_1993_id_is_created(officer_user, body):
    number = with_check("14022219800101123")
    officer = services.officer_create(
        actor=officer_user, body=body, full_name="李老", resident_id=number.lower()
    )
    assert officer.resident_id == number


def test_officer_born_in_the_future_is_refused(officer_user, body):
    before = Officer.objects.count()
    with pytest.raises(ApplicationError) as caught:
        services.officer_create(
            actor=officer_user,
            body=body,
            full_name="未来",
            resident_id=with_check("14022230000101123"),
        )
    assert caught.value.code == "invalid_resident_id"
    assert list(caught.value.fields) == ["resident_id"]
    assert Officer.objects.count() == before
