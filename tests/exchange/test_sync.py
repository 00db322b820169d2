"""What an outside system and a spreadsheet meet: refusals it can act on, an audit of what it
asked, the keys that tell a sync which rows left a dataset, and open-data CSV without formulas."""

import datetime as dt

from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.exchange import services
from fazhi.normdocs.models import NormativeDocument

DATASET = "normdocs.documents_in_force"


def bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_the_audit_page_names_every_exchange_action():
    from fazhi.core.views import action_labels

    labels = action_labels()
    for action in ("exchange.token_create", "exchange.token_revoke", "exchange.api_call"):
        assert labels.get(action) not in (None, action)


def test_a_system_is_told_why_it_is_refused(client, admin, counties):
    token, secret = services.token_create(
        actor=admin, system="平台", region=counties["city"], datasets=[DATASET]
    )
    url = "/api/exchange/v1/datasets"
    for headers in ({}, {"HTTP_X_API_KEY": secret}, {"HTTP_AUTHORIZATION": f"Token {secret}"}):
        response = client.get(url, **headers)
        assert response.status_code == 401 and response.json()["code"] == "no_token"
        assert "Authorization: Bearer" in response.json()["message"]
    guess = client.get(url, **bearer("fz_guess"))
    assert guess.status_code == 401 and guess.json()["code"] == "invalid_token"
    assert not AuditEvent.objects.filter(action="exchange.api_refused").exists()
    services.token_revoke(actor=admin, token_id=token.pk, version=token.version)
    revoked = client.get(url, **bearer(secret))
    assert revoked.status_code == 401 and revoked.json()["code"] == "invalid_token"
    refused = AuditEvent.objects.get(action="exchange.api_refused")
    assert refused.object_id == str(token.pk) and refused.after["reason"] == "revoked"
    assert not AuditEvent.objects.filter(action="exchange.api_call").exists()


def test_a_call_is_audited_with_what_it_asked_and_from_where(client, admin, counties):
    token, secret = services.token_create(
        actor=admin, system="平台", region=counties["city"], datasets=[DATASET]
    )
    client.get(
        f"/api/exchange/v1/datasets/{DATASET}",
        {"updated_since": "2026-01-01T00:00:00+08:00", "limit": 5},
        REMOTE_ADDR="10.1.2.3",
        **bearer(secret),
    )
    call = AuditEvent.objects.get(action="exchange.api_call", object_id=str(token.pk))
    assert call.after["query"] == {"updated_since": "2026-01-01T00:00:00+08:00", "limit": "5"}
    assert call.after["ip"] == "10.1.2.3" and call.after["rows"] == 2


def test_a_sync_learns_which_rows_left_the_dataset(client, admin, counties):
    _t, secret = services.token_create(
        actor=admin, system="市平台", region=counties["city"], datasets=[DATASET]
    )
    url = f"/api/exchange/v1/datasets/{DATASET}"
    held = {r["id"] for r in client.get(url, **bearer(secret)).json()["rows"]}
    assert len(held) == 2
    since = "2000-01-01T00:00:00Z"
    repealed = NormativeDocument.objects.get(title="天镇县物业管理办法")
    NormativeDocument.objects.filter(pk=repealed.pk).update(repealed_on=dt.date(2026, 2, 1))
    changed = client.get(url, {"updated_since": since}, **bearer(secret)).json()["rows"]
    assert repealed.pk not in {r["id"] for r in changed}  # the rows endpoint cannot say it
    listed = client.get(f"{url}/ids", **bearer(secret)).json()
    assert listed["next"] is None
    assert held - set(listed["ids"]) == {repealed.pk}
    first = client.get(f"{url}/ids", {"limit": 1, "after": 0}, **bearer(secret)).json()
    assert len(first["ids"]) == 1 and first["next"] is None
    _c, county = services.token_create(
        actor=admin, system="阳高县平台", region=counties["yanggao"], datasets=[DATASET]
    )
    theirs = client.get(f"{url}/ids", **bearer(county)).json()["ids"]
    assert theirs == list(
        NormativeDocument.objects.filter(title="阳高县农村饮水管理办法").values_list(
            "pk", flat=True
        )
    )
    assert client.get(f"{url}/ids", {"limit": 10001}, **bearer(secret)).status_code == 422
    assert (
        client.get("/api/exchange/v1/datasets/plans.tasks/ids", **bearer(secret)).status_code == 404
    )


def test_open_data_csv_never_carries_a_formula_or_a_python_list(client, counties):
    from fazhi.exchange.public_views import csv_cell

    NormativeDocument.objects.filter(title="天镇县物业管理办法").update(
        title='=HYPERLINK("http://evil.example","点此")'
    )
    csv_body = b"".join(
        client.get(
            reverse("portal:exchange:dataset_download", args=[DATASET, "csv"])
        ).streaming_content
    ).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_body
    assert csv_cell(["public_participation", "legality_review"]) == (
        "public_participation;legality_review"
    )
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)" and csv_cell(-3) == -3 and csv_cell("天镇") == "天镇"
    json_body = b"".join(
        client.get(
            reverse("portal:exchange:dataset_download", args=[DATASET, "json"])
        ).streaming_content
    ).decode()
    assert '"=HYPERLINK' in json_body  # the JSON stays exact


def test_openapi_lists_the_token_refusals(client, admin):
    client.force_login(admin)
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/exchange/v1/datasets", "/api/exchange/v1/datasets/{key}/ids"):
        responses = paths[path]["get"]["responses"]
        assert {"401", "429"} <= responses.keys()
