"""API tokens read only their datasets and region; revoked or flooding tokens are refused."""

import pytest
from django.urls import reverse

from fazhi.core.choices import Role
from fazhi.core.errors import PermissionDenied
from fazhi.core.models import AuditEvent
from fazhi.exchange import services
from fazhi.exchange.models import ApiToken

DATASET = "normdocs.documents_in_force"


def bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_county_token_reads_its_county_and_a_city_token_both(client, admin, counties):
    _t, county = services.token_create(
        actor=admin, system="县信用平台", region=counties["tianzhen"], datasets=[DATASET]
    )
    _c, city = services.token_create(
        actor=admin, system="市执法监督平台", region=counties["city"], datasets=[DATASET]
    )
    url = f"/api/exchange/v1/datasets/{DATASET}"
    rows = client.get(url, **bearer(county)).json()["rows"]
    assert [r["title"] for r in rows] == ["天镇县物业管理办法"]
    both = client.get(url, **bearer(city)).json()["rows"]
    assert sorted(r["title"] for r in both) == ["天镇县物业管理办法", "阳高县农村饮水管理办法"]
    listing = client.get("/api/exchange/v1/datasets", **bearer(county)).json()
    assert [d["key"] for d in listing] == [DATASET]


def test_every_call_is_audited_and_paged_by_key(client, admin, counties):
    token, secret = services.token_create(
        actor=admin, system="市执法监督平台", region=counties["city"], datasets=[DATASET]
    )
    url = f"/api/exchange/v1/datasets/{DATASET}"
    first = client.get(url, {"limit": 1}, **bearer(secret)).json()
    assert len(first["rows"]) == 1 and first["next"] == first["rows"][0]["id"]
    second = client.get(url, {"limit": 1, "after": first["next"]}, **bearer(secret)).json()
    assert second["next"] is None
    assert second["rows"][0]["id"] != first["rows"][0]["id"]
    later = client.get(url, {"updated_since": "2999-01-01T00:00:00Z"}, **bearer(secret)).json()
    assert later["rows"] == []
    calls = AuditEvent.objects.filter(action="exchange.api_call", object_id=str(token.pk))
    assert calls.count() == 3
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_out_of_range_parameters_are_422_not_500(client, admin, counties):
    _t, secret = services.token_create(
        actor=admin, system="平台", region=counties["city"], datasets=[DATASET]
    )
    url = f"/api/exchange/v1/datasets/{DATASET}"
    assert client.get(url, {"after": 9223372036854775808}, **bearer(secret)).status_code == 422
    assert client.get(url, {"limit": 0}, **bearer(secret)).status_code == 422


def test_a_token_reads_nothing_it_was_not_granted(client, admin, counties):
    _t, secret = services.token_create(
        actor=admin, system="平台", region=counties["city"], datasets=[DATASET]
    )
    assert client.get("/api/exchange/v1/datasets/plans.tasks", **bearer(secret)).status_code == 404
    assert client.get("/api/plans/tasks", **bearer(secret)).status_code in (401, 403, 404)


def test_a_revoked_or_wrong_token_is_refused(client, admin, counties):
    token, secret = services.token_create(
        actor=admin, system="平台", region=counties["city"], datasets=[DATASET]
    )
    services.token_revoke(actor=admin, token_id=token.pk, version=token.version)
    url = "/api/exchange/v1/datasets"
    assert client.get(url, **bearer(secret)).status_code == 401
    assert client.get(url, **bearer("fz_guess")).status_code == 401
    assert client.get(url).status_code == 401


def test_a_flood_is_limited_per_token(client, admin, counties):
    _t, secret = services.token_create(
        actor=admin, system="平台", region=counties["city"], datasets=[DATASET], per_minute=3
    )
    codes = [
        client.get("/api/exchange/v1/datasets", **bearer(secret)).status_code for _ in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]


def test_only_an_administrator_issues_tokens(make_user, counties):
    supervisor = make_user(Role.SUPERVISOR)
    with pytest.raises(PermissionDenied):
        services.token_create(
            actor=supervisor, system="平台", region=counties["city"], datasets=[DATASET]
        )
    assert ApiToken.objects.count() == 0
    assert not AuditEvent.objects.filter(action="exchange.token_create").exists()


def test_the_secret_is_kept_only_as_its_digest(admin, counties):
    token, secret = services.token_create(
        actor=admin, system="平台", region=counties["city"], datasets=[DATASET]
    )
    token.refresh_from_db()
    assert secret not in (token.digest, token.prefix)
    assert token.digest == services.digest(secret)


def test_token_pages_ask_the_administrator_for_the_second_factor_first(client, admin, counties):
    client.force_login(admin)
    for url in (
        reverse("exchange:token_list"),
        reverse("exchange:token_create"),
        reverse("exchange:token_detail", args=[1]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"/account/second-factor/?next={url}"
    response = client.post(
        reverse("exchange:token_create"),
        {"system": "省信用平台", "region": "140200", "datasets": [DATASET], "per_minute": 60},
    )
    assert response.status_code == 302 and ApiToken.objects.count() == 0


def test_token_pages_for_the_administrator(client, admin, counties, verified_login):
    verified_login(client, admin)
    response = client.post(
        reverse("exchange:token_create"),
        {"system": "省信用平台", "region": "140200", "datasets": [DATASET], "per_minute": 60},
    )
    assert response.status_code == 200
    secret = response.content.decode().split("data-secret>")[1].split("<")[0]
    token = ApiToken.objects.get()
    assert token.digest == services.digest(secret)
    assert "省信用平台" in client.get(reverse("exchange:token_list")).content.decode()
    url = reverse("exchange:token_detail", args=[token.pk])
    assert client.post(f"{url}?action=revoke", {"revoke-version": 1}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_token_pages_are_closed_to_others(client, make_user):
    client.force_login(make_user(Role.SUPERVISOR))
    assert client.get(reverse("exchange:token_list")).status_code == 403
    assert client.get(reverse("exchange:token_create")).status_code == 403


def test_open_data_page_and_downloads(client, counties):
    page = client.get(reverse("portal:exchange:dataset_list")).content.decode()
    assert "现行有效行政规范性文件" in page
    csv_body = b"".join(
        client.get(
            reverse("portal:exchange:dataset_download", args=[DATASET, "csv"])
        ).streaming_content
    ).decode("utf-8-sig")
    assert "天镇县物业管理办法" in csv_body and "阳高县农村饮水管理办法" in csv_body
    assert "天镇县草稿" not in csv_body
    json_body = b"".join(
        client.get(
            reverse("portal:exchange:dataset_download", args=[DATASET, "json"])
        ).streaming_content
    ).decode()
    assert '"title": "天镇县物业管理办法"' in json_body
    assert client.get("/public/exchange/nothing.csv").status_code == 404


def test_openapi_documents_token_auth(client, admin):
    client.force_login(admin)
    schema = client.get("/api/openapi.json").json()
    assert "TokenAuth" in schema["components"]["securitySchemes"]
