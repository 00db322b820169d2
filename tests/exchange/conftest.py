"""Two counties of one city, a published document in each (and a draft), and an administrator."""

import datetime as dt

import pytest

from fazhi.core.choices import UnitKind
from fazhi.core.models import OrgUnit, User
from fazhi.normdocs.choices import Stage
from fazhi.normdocs.models import NormativeDocument
from tests.factories import datong_counties


@pytest.fixture
def counties(db):
    city, tianzhen, yanggao = datong_counties()
    units = {}
    for region, name in ((tianzhen, "天镇县人民政府"), (yanggao, "阳高县人民政府")):
        units[region.code] = OrgUnit.objects.get_or_create(
            name=name, defaults={"kind": UnitKind.COUNTY_GOVERNMENT, "region": region}
        )[0]
    for code, title in (("140222", "天镇县物业管理办法"), ("140221", "阳高县农村饮水管理办法")):
        NormativeDocument.objects.create(
            title=title,
            issuer=units[code],
            drafting_unit=units[code],
            stage=Stage.PUBLISHED,
            published_on=dt.date(2026, 1, 5),
        )
    NormativeDocument.objects.create(
        title="天镇县草稿", issuer=units["140222"], drafting_unit=units["140222"]
    )
    return {"city": city, "tianzhen": tianzhen, "yanggao": yanggao}


@pytest.fixture
def admin(db):
    return User.objects.create_superuser("root", password="x-Long-pass-2026")
