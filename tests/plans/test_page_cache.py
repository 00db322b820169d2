"""The dashboard, the ledger and a unit's page come from the page cache, and every write is
visible on the next view."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.plans import services
from fazhi.plans.models import Task

PAGES = ["plans:dashboard", "plans:task_list"]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.FAZHI_PAGE_CACHE = True


def _queries(client, url) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


@pytest.mark.parametrize("name", PAGES)
def test_a_second_view_reads_no_plan_rows(client, demo, office, name):
    client.force_login(office)
    url = reverse(name)
    _body, first = _queries(client, url)
    _body, again = _queries(client, url)
    assert again < first
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    assert not any("plans_" in q["sql"] for q in captured.captured_queries)


def test_a_service_write_shows_on_the_next_ledger_view(
    client, demo, office, django_capture_on_commit_callbacks
):
    client.force_login(office)
    task = Task.objects.filter(measure__plan=demo).order_by("measure__position", "position")[0]
    url = reverse("plans:task_list")
    assert "改过的任务内容" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.task_update(actor=office, task=task, version=task.version, text="改过的任务内容")
    assert "改过的任务内容" in client.get(url).content.decode()


def test_an_edit_through_the_page_shows_on_the_dashboard_and_ledger(
    client, demo, office, django_capture_on_commit_callbacks
):
    client.force_login(office)
    task = Task.objects.filter(measure__plan=demo, completed_on__isnull=True).first()
    dashboard, ledger = reverse("plans:dashboard"), reverse("plans:task_list")
    client.get(dashboard), client.get(ledger)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("plans:task_detail", args=[task.pk]) + "?action=edit",
            {"edit-version": task.version, "edit-text": "页面上修改的任务", "edit-note": ""},
        )
    assert response.status_code == 302
    # The redirected page carries the success message: rendered afresh, not stored.
    assert "任务已保存" in client.get(response["Location"]).content.decode()
    assert "页面上修改的任务" in client.get(ledger).content.decode()
    assert client.get(dashboard).status_code == 200


def test_a_finished_task_moves_on_the_dashboard(
    client, demo, office, django_capture_on_commit_callbacks
):
    client.force_login(office)
    url = reverse("plans:dashboard")
    done = client.get(url).context["totals"]["done"]
    task = Task.objects.filter(measure__plan=demo, completed_on__isnull=True).first()
    with django_capture_on_commit_callbacks(execute=True):
        Task.objects.filter(pk=task.pk).update(completed_on=task.created_at.date())
    assert client.get(url).context["totals"]["done"] == done + 1


def test_users_never_see_each_others_pages(client, demo, office, judicial_reporter):
    url = reverse("plans:task_list")
    client.force_login(office)
    client.get(url)
    client.force_login(judicial_reporter)
    response = client.get(url)
    assert response.context is not None  # rendered for this user, not the office's page
    page = response.content.decode()
    assert judicial_reporter.display_name in page and office.display_name not in page


def test_someone_signing_in_keeps_the_pages(
    client, demo, office, judicial_reporter, django_capture_on_commit_callbacks
):
    from django.test import Client

    from tests.factories import PASSWORD

    # The fixtures' writes never commit in a test; committing one more runs their bump now.
    with django_capture_on_commit_callbacks(execute=True):
        office.save(update_fields=["full_name"])
    client.force_login(office)
    url = reverse("plans:task_list")
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in = Client().post(
            "/login/", {"username": judicial_reporter.username, "password": PASSWORD}
        )
    assert signed_in.status_code == 302
    # The sign-in wrote its time and an audit event: neither is on the ledger.
    assert client.get(url).context is None
