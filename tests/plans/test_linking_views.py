"""The linking page, the ledger's 未落实的上级措施, and the API read of the links."""

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.plans import linking
from fazhi.plans.models import Plan, Task

from .test_linking import import_reference, measure, task

URL = reverse("plans:link_board")


@pytest.fixture
def city_plan(mini_plan):
    return import_reference()


def post(client, action: str, plan: Plan, reference: Plan, **data):
    query = f"?plan={plan.pk}&reference={reference.pk}&action={action}"
    return client.post(URL + query, data, follow=True)


def test_the_office_confirms_the_issuer_then_a_suggestion_then_undoes_it(
    client, mini_plan, city_plan, office
):
    client.force_login(office)
    page = client.get(URL).content.decode()
    # The plan names 大同市: offered, not applied.
    assert "尚未指定发文区划" in page and 'value="140200" selected' in page
    assert Plan.objects.get(pk=city_plan.pk).issuing_region_id is None
    done = post(client, "region", mini_plan, city_plan, region_code="140200")
    assert "已指定《大同市2026年法治政府建设工作要点》的发文区划:大同市" in done.content.decode()

    target = measure(city_plan, 1)
    page = client.get(URL, {"measure": target.pk}).content.decode()
    assert 'data-open="4"' in page
    first = task(mini_plan, "(一)-1")
    candidates = page.split('id="candidates"')[1].split("</ul>")[0]
    assert f'data-task="{first.pk}"' in candidates and "证明事项清单" in candidates
    done = post(
        client,
        "link",
        mini_plan,
        city_plan,
        task_id=first.pk,
        version=first.version,
        measure_id=target.pk,
    )
    body = done.content.decode()
    assert "已对应:任务(一)-1" in body and 'data-open="3"' in body
    linked = body.split('id="linked"')[1].split("</ul>")[0]
    assert f'data-task="{first.pk}"' in linked

    first.refresh_from_db()
    done = post(
        client,
        "unlink",
        mini_plan,
        city_plan,
        task_id=first.pk,
        version=first.version,
        measure_id=target.pk,
    )
    assert "已取消对应:任务(一)-1" in done.content.decode()
    assert not first.implements.exists()


def test_a_refusal_is_shown_on_the_page_and_writes_nothing(client, mini_plan, city_plan, office):
    client.force_login(office)
    first = task(mini_plan, "(一)-1")
    events = AuditEvent.objects.count()
    done = post(
        client,
        "link",
        mini_plan,
        city_plan,
        task_id=first.pk,
        version=first.version,
        measure_id=measure(city_plan, 1).pk,
    )
    assert done.status_code == 200
    assert "尚未指定发文区划" in done.content.decode()
    assert not first.implements.exists() and AuditEvent.objects.count() == events
    # A stale page: the version the office saw is older than the task's.
    linking.reference_plan_set_region(actor=office, plan_id=city_plan.pk, region_code="140200")
    Task.objects.filter(pk=first.pk).update(version=first.version + 1)
    done = post(
        client,
        "link",
        mini_plan,
        city_plan,
        task_id=first.pk,
        version=first.version,
        measure_id=measure(city_plan, 1).pk,
    )
    assert "已被他人修改" in done.content.decode() and not first.implements.exists()
    # A tampered form is a message, never a 500.
    done = post(client, "link", mini_plan, city_plan, task_id="x", version="", measure_id="")
    assert done.status_code == 200 and "请求不完整" in done.content.decode()


def test_units_and_leaders_may_not_link(client, mini_plan, city_plan, judicial_reporter, leader):
    for user in (judicial_reporter, leader):
        client.force_login(user)
        assert client.get(URL).status_code == 403
    first = task(mini_plan, "(一)-1")
    client.force_login(judicial_reporter)
    response = client.post(
        f"{URL}?plan={mini_plan.pk}&reference={city_plan.pk}&action=link",
        {"task_id": first.pk, "version": first.version, "measure_id": measure(city_plan, 1).pk},
    )
    assert response.status_code == 403 and not first.implements.exists()


def test_without_a_reference_plan_the_page_says_how_to_get_one(client, mini_plan, office):
    client.force_login(office)
    page = client.get(URL).content.decode()
    assert 'id="no-reference"' in page and "作为参照方案导入" in page


def test_the_ledger_counts_open_city_measures_and_shows_what_each_task_implements(
    client, mini_plan, city_plan, office, judicial_reporter
):
    linking.reference_plan_set_region(actor=office, plan_id=city_plan.pk, region_code="140200")
    client.force_login(office)
    ledger = reverse("plans:task_list")
    page = client.get(ledger, {"plan": mini_plan.pk}).content.decode()
    assert 'id="open-measures"' in page and 'data-open-count="4"' in page
    first = task(mini_plan, "(三)-1")
    target = measure(city_plan, 3)
    linking.task_link(actor=office, task_id=first.pk, version=first.version, measure_id=target.pk)
    page = client.get(ledger, {"plan": mini_plan.pk}).content.decode()
    assert 'data-open-count="3"' in page
    row = page.split(f'data-task="{first.pk}"')[1].split("</tr>")[0]
    assert "落实" in row and "(三)加强领导干部法治培训" in row
    # A unit reporter's ledger has no such section.
    client.force_login(judicial_reporter)
    assert 'id="open-measures"' not in client.get(ledger).content.decode()


def test_the_api_reads_the_links_and_the_open_measures(
    client, mini_plan, city_plan, office, market_reporter
):
    linking.reference_plan_set_region(actor=office, plan_id=city_plan.pk, region_code="140200")
    first = task(mini_plan, "(一)-1")
    target = measure(city_plan, 1)
    linking.task_link(actor=office, task_id=first.pk, version=first.version, measure_id=target.pk)
    client.force_login(office)
    data = client.get("/api/plans/links", {"plan": mini_plan.pk}).json()
    assert data["count"] == 1
    assert data["items"][0] == {
        "task_id": first.pk,
        "task_code": "(一)-1",
        "plan_id": mini_plan.pk,
        "measure_id": target.pk,
        "measure_code": "(一)",
        "measure_title": target.title,
        "reference_plan_id": city_plan.pk,
        "reference_plan_title": "大同市2026年法治政府建设工作要点",
        "issuing_region": "140200",
    }
    open_measures = client.get("/api/plans/reference-measures/open").json()
    assert [m["code"] for m in open_measures["items"]] == ["(二)", "(三)", "(四)"]
    assert client.get("/api/plans/reference-measures/open", {"region": "14"}).status_code == 422
    # A unit sees the links of the tasks it owes only.
    client.force_login(market_reporter)
    assert client.get("/api/plans/links").json()["count"] == 1
    task_3 = task(mini_plan, "(三)-1")
    linking.task_link(
        actor=office, task_id=task_3.pk, version=task_3.version, measure_id=measure(city_plan, 3).pk
    )
    assert client.get("/api/plans/links").json()["count"] == 1
