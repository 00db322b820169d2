"""Plan import (.docx) and progress import (.xlsx): hostile files get a clear refusal, nothing is
saved, and no parser runs on a bomb."""

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.plans.models import PlanImport, ProgressReport
from tests import hostile

XLSX = hostile.hostile_xlsx()
DOCX = hostile.hostile_docx()


@pytest.mark.parametrize(("case", "name", "maker"), XLSX, ids=[c[0] for c in XLSX])
def test_progress_import_refuses_hostile_workbooks(
    client, mini_plan, judicial_reporter, case, name, maker
):
    client.force_login(judicial_reporter)
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("plans:ledger_import"), {"file": hostile.upload(name, maker())}, follow=True
    )
    assert response.status_code in (200, 400)
    assert f"文件“{name}”:" in response.content.decode()
    assert ProgressReport.objects.count() == 0
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(("case", "name", "maker"), DOCX, ids=[c[0] for c in DOCX])
def test_plan_import_refuses_hostile_documents(
    client, directory, holidays, office, case, name, maker
):
    client.force_login(office)
    response = client.post(reverse("plans:plan_import"), {"file": hostile.upload(name, maker())})
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert f"文件“{name}”:" in html or "已损坏" in html
    assert PlanImport.objects.count() == 0
