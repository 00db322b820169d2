"""The supervision statistics and the inspection-plan page on the kernel's page classes."""

from io import BytesIO
from urllib.parse import unquote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.models import AuditEvent
from fazhi.enforcement import services
from fazhi.enforcement.demo import generated_uscc
from fazhi.enforcement.models import InspectionDraw

pytestmark = pytest.mark.usefixtures("holidays")


def _file(officer_user, body, officers, n, **kw):
    return services.case_file(
        actor=officer_user,
        body=body,
        title=f"案件{n}",
        party_kind="organisation",
        party_name=f"企业{n}",
        party_uscc=generated_uscc(20000000 + n),
        officers=officers[:2],
        **kw,
    )


def test_supervision_export_is_the_declared_columns_and_is_audited(
    client, supervisor, officer_user, body, other_body, officers, today
):
    _file(officer_user, body, officers, 1, is_major=True)
    _file(officer_user, body, officers, 2)
    client.force_login(supervisor)
    response = client.get(reverse("enforcement:supervision"), {"format": "xlsx"})
    assert unquote(response["Content-Disposition"]).endswith(f"{today.year}年执法统计.xlsx")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == (
        "执法主体",
        "案件数",
        "已决定",
        "处罚",
        "罚款(元)",
        "重大案件",
        "已法制审核",
        "超期环节",
        "免罚轻罚",
        "抽查数",
        "已检查",
    )
    by_body = {r[0]: r for r in rows[1:]}
    assert by_body["天镇县市场监督管理局"][1:2] + by_body["天镇县市场监督管理局"][5:6] == ("2", "1")
    assert by_body["天镇县生态环境局"][1] == "0"
    # The hand-written export was not in the audit trail; the list view's is.
    event = AuditEvent.objects.filter(action="core.export").get()
    assert event.object_repr == f"{today.year}年执法统计" and event.after["rows"] == 2


def test_supervision_year_filter_and_sort_by_a_figure(
    client, supervisor, officer_user, body, other_body, officers, today
):
    _file(officer_user, body, officers, 1)
    client.force_login(supervisor)
    page = client.get(reverse("enforcement:supervision"), {"sort": "-total"}).content.decode()
    assert page.index("天镇县市场监督管理局") < page.index("天镇县生态环境局")
    page = client.get(reverse("enforcement:supervision"), {"sort": "total"}).content.decode()
    assert page.index("天镇县生态环境局") < page.index("天镇县市场监督管理局")
    last_year = client.get(reverse("enforcement:supervision"), {"year": today.year - 1})
    html = last_year.content.decode()
    assert f'value="{today.year - 1}"' in html
    assert f'?body={body.pk}&year={today.year - 1}">0<' in html


@pytest.fixture
def plan(officer_user, body, officers):
    services.target_import(
        actor=officer_user,
        rows=[(generated_uscc(10000000 + i), f"企业{i}", "食品销售", "") for i in range(40)],
    )
    return services.plan_create(
        actor=officer_user, body=body, title="抽查", year=2026, scope="x", ratio_bp=1000
    )


def test_plan_page_offers_the_draw_steps_to_its_members_only(
    client, plan, officer_user, make_user, other_body
):
    from fazhi.core.choices import Role

    url = reverse("enforcement:plan_detail", args=[plan.pk])
    outsider = make_user(Role.OFFICER, unit=other_body.unit)
    outsider.roles = [Role.OFFICER, Role.SUPERVISOR]
    outsider.save()
    client.force_login(outsider)
    assert "commit-draw" not in client.get(url).content.decode()
    # Posting the step anyway is refused before the service runs, and nothing is written.
    response = client.post(reverse("enforcement:draw_commit", args=[plan.pk]))
    assert response.status_code == 403 and not InspectionDraw.objects.exists()
    client.force_login(officer_user)
    assert "commit-draw" in client.get(url).content.decode()


def test_a_refused_step_is_shown_on_the_plan_page(client, plan, officer_user):
    client.force_login(officer_user)
    client.post(reverse("enforcement:draw_commit", args=[plan.pk]))
    client.post(reverse("enforcement:draw_reveal", args=[plan.pk]))
    # Nothing recorded yet: publishing is refused on the page itself, not after a redirect.
    response = client.post(reverse("enforcement:draw_publish", args=[plan.pk]))
    assert response.status_code == 200
    assert "没有待公示的检查结果" in response.content.decode()
    assert 'id="step-refused"' in response.content.decode()
    assert not InspectionDraw.objects.get().visits.filter(result_published_on__isnull=False)
