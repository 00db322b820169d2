"""The kernel's pages and messages in English; the data (unit names) stays Chinese."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone, translation

from fazhi.core import audit
from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role
from fazhi.core.errors import ApplicationError, NotFound, PermissionDenied
from fazhi.core.models import OrgUnit
from fazhi.core.templatetags.fazhi import days_left, deadline_badge


def english(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def test_unit_directory_in_english(client, directory, leader):
    body = english(client, leader).get("/core/units/").content.decode()
    assert '<html lang="en">' in body
    for label in ("Unit Directory", "Full name of unit", "Short names / aliases", "Unit groups"):
        assert label in body
    assert "Government department" in body  # a unit type
    assert "Log out" in body and "Rule-of-Law Government Supervision Platform" in body
    for chinese in ("单位名录", "单位全称", "简称/别名", "全部类别", "退出", "政府部门"):
        assert chinese not in body
    assert "天镇县司法局" in body  # unit names are data


def test_unit_detail_in_english(client, directory, supervisor):
    unit = OrgUnit.objects.get(name="天镇县司法局")
    body = english(client, supervisor).get(f"/core/units/{unit.pk}/").content.decode()
    assert "Administrative region" in body and "Change history" in body
    assert "行政区划" not in body and "变更记录" not in body
    assert "天镇县司法局" in body


def test_audit_trail_in_english(client, supervisor):
    from django.db import transaction

    with transaction.atomic():
        audit.record(actor=supervisor, action="x.one", object_type="plans.task", object_id="7")
    # Signing in is audited too: filter to the one event so the count reads "1 entry".
    body = english(client, supervisor).get("/core/audit/?object_type=plans.task").content.decode()
    assert "Audit Trail" in body and "Operator" in body and "1 entry" in body
    assert "审计记录" not in body and "操作人" not in body and "共 1 条" not in body
    assert "年" not in body.split('id="audit"')[1]  # the time is not in the Chinese date format


def test_excel_export_follows_the_interface_language(client, directory, leader):
    import io

    from openpyxl import load_workbook

    response = english(client, leader).get("/core/units/?format=xlsx&q=司法局")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[1]] == [
        "Full name of unit",
        "Type",
        "Short names / aliases",
        "Groups",
    ]
    assert any(row[0].value == "天镇县司法局" for row in ws.iter_rows(min_row=2))


def test_login_page_and_role_labels_in_english(db, make_user):
    client = Client()
    client.cookies["django_language"] = "en"
    body = client.get("/login/").content.decode()
    assert "User name" in body and "Password" in body and "登录" not in body
    user = make_user(Role.SUPERVISOR, Role.REVIEWER)
    with translation.override("en"):
        assert user.role_labels() == ["Rule-of-law office (supervisor)", "Legality reviewer"]
    assert user.role_labels() == ["依法治县办(监督)", "合法性审核员"]


def test_deadline_badges_in_english():
    today = timezone.localdate()
    with translation.override("en"):
        assert days_left(today + dt.timedelta(days=1)) == "1 day left"
        assert days_left(today + dt.timedelta(days=5)) == "5 days left"
        assert days_left(today) == "Due today"
        assert days_left(today - dt.timedelta(days=3)) == "3 days overdue"
        badge = deadline_badge(today, provisional=True)
        assert "Provisional" in badge and "暂定" not in badge
        assert "Completed" in deadline_badge(today, done=True)
    assert days_left(today + dt.timedelta(days=5)) == "还剩 5 天"
    assert days_left(today - dt.timedelta(days=3)) == "已逾期 3 天"


def test_service_errors_in_english(directory, make_user):
    from fazhi.core import selectors, services

    reporter = make_user(Role.REPORTER)
    unit = OrgUnit.objects.get(name="天镇县司法局")
    with translation.override("en"):
        with pytest.raises(PermissionDenied) as denied:
            services.unit_alias_add(actor=reporter, unit=unit, name="司法局")
        assert denied.value.message == "Only the rule-of-law office can maintain the unit directory"
        with pytest.raises(NotFound) as missing:
            selectors.unit_get_for_user(user=reporter, unit_id=0)
        assert missing.value.message == "The unit does not exist"
        with pytest.raises(ApplicationError) as empty:
            services.unit_alias_add(actor=SYSTEM, unit=unit, name="  ")
        assert empty.value.message == "The alias cannot be empty"
    with pytest.raises(ApplicationError, match="别名不能为空"):
        services.unit_alias_add(actor=SYSTEM, unit=unit, name="  ")


def test_sidebar_chapters_and_public_portal_in_english(client, supervisor):
    body = english(client, supervisor).get("/core/units/").content.decode()
    assert "General" in body and ">基础<" not in body
    public = Client()
    public.cookies["django_language"] = "en"
    page = public.get("/public/").content.decode()
    assert "Public Information" in page and "Tianzhen County People's Government" in page
    assert ">公开查询</h1>" not in page and "天镇县人民政府" not in page
