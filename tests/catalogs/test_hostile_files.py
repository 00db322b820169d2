"""The catalog import refuses hostile and damaged files with a clear message, saving nothing."""

import pytest
from django.urls import reverse

from fazhi.catalogs.models import CatalogItem, CatalogVersion
from fazhi.core.models import AuditEvent
from tests import hostile

REASONS = {
    "bomb": "疑似压缩炸弹",
    "png": "内容是PNG 图片,不是Excel(.xlsx)文件",
    "docx": "内容是Word(.docx),不是Excel(.xlsx)文件",
    "truncated": "压缩结构已损坏",
}
CASES = hostile.hostile_xlsx()


@pytest.mark.parametrize(("case", "name", "maker"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file_is_refused_by_reason_and_nothing_is_saved(
    client, office, body, case, name, maker
):
    client.force_login(office)
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("catalogs:import"),
        {
            "file": hostile.upload(name, maker()),
            "kind": "approval",
            "body": body.pk,
            "year": 2023,
        },
    )
    assert response.status_code == 200
    assert REASONS[case] in response.content.decode()
    assert not CatalogVersion.objects.exists()
    assert not CatalogItem.objects.exists()
    assert AuditEvent.objects.count() == events
