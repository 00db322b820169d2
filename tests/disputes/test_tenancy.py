"""Region tenancy: two counties of 大同市; no county's users see the other's disputes rows on any
list page, detail page or API list, and the city's supervisor sees both."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from fazhi.core.choices import Role, UnitKind
from fazhi.disputes import services
from fazhi.disputes.choices import PartyKind
from fazhi.disputes.models import ReconsiderationOffice
from tests.disputes.helpers import hear_views, sue
from tests.factories import RegionFactory, UnitFactory

D = dt.date
COUNTIES = {"140222": ("天镇县", "天政复"), "140221": ("阳高县", "阳政复")}


def _county(make_user, code, name, prefix):
    region = RegionFactory(code=code, name=name)
    bureau = UnitFactory(name=f"{name}司法局", region=region)
    ReconsiderationOffice.objects.create(
        name=f"{name}人民政府行政复议办公室", unit=bureau, number_prefix=prefix
    )
    cache.delete("fazhi:disputes:office-units")  # offices are set up once; rules cache them
    department = UnitFactory(name=f"{name}市场监督管理局", region=region)
    office = UnitFactory(name=f"{name}依法治县办", region=region, kind=UnitKind.PARTY_BODY)
    users = {
        "supervisor": make_user(Role.SUPERVISOR, unit=office),
        "leader": make_user(Role.LEADER, unit=office),
        "clerk": make_user(Role.REVIEWER, unit=bureau),
        "reporter": make_user(Role.REPORTER, unit=department),
    }
    clerk, reporter = users["clerk"], users["reporter"]
    marker = f"{name}甲"  # every row of the county carries it
    case, _ = services.reconsideration_apply(
        actor=clerk,
        application=services.Application(
            applicant_kind=PartyKind.PERSON,
            applicant_name=marker,
            respondent=department,
            act_description=f"{marker}处罚决定",
            act_known_on=D(2026, 2, 2),
            request="撤销",
        ),
        channel="counter",
        received_on=D(2026, 2, 13),
    )
    services.reconsideration_accept(
        actor=clerk, case=case, accepted_on=D(2026, 2, 24), procedure="ordinary"
    )
    hear_views(clerk, case)
    lawsuit = sue(
        reporter,
        department,
        f"(2026)晋02行初{code}号",
        filed_on=D(2026, 3, 2),
        served_on=D(2026, 3, 3),
        plaintiff_name=marker,
        cause=f"{marker}诉处罚",
    )
    letter = services.letter_issue(
        actor=clerk,
        kind="opinion",
        addressee=department,
        issuer=f"{marker}人民政府",
        doc_number=f"{prefix}意〔2026〕{code}号",
        issued_on=D(2026, 3, 2),
        content=marker,
        reconsideration=case,
    )
    mediation = services.mediation_register(
        actor=reporter,
        unit=department,
        kind="administrative",
        category="消费者权益",
        parties=marker,
        subject="纠纷",
        received_on=D(2026, 3, 2),
    )
    item = services.adjudication_item_save(
        actor=clerk, name=f"{marker}权属争议裁决", legal_basis="土地管理法", unit=department
    )
    adjudication = services.adjudication_register(
        actor=reporter,
        item=item,
        applicant_name=marker,
        other_party="乙",
        received_on=D(2026, 3, 2),
    )
    petition = services.petition_register(
        actor=reporter,
        unit=department,
        petitioner_name=marker,
        subject=f"{marker}事项",
        content="",
        received_on=D(2026, 3, 2),
    )
    rows = {
        "disputes:reconsideration_detail": case,
        "disputes:litigation_detail": lawsuit,
        "disputes:letter_detail": letter,
        "disputes:mediation_detail": mediation,
        "disputes:adjudication_detail": adjudication,
        "disputes:petition_detail": petition,
    }
    return {"users": users, "marker": marker, "rows": rows, "case": case}


@pytest.fixture
def counties(db, holidays, make_user):
    city = RegionFactory(code="140200", name="大同市")
    out = {"city": make_user(Role.SUPERVISOR, unit=UnitFactory(name="大同市司法局", region=city))}
    for code, (name, prefix) in COUNTIES.items():
        out[code] = _county(make_user, code, name, prefix)
    return out


LISTS = [
    "disputes:reconsideration_list",
    "disputes:litigation_list",
    "disputes:letter_list",
    "disputes:mediation_list",
    "disputes:adjudication_list",
    "disputes:petition_list",
]
API = [
    "/api/disputes/reconsiderations",
    "/api/disputes/litigation",
    "/api/disputes/deadlines?within=365",
]


def _other(code):
    return next(c for c in COUNTIES if c != code)


@pytest.mark.parametrize("own", list(COUNTIES))
@pytest.mark.parametrize("role", ["supervisor", "leader", "clerk", "reporter"])
def test_a_county_sees_none_of_the_other_countys_rows(client, counties, own, role):
    mine, theirs = counties[own], counties[_other(own)]
    client.force_login(mine["users"][role])
    for name in LISTS:
        body = client.get(reverse(name)).content.decode()
        assert theirs["marker"] not in body, (role, name)
    body = client.get(reverse("disputes:deadlines"), {"within": 365}).content.decode()
    assert theirs["case"].number not in body
    for url in API:
        response = client.get(url)
        assert response.status_code == 200
        assert theirs["marker"] not in response.content.decode(), (role, url)
        assert theirs["case"].number not in response.content.decode(), (role, url)
    for name, row in theirs["rows"].items():
        assert client.get(reverse(name, args=[row.pk])).status_code == 404, (role, name)
    if role in ("supervisor", "leader", "clerk"):
        body = client.get(reverse("disputes:statistics"), {"year": 2026}).content.decode()
        assert f"{theirs['marker'][:3]}市场监督管理局" not in body
    # and their own rows are there for the users who handle them
    if role in ("supervisor", "clerk"):
        body = client.get(reverse("disputes:reconsideration_list")).content.decode()
        assert mine["case"].number in body


def test_the_city_supervisor_sees_both_counties(client, counties):
    client.force_login(counties["city"])
    for name in LISTS:
        body = client.get(reverse(name)).content.decode()
        for code in COUNTIES:
            assert counties[code]["marker"] in body, (name, code)
    data = client.get("/api/disputes/reconsiderations").json()
    assert data["count"] == 2
    for code in COUNTIES:
        for name, row in counties[code]["rows"].items():
            assert client.get(reverse(name, args=[row.pk])).status_code == 200, (name, code)


def test_each_county_numbers_its_cases_with_its_own_office(counties):
    assert counties["140222"]["case"].number == "天政复〔2026〕1号"
    assert counties["140221"]["case"].number == "阳政复〔2026〕1号"


def test_each_county_numbers_its_casework_with_its_own_initial_and_court(counties):
    for code, initial in (("140222", "天"), ("140221", "阳")):
        rows = counties[code]["rows"]
        assert rows["disputes:mediation_detail"].number == f"{initial}调〔2026〕1号"
        assert rows["disputes:adjudication_detail"].number == f"{initial}裁〔2026〕1号"
        assert rows["disputes:petition_detail"].number == f"{initial}信〔2026〕1号"
    assert counties["140222"]["rows"]["disputes:litigation_detail"].court == "天镇县人民法院"
    assert counties["140221"]["rows"]["disputes:litigation_detail"].court == "阳高县人民法院"


def test_an_office_without_a_prefix_numbers_with_its_regions_initial(counties):
    office = ReconsiderationOffice.objects.get(unit__region_id="140221")
    office.number_prefix = ""
    office.save()
    case = counties["140221"]["case"]
    clerk = counties["140221"]["users"]["clerk"]
    second, _ = services.reconsideration_apply(
        actor=clerk,
        application=services.Application(
            applicant_kind=PartyKind.PERSON,
            applicant_name="阳高县乙",
            respondent=case.respondent,
            act_description="处罚决定",
            act_known_on=D(2026, 2, 2),
            request="撤销",
        ),
        channel="counter",
        received_on=D(2026, 2, 14),
    )
    assert second.number == "阳政复〔2026〕2号"


def test_who_handles_reconsideration_is_read_once_per_request(clerk, make_user, monkeypatch):
    """The sidebar asks for seven entries whether the user handles reconsideration: the shared
    cache (on the embedded default, a query of the cache table) is read once per user object,
    and the next request's user object reads it again."""
    from fazhi.core.models import User
    from fazhi.disputes import rules as dispute_rules

    reads = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *a: reads.append(key) or real_get(key, *a))
    for _ in range(7):
        assert dispute_rules.handles_reconsideration(clerk)
    assert reads == ["fazhi:disputes:office-units"]
    stranger = make_user(Role.REVIEWER)
    assert not dispute_rules.handles_reconsideration(stranger)
    assert len(reads) == 2
    # the office closes: a new request (a new user object) sees it once the cache has it
    ReconsiderationOffice.objects.filter(unit=clerk.unit).update(is_active=False)
    cache.delete("fazhi:disputes:office-units")
    assert dispute_rules.handles_reconsideration(clerk)  # this request's answer stands
    assert not dispute_rules.handles_reconsideration(User.objects.get(pk=clerk.pk))
