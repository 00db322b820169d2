import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.core.choices import Role
from fazhi.enforcement.models import (
    Credential,
    DiscretionLevel,
    DiscretionStandard,
    EnforcementBody,
    Exemption,
    Officer,
)
from tests.factories import UnitFactory


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def body(db):
    return EnforcementBody.objects.create(
        unit=UnitFactory(name="天镇县市场监督管理局"), case_prefix="天市监罚"
    )


@pytest.fixture
def other_body(db):
    return EnforcementBody.objects.create(
        unit=UnitFactory(name="天镇县生态环境局"), case_prefix="天环罚"
    )


def make_officer(body, name, *, valid_until=None, status="valid", user=None, number=None):
    officer = Officer.objects.create(body=body, full_name=name, user=user)
    if valid_until is not False:
        Credential.objects.create(
            officer=officer,
            number=number or f"N-{body.pk}-{name}",
            issued_on=dt.date(2020, 1, 1),
            valid_until=valid_until or dt.date(2099, 12, 31),
            status=status,
        )
    return officer


@pytest.fixture
def officer_user(make_user, body):
    return make_user(Role.OFFICER, unit=body.unit, username="sun", full_name="孙执法")


@pytest.fixture
def officers(body, officer_user):
    return [
        make_officer(body, "孙执法", user=officer_user),
        make_officer(body, "吴建国"),
        make_officer(body, "冯志强"),
    ]


@pytest.fixture
def expired_officer(body, today):
    return make_officer(body, "褚卫东", valid_until=today - dt.timedelta(days=1))


@pytest.fixture
def reviewer(make_user):
    return make_user(
        Role.REVIEWER, unit=UnitFactory(name="天镇县司法局"), username="li", full_name="李审核"
    )


@pytest.fixture
def standard(db, body):
    standard = DiscretionStandard.objects.create(
        code="SJ-SP-001",
        violation="未取得食品经营许可从事食品经营活动",
        legal_basis="食品安全法第三十五条",
        penalty_basis="食品安全法第一百二十二条",
        body=body,
    )
    for level, lo, hi in [
        ("minor", "5000", "20000"),
        ("general", "20000", "50000"),
        ("serious", "50000", "100000"),
        ("severe", "100000", "150000"),
    ]:
        DiscretionLevel.objects.create(
            standard=standard,
            level=level,
            description=level,
            fine_min=Decimal(lo),
            fine_max=Decimal(hi),
        )
    Exemption.objects.create(
        standard=standard, kind="no_penalty", condition="轻微、及时改正、无危害后果"
    )
    Exemption.objects.create(
        standard=standard, kind="first_offence", condition="初次违法、危害后果轻微、及时改正"
    )
    Exemption.objects.create(standard=standard, kind="mitigated", condition="主动消除危害后果")
    return standard


@pytest.fixture
def valid_uscc():
    from fazhi.enforcement.demo import generated_uscc

    return generated_uscc(12345678)
