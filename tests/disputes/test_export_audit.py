"""Exporting a list of applicants (personal data) to Excel is recorded in the audit trail."""

from django.urls import reverse

from fazhi.core.models import AuditEvent


def test_excel_export_of_applicants_is_audited(client, clerk, received_case):
    client.force_login(clerk)
    response = client.get(reverse("disputes:reconsideration_list"), {"format": "xlsx", "q": "张"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    event = AuditEvent.objects.get(action="core.export")
    assert event.actor_id == clerk.pk
    assert event.after == {"rows": 1, "filters": {"format": "xlsx", "q": "张"}}
