"""The API answers out-of-range numbers with a 422 in the one error shape, never a 500, and its
OpenAPI document lists every status it returns."""

import pytest

SHAPE = {"code", "message", "fields"}
OUT_OF_RANGE = [
    "/api/disputes/statistics/0",
    "/api/disputes/statistics/99999999999999999999",
    "/api/enforcement/cases?offset=9223372036854775808",
    "/api/plans/tasks?offset=9223372036854775808",
    "/api/disputes/reconsiderations?page=9223372036854775808",
    "/api/normdocs/search?year=10000",
]


@pytest.mark.parametrize("url", OUT_OF_RANGE)
def test_out_of_range_number_is_a_422_with_the_error_shape(client, supervisor, url):
    anonymous = client.get(url)
    assert anonymous.status_code in (401, 422) and set(anonymous.json()) == SHAPE
    client.force_login(supervisor)
    response = client.get(url)
    assert response.status_code == 422, response.content
    body = response.json()
    assert set(body) == SHAPE and body["code"] == "invalid"


def test_openapi_lists_every_error_status_for_every_operation(client, supervisor):
    client.force_login(supervisor)
    schema = client.get("/api/openapi.json").json()
    assert "Error" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = {str(c) for c in operation["responses"]}
            assert any(c.startswith("2") for c in codes), (path, method)
            assert {"400", "401", "403", "404", "409", "422"} <= codes, (path, method)


ROW_ID_OUT_OF_RANGE = [
    ("get", "/api/plans/tasks/0", "task_id"),
    ("get", "/api/plans/notices/0", "notice_id"),
    ("get", "/api/plans/tasks?unit=-1", "unit"),
    ("get", "/api/plans/tasks?year=10000", "year"),
    ("get", "/api/plans/dashboard?plan=0", "plan"),
    ("get", "/api/enforcement/cases/-9", "case_id"),
    ("get", "/api/enforcement/draws/0/verify", "draw_id"),
    ("get", "/api/normdocs/public/-5", "doc_id"),
    ("get", "/api/disputes/reconsiderations?respondent=0", "respondent"),
    ("post", "/api/enforcement/cases/1/actions/accept", "version"),
    ("post", "/api/plans/reports/1/review", "version"),
    ("post", "/api/plans/notices/1/reply", "version"),
    ("post", "/api/enforcement/cases/1/actions/explode", "action"),
]
BODIES = {
    "/api/enforcement/cases/1/actions/accept": {"version": 2**31},
    "/api/plans/reports/1/review": {"decision": "accept", "version": 0},
    "/api/plans/notices/1/reply": {"reply": "已整改", "version": -1},
    "/api/enforcement/cases/1/actions/explode": {},
}


@pytest.mark.django_db
@pytest.mark.parametrize("method,url,field", ROW_ID_OUT_OF_RANGE)
def test_an_id_or_version_out_of_range_is_refused_naming_the_field(
    client, supervisor, method, url, field
):
    """Ids are bigint primary keys from 1, versions positive 32-bit: anything else is a 422 on
    the field before any lookup, and nothing is written."""
    from fazhi.core.models import AuditEvent

    client.force_login(supervisor)
    before = AuditEvent.objects.count()
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, BODIES[url], content_type="application/json")
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid" and field in " ".join(body["fields"]), body
    assert AuditEvent.objects.count() == before


def test_openapi_states_the_bounds_of_ids_and_versions(client, supervisor):
    client.force_login(supervisor)
    schema = client.get("/api/openapi.json").json()
    task = schema["paths"]["/api/plans/tasks/{task_id}"]["get"]["parameters"][0]["schema"]
    assert (task["minimum"], task["maximum"]) == (1, 2**53)
    action = schema["components"]["schemas"]["ActionIn"]["properties"]["version"]
    bounds = [(s.get("minimum"), s.get("maximum")) for s in action["anyOf"] if "minimum" in s]
    assert bounds == [(1, 2**31 - 1)]
    operation = schema["paths"]["/api/enforcement/cases/{case_id}/actions/{action}"]["post"]
    action = next(p for p in operation["parameters"] if p["name"] == "action")
    assert "serve" in str(action["schema"]) and "close" in str(action["schema"])
