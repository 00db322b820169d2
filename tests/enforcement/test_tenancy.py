"""Region tenancy: two counties of 大同市; no county's users see the other's enforcement rows on
any list page, detail page or API list, and the city's supervisor sees both."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.choices import Role, UnitKind
from fazhi.enforcement import services
from fazhi.enforcement.demo import generated_uscc
from fazhi.enforcement.models import EnforcementBody, InspectionTarget
from tests.enforcement.conftest import make_officer
from tests.factories import RegionFactory, UnitFactory

pytestmark = pytest.mark.usefixtures("holidays")

COUNTIES = {"140222": ("天镇县", "天市监罚", 1), "140221": ("阳高县", "阳市监罚", 2)}


def _county(make_user, code, name, prefix, n):
    region = RegionFactory(code=code, name=name)
    market = UnitFactory(name=f"{name}市场监督管理局", region=region)
    office = UnitFactory(name=f"{name}依法治县办", region=region, kind=UnitKind.PARTY_BODY)
    bureau = UnitFactory(name=f"{name}司法局", region=region)
    body = EnforcementBody.objects.create(unit=market, case_prefix=prefix)
    officer_user = make_user(Role.OFFICER, unit=market, full_name=f"{name}执法")
    people = [
        make_officer(body, f"{name}{i}", user=officer_user if i == 0 else None) for i in range(3)
    ]
    users = {
        "supervisor": make_user(Role.SUPERVISOR, unit=office),
        "leader": make_user(Role.LEADER, unit=office),
        "reviewer": make_user(Role.REVIEWER, unit=bureau),
        "officer": officer_user,
    }
    marker = f"{name}甲公司"
    case = services.case_file(
        actor=officer_user,
        body=body,
        title=f"{marker}无证经营",
        party_kind="organisation",
        party_name=marker,
        party_uscc=generated_uscc(30000000 + n),
        officers=people[:2],
    )
    services.case_investigate(actor=officer_user, case=case)
    services.evidence_add(
        actor=officer_user, case=case, title="笔录", upload=SimpleUploadedFile("a.txt", b"x")
    )
    InspectionTarget.objects.get_or_create(
        uscc=generated_uscc(31000000 + n), defaults={"name": f"{marker}门店", "category": "食品"}
    )
    plan = services.plan_create(
        actor=officer_user, body=body, title=f"{name}抽查计划", year=2026, scope="x", ratio_bp=10000
    )
    return {
        "marker": marker,
        "users": users,
        "case": case,
        "officer": people[1],
        "body": body,
        "plan": plan,
        "evidence": case.evidence.get(),
    }


@pytest.fixture
def counties(make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return {code: _county(make_user, code, *spec) for code, spec in COUNTIES.items()}


LISTS = [
    "enforcement:case_list",
    "enforcement:officer_list",
    "enforcement:plan_list",
    "enforcement:body_list",
    "enforcement:supervision",
]


def _details(county):
    return [
        reverse("enforcement:case_detail", args=[county["case"].pk]),
        reverse("enforcement:officer_detail", args=[county["officer"].pk]),
        reverse("enforcement:plan_detail", args=[county["plan"].pk]),
        reverse("enforcement:body_detail", args=[county["body"].pk]),
        reverse("enforcement:evidence_download", args=[county["evidence"].pk]),
    ]


@pytest.mark.parametrize("role", ["supervisor", "leader", "reviewer", "officer"])
def test_no_county_sees_the_other(client, counties, role):
    for code, county in counties.items():
        other = next(c for k, c in counties.items() if k != code)
        client.force_login(county["users"][role])
        for name in LISTS:
            page = client.get(reverse(name)).content.decode()
            assert other["marker"] not in page and other["body"].unit.name not in page, name
        for url in _details(other):
            assert client.get(url).status_code == 404, url
        for url in _details(county)[:4]:
            assert client.get(url).status_code == 200, url
        api = client.get("/api/enforcement/cases").json()
        assert [c["id"] for c in api["items"]] == [county["case"].pk]
        assert client.get(f"/api/enforcement/cases/{other['case'].pk}").status_code == 404
        officers = {o["body"] for o in client.get("/api/enforcement/officers").json()["items"]}
        assert officers == {county["body"].unit.name}


def test_the_city_supervisor_sees_both_counties(client, counties, make_user):
    city = RegionFactory(code="140200", name="大同市")
    office = UnitFactory(name="大同市依法治市办", region=city, kind=UnitKind.PARTY_BODY)
    client.force_login(make_user(Role.SUPERVISOR, unit=office))
    page = client.get(reverse("enforcement:case_list")).content.decode()
    assert all(c["marker"] in page for c in counties.values())
    for county in counties.values():
        assert client.get(_details(county)[0]).status_code == 200
    assert {c["id"] for c in client.get("/api/enforcement/cases").json()["items"]} == {
        c["case"].pk for c in counties.values()
    }
