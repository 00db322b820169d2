"""The apps' datasets: a token reads its region only, persons are masked, a revoked token is
refused, and every declared dataset answers for a token and on the open-data page."""

import datetime as dt
import json

import pytest

from fazhi.core.choices import Role, UnitKind
from fazhi.core.datasets import page, registry
from fazhi.core.models import OrgUnit, Region, User
from fazhi.enforcement.choices import DecisionKind, PartyKind
from fazhi.enforcement.models import EnforcementBody, PenaltyCase
from fazhi.exchange import services
from fazhi.exchange.models import ApiToken
from fazhi.exchange.reader import TokenReader

PENALTIES = "enforcement.penalty_decisions"


@pytest.fixture
def admin(db):
    return User.objects.create_superuser("root", password="x-Long-pass-2026")


@pytest.fixture
def regions(db):
    city = Region.objects.get_or_create(code="140200", defaults={"name": "大同市"})[0]
    return {
        "city": city,
        "140222": Region.objects.get_or_create(
            code="140222", defaults={"name": "天镇县", "parent": city}
        )[0],
        "140221": Region.objects.get_or_create(
            code="140221", defaults={"name": "阳高县", "parent": city}
        )[0],
    }


def penalty(region, prefix, serial, *, party, kind=PartyKind.ORGANISATION, published=True):
    unit = OrgUnit.objects.get_or_create(
        name=f"{region.name}市场监督管理局",
        defaults={"kind": UnitKind.GOVERNMENT_DEPARTMENT, "region": region},
    )[0]
    body = EnforcementBody.objects.get_or_create(unit=unit, defaults={"case_prefix": prefix})[0]
    filer = User.objects.create_user(f"{prefix}{serial}", unit=unit, roles=[Role.OFFICER])
    return PenaltyCase.objects.create(
        body=body,
        year=2026,
        serial=serial,
        number=f"{prefix}〔2026〕{serial}号",
        title="销售过期食品",
        party_kind=kind,
        party_name=party,
        party_resident_id="140222199001011234" if kind == PartyKind.PERSON else "",
        filed_on=dt.date(2026, 1, 5),
        filed_by=filer,
        decision_due=dt.date(2026, 4, 5),
        decided_on=dt.date(2026, 2, 1),
        decision_kind=DecisionKind.PENALTY,
        fine=2000,
        published_on=dt.date(2026, 2, 6) if published else None,
    )


@pytest.fixture
def cases(regions):
    return {
        "org": penalty(regions["140222"], "天市监罚", 1, party="天镇县某某食品有限公司"),
        "person": penalty(regions["140222"], "天市监罚", 2, party="张三丰", kind=PartyKind.PERSON),
        "unpublished": penalty(regions["140222"], "天市监罚", 3, party="李四", published=False),
        "yanggao": penalty(regions["140221"], "阳市监罚", 1, party="阳高县某超市有限公司"),
    }


def bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_county_token_reads_its_countys_published_decisions_masked(client, admin, cases, regions):
    _t, secret = services.token_create(
        actor=admin, system="省行政执法监督平台", region=regions["140222"], datasets=[PENALTIES]
    )
    response = client.get(f"/api/exchange/v1/datasets/{PENALTIES}", **bearer(secret))
    assert response.status_code == 200
    rows = {r["number"]: r for r in response.json()["rows"]}
    assert set(rows) == {"天市监罚〔2026〕1号", "天市监罚〔2026〕2号"}  # no draft, no 阳高
    assert rows["天市监罚〔2026〕1号"]["party"] == "天镇县某某食品有限公司"
    assert rows["天市监罚〔2026〕2号"]["party"] == "张**"
    assert rows["天市监罚〔2026〕2号"]["party_code"] == "1402**********1234"
    assert "140222199001011234" not in response.content.decode()


def test_a_city_token_reads_both_counties_and_a_county_token_not_the_neighbour(
    client, admin, cases, regions
):
    _c, city = services.token_create(
        actor=admin, system="市信用平台", region=regions["city"], datasets=[PENALTIES]
    )
    _y, yanggao = services.token_create(
        actor=admin, system="阳高县信用平台", region=regions["140221"], datasets=[PENALTIES]
    )
    url = f"/api/exchange/v1/datasets/{PENALTIES}"
    both = {r["number"] for r in client.get(url, **bearer(city)).json()["rows"]}
    assert both == {"天市监罚〔2026〕1号", "天市监罚〔2026〕2号", "阳市监罚〔2026〕1号"}
    own = {r["number"] for r in client.get(url, **bearer(yanggao)).json()["rows"]}
    assert own == {"阳市监罚〔2026〕1号"}


def test_a_revoked_token_is_refused_on_a_dataset(client, admin, cases, regions):
    token, secret = services.token_create(
        actor=admin, system="省行政执法监督平台", region=regions["140222"], datasets=[PENALTIES]
    )
    url = f"/api/exchange/v1/datasets/{PENALTIES}"
    assert client.get(url, **bearer(secret)).status_code == 200
    services.token_revoke(actor=admin, token_id=token.pk, version=token.version)
    response = client.get(url, **bearer(secret))
    assert response.status_code == 401
    assert "rows" not in response.json()


def test_every_declared_dataset_answers_for_a_token_and_the_public(client, admin, cases, regions):
    found = registry()
    assert {
        PENALTIES,
        "enforcement.inspection_results",
        "catalogs.published_items",
        "decisions.catalog_entries",
        "decisions.published_decisions",
        "plans.task_progress",
        "plans.accepted_reports",
        "normdocs.documents_in_force",
    } <= set(found)
    token = ApiToken.objects.create(
        system="测试", prefix="fz_test", digest="0" * 64, region=regions["city"], datasets=[]
    )
    reader = TokenReader(token)
    for dataset in found.values():
        rows, _next = page(dataset, reader, updated_since=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        assert isinstance(rows, list), dataset.key
        if dataset.public:
            response = client.get(f"/public/exchange/{dataset.key}.json")
            assert response.status_code == 200, dataset.key
            public = json.loads(b"".join(response.streaming_content))
            assert isinstance(public, list)
            if dataset.key == PENALTIES:
                assert {r["party"] for r in public} >= {"张**", "天镇县某某食品有限公司"}
                assert "李四" not in {r["party"] for r in public}  # not published
    listing = client.get("/public/exchange/")
    assert listing.status_code == 200
    assert "行政处罚决定公示" in listing.content.decode()
    assert "实施方案任务进展" not in listing.content.decode()  # token-only
