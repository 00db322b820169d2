import pytest
from django.test import Client

from fazhi.core import audit
from fazhi.core.choices import Role, UnitKind
from fazhi.core.models import OrgUnit, UnitAlias
from tests.factories import PASSWORD, RegionFactory


def test_pages_require_login(client, db):
    for url in ("/", "/core/units/", "/core/audit/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_api_requires_login(client, db):
    response = client.get("/api/core/units")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_reporter_cannot_see_audit_trail(client, make_user):
    reporter = make_user(Role.REPORTER)
    client.force_login(reporter)
    response = client.get("/core/audit/")
    assert response.status_code == 403
    assert "SM3" not in response.content.decode()


def test_supervisor_browses_audit_trail_of_an_object(client, supervisor):
    from django.db import transaction

    with transaction.atomic():
        audit.record(
            actor=supervisor,
            action="x.one",
            object_type="plans.task",
            object_id="7",
            object_repr="任务七",
        )
        audit.record(
            actor=supervisor,
            action="x.two",
            object_type="plans.task",
            object_id="8",
            object_repr="任务八",
        )
    client.force_login(supervisor)
    body = client.get("/core/audit/?object_type=plans.task&object_id=7").content.decode()
    assert "任务七" in body and "任务八" not in body


def test_directory_search_by_alias(client, make_user):
    region = RegionFactory()
    unit = OrgUnit.objects.create(
        name="天镇县发展和改革局", kind=UnitKind.GOVERNMENT_DEPARTMENT, region=region
    )
    UnitAlias.objects.create(unit=unit, name="县发改委")
    OrgUnit.objects.create(name="天镇县司法局", kind=UnitKind.GOVERNMENT_DEPARTMENT, region=region)
    client.force_login(make_user(Role.REPORTER))
    body = client.get("/core/units/?q=发改委").content.decode()
    assert "天镇县发展和改革局" in body and "天镇县司法局" not in body


def test_directory_page_query_count_is_constant(client, make_user, django_assert_max_num_queries):
    region = RegionFactory()
    OrgUnit.objects.bulk_create(
        [
            OrgUnit(
                name=f"天镇县测试单位{i:04d}", kind=UnitKind.GOVERNMENT_DEPARTMENT, region=region
            )
            for i in range(300)
        ]
    )
    client.force_login(make_user(Role.LEADER))
    with django_assert_max_num_queries(12):
        response = client.get("/core/units/?page=2")
    assert response.status_code == 200


def test_directory_excel_export(client, directory, make_user):
    import io

    from openpyxl import load_workbook

    client.force_login(make_user(Role.LEADER))
    response = client.get("/core/units/?format=xlsx&q=司法局")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "单位全称"
    assert any(row[0].value == "天镇县司法局" for row in ws.iter_rows(min_row=2))


def test_login_lockout_after_five_failures(db, make_user):
    user = make_user(Role.REPORTER)
    client = Client()
    for _ in range(5):
        client.post("/login/", {"username": user.username, "password": "wrong"})
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "锁定" in response.content.decode()


def test_login_works_and_sets_security_headers(db, make_user):
    user = make_user(Role.REPORTER)
    client = Client()
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    page = client.get("/core/units/")
    assert "default-src 'self'" in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"
    assert page["Cache-Control"] == "no-store"


def test_csrf_enforced_on_login(db, make_user):
    user = make_user(Role.REPORTER)
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 403


def test_deadline_api(client, holidays, make_user):
    client.force_login(make_user(Role.REPORTER))
    data = client.get("/api/core/deadline?start=2026-02-10&days=5&working=true").json()
    assert data["due"] == "2026-02-24" and data["provisional"] is False


@pytest.mark.parametrize("name", ["'; DROP TABLE core_orgunit; --", "<script>alert(1)</script>"])
def test_hostile_search_strings_are_harmless(client, make_user, name):
    client.force_login(make_user(Role.REPORTER))
    response = client.get("/core/units/", {"q": name})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert OrgUnit.objects.exists()


@pytest.mark.parametrize(
    ("root", "target"),
    [
        ("/plans/", "/plans/overview/"),
        ("/normdocs/", "/normdocs/documents/"),
        ("/enforcement/", "/enforcement/cases/"),
        ("/disputes/", "/disputes/reconsiderations/"),
    ],
)
def test_app_roots_lead_to_their_main_page(client, leader, root, target):
    client.force_login(leader)
    response = client.get(root)
    assert response.status_code in (301, 302) and response["Location"] == target
