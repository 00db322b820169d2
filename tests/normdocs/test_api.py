import datetime as dt

import pytest


@pytest.fixture
def corpus(register):
    return register(
        *(
            {
                "title": f"第{i}号复议办法",
                "doc_number": f"天政办发〔2024〕{i}号",
                "body": "第一条 行政复议。",
            }
            for i in range(1, 26)
        )
    )


def test_search_endpoint_is_public_and_paginated(client, corpus, query_count):
    with query_count("search"):
        response = client.get("/api/normdocs/search", {"q": "复议"})
    data = response.json()
    assert response.status_code == 200 and data["count"] == 25 and len(data["results"]) == 20
    assert (
        data["results"][0]["status"] == "in_force"
        and "<mark>复议</mark>" in data["results"][0]["snippet"]
    )
    assert (
        client.get("/api/normdocs/search", {"q": "复议", "page": 2}).json()["results"].__len__()
        == 5
    )


def test_search_endpoint_doc_number_and_errors(client, corpus):
    data = client.get("/api/normdocs/search", {"q": "天政办发[2024]3号"}).json()
    assert data["exact_doc_number"] and [r["doc_number"] for r in data["results"]] == [
        "天政办发〔2024〕3号"
    ]
    response = client.get("/api/normdocs/search", {"q": "x" * 101})
    assert response.status_code == 400 and response.json()["code"] == "normdocs.query_too_long"


def test_public_document_history(client, corpus, supervisor):
    from fazhi.normdocs import services

    services.normdoc_link(actor=supervisor, source=corpus[1], target=corpus[0], kind="amends")
    data = client.get(f"/api/normdocs/public/{corpus[0].pk}").json()
    assert (
        data["status"] == "amended" and data["amended_by"][0]["doc_number"] == "天政办发〔2024〕2号"
    )


def test_registry_endpoints_need_login_and_scope(client, corpus, reporter, supervisor, query_count):
    assert client.get("/api/normdocs/documents").status_code == 401
    client.force_login(reporter)
    with query_count("documents"):
        page = client.get("/api/normdocs/documents").json()
    assert len(page["items"]) == 20 and page["count"] == 25  # registered for the reporter's unit
    assert client.get("/api/normdocs/overdue").status_code == 403
    client.force_login(supervisor)
    with query_count("overdue"):
        assert client.get("/api/normdocs/overdue").status_code == 200


def test_draft_and_submit_via_api(client, reporter, drafting_unit, today):
    client.force_login(reporter)
    response = client.post(
        "/api/normdocs/documents",
        {"title": "草案", "issuer_id": drafting_unit.pk, "body": "第一条 正文。"},
        content_type="application/json",
    )
    assert response.status_code == 201
    doc_id = response.json()["id"]
    response = client.post(
        f"/api/normdocs/documents/{doc_id}/submit",
        {"submitted_on": dt.date.today().isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400 and "公开征求意见" in response.json()["message"]


def test_overdue_selector_lists_late_filings(published, supervisor, today):
    from fazhi.normdocs import selectors

    late = published(published_on=today - dt.timedelta(days=60))
    assert list(selectors.overdue_list(user=supervisor)) == [late]
    assert selectors.overdue_summary(user=supervisor)["filing_overdue"] == 1
