import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.choices import Role
from fazhi.plans.models import ProgressReport, Task

from .conftest import unit


def test_task_list_endpoint_is_scoped_and_constant_in_queries(client, seed_plan, office, make_user):
    client.force_login(office)
    client.get("/api/plans/tasks", {"limit": 1})  # fills the caches (holiday table, periods)
    with CaptureQueriesContext(connection) as small:
        data = client.get("/api/plans/tasks", {"limit": 5}).json()
    assert data["count"] == 32 and len(data["items"]) == 5
    with CaptureQueriesContext(connection) as large:
        data = client.get("/api/plans/tasks", {"limit": 32}).json()
    assert len(large) == len(small) <= 6
    assert {i["status"] for i in data["items"]} <= {
        "not_started",
        "on_track",
        "due_soon",
        "overdue",
        "done",
    }
    reporter = make_user(Role.REPORTER, unit=unit("天镇县应急管理局"))
    client.force_login(reporter)
    owned = client.get("/api/plans/tasks").json()
    assert owned["count"] == Task.objects.filter(owners__unit=reporter.unit).distinct().count() > 0


def test_dashboard_endpoint(client, seed_plan, leader):
    client.force_login(leader)
    data = client.get("/api/plans/dashboard").json()
    assert data["doc_number"] == "天发〔2022〕42号" and data["total"] == 32
    assert sum(data["totals"].values()) == 32


def test_report_and_review_through_the_api(client, mini_plan, judicial_reporter, office):
    task = Task.objects.get(measure__plan=mini_plan, measure__number=3)
    client.force_login(judicial_reporter)
    created = client.post(
        f"/api/plans/tasks/{task.pk}/reports",
        {"text": "已培训", "percent_done": 20},
        content_type="application/json",
    )
    assert created.status_code == 201
    refused = client.post(
        f"/api/plans/reports/{created.json()['id']}/review",
        {"decision": "accept"},
        content_type="application/json",
    )
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    client.force_login(office)
    accepted = client.post(
        f"/api/plans/reports/{created.json()['id']}/review",
        {"decision": "accept"},
        content_type="application/json",
    )
    assert accepted.json()["status"] == "accepted"


@pytest.mark.parametrize("percent", [-1, 101])
def test_api_validation_writes_nothing(client, mini_plan, judicial_reporter, percent):
    task = Task.objects.get(measure__plan=mini_plan, measure__number=3)
    client.force_login(judicial_reporter)
    response = client.post(
        f"/api/plans/tasks/{task.pk}/reports",
        {"text": "x", "percent_done": percent},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert ProgressReport.objects.count() == 0
