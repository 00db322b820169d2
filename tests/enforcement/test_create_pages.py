"""The app's create pages (officer, training, body, case, plan) on the kernel's create page:
who may open them, what a refusal looks like, and that nothing is written when it is refused."""

import pytest
from django.urls import reverse
from stdnum.cn import ric

from fazhi.core.models import AuditEvent
from fazhi.enforcement.models import EnforcementBody, Officer, TrainingSession
from tests.factories import UnitFactory

pytestmark = pytest.mark.usefixtures("holidays")


def with_check(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")


def test_officer_page_names_the_body_and_creates_an_audited_officer(client, officer_user, body):
    client.force_login(officer_user)
    page = client.get(reverse("enforcement:officer_create")).content.decode()
    assert "新增执法人员" in page and body.unit.name in page
    assert '<span class="text-danger" aria-hidden="true">*</span>' in page  # 姓名 is required
    response = client.post(
        reverse("enforcement:officer_create"),
        {"full_name": "李老", "resident_id": with_check("14022219800101123"), "position": ""},
    )
    officer = Officer.objects.get(full_name="李老")
    assert officer.body == body
    assert response["Location"] == reverse("enforcement:officer_detail", args=[officer.pk])
    assert AuditEvent.objects.filter(object_id=str(officer.pk), action__contains="officer").exists()


def test_officer_page_puts_a_refused_id_on_its_field_and_writes_nothing(client, officer_user, body):
    client.force_login(officer_user)
    response = client.post(
        reverse("enforcement:officer_create"),
        {"full_name": "未来", "resident_id": with_check("14022230000101123")},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="resident_id" value="' in page and "is-invalid" in page
    assert not Officer.objects.filter(full_name="未来").exists()


def test_officer_page_is_closed_to_a_user_of_a_unit_that_is_no_body(client, make_user):
    from fazhi.core.choices import Role

    client.force_login(make_user(Role.OFFICER, unit=UnitFactory(name="天镇县教育局")))
    response = client.get(reverse("enforcement:officer_create"))
    assert response.status_code == 403
    assert "只能维护本单位的执法人员" in response.content.decode()


def test_training_is_recorded_by_the_justice_bureau_only(client, officer_user, reviewer):
    url = reverse("enforcement:training_session_create")
    client.force_login(officer_user)
    assert client.get(url).status_code == 403
    client.force_login(reviewer)
    response = client.post(
        url,
        {"course": "行政处罚法", "held_on": "2026-11-20", "hours": "8", "organiser": "县司法局"},
    )
    assert response["Location"] == reverse("enforcement:officer_list")
    assert TrainingSession.objects.filter(course="行政处罚法").count() == 1


def test_body_is_created_by_the_supervisor_only(client, officer_user, supervisor):
    unit = UnitFactory(name="天镇县应急管理局")
    url = reverse("enforcement:body_create")
    client.force_login(officer_user)
    assert client.post(url, {"unit": unit.pk, "case_prefix": "天应急罚"}).status_code == 403
    assert not EnforcementBody.objects.filter(unit=unit).exists()
    client.force_login(supervisor)
    response = client.post(url, {"unit": unit.pk, "case_prefix": "天应急罚"})
    created = EnforcementBody.objects.get(unit=unit)
    assert response["Location"] == reverse("enforcement:body_detail", args=[created.pk])


def test_case_page_shows_the_numbering_and_its_note(client, officer_user, body, officers):
    client.force_login(officer_user)
    page = client.get(reverse("enforcement:case_create")).content.decode()
    assert "案件编号自动生成(天市监罚〔年度〕序号号)" in page
    assert "承办人员须持有有效执法证且不少于两人" in page
    assert ">立案</button>" in page


def test_plan_page_offers_only_the_user_s_joint_bodies_and_leads_with_its_own(
    client, officer_user, body, other_body
):
    client.force_login(officer_user)
    page = client.get(reverse("enforcement:plan_create")).content.decode()
    assert "牵头部门:天镇县市场监督管理局" in page
    assert f'<option value="{other_body.pk}">' in page
    assert f'<option value="{body.pk}">' not in page
