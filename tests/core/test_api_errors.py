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
