import datetime as dt

import pytest

from fazhi.core.choices import Role, UnitKind
from fazhi.disputes import services
from fazhi.disputes.choices import PartyKind
from fazhi.disputes.models import ReconsiderationOffice
from tests.factories import UnitFactory


@pytest.fixture
def justice_bureau(db):
    return UnitFactory(name="天镇县司法局")


@pytest.fixture
def office(justice_bureau):
    return ReconsiderationOffice.objects.create(
        name="天镇县人民政府行政复议办公室", unit=justice_bureau, number_prefix="天政复"
    )


@pytest.fixture
def clerk(make_user, office):
    """A reconsideration office staff member (县司法局, reviewer)."""
    return make_user(Role.REVIEWER, unit=office.unit, full_name="李审核")


@pytest.fixture
def respondent(db):
    return UnitFactory(name="天镇县市场监督管理局", kind=UnitKind.GOVERNMENT_DEPARTMENT)


@pytest.fixture
def respondent_reporter(make_user, respondent):
    return make_user(Role.REPORTER, unit=respondent)


@pytest.fixture
def other_reporter(make_user):
    return make_user(Role.REPORTER, unit=UnitFactory(name="天镇县交通运输局"))


@pytest.fixture
def application(respondent):
    def _make(**overrides):
        data = {
            "applicant_kind": PartyKind.PERSON,
            "applicant_name": "张三",
            "respondent": respondent,
            "act_description": "天市监罚〔2026〕15号行政处罚决定",
            "act_known_on": dt.date(2026, 1, 5),
            "request": "撤销该行政处罚决定",
            "facts_reasons": "处罚认定事实不清",
            "applicant_id_number": "",
            "applicant_phone": "13912345678",
        }
        data.update(overrides)
        return services.Application(**data)

    return _make


@pytest.fixture
def received_case(clerk, application, holidays):
    """A counter application received on Friday 13 February 2026, the eve of the Spring Festival break."""
    case, _ = services.reconsideration_apply(
        actor=clerk, application=application(), channel="counter", received_on=dt.date(2026, 2, 13)
    )
    return case


@pytest.fixture
def accepted_case(clerk, received_case):
    return services.reconsideration_accept(
        actor=clerk, case=received_case, accepted_on=dt.date(2026, 2, 24), procedure="ordinary"
    )
