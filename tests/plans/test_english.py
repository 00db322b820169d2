"""The plans pages and messages in English; Chinese stays the default and the ledger stays Chinese."""

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from fazhi.core.errors import ApplicationError
from fazhi.plans import services
from fazhi.plans.excel import HEADERS, ledger_workbook
from fazhi.plans.models import Task


def english(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.django_db
def test_task_ledger_in_english(client, mini_plan, office):
    body = english(client, office).get(reverse("plans:task_list")).content.decode()
    assert '<html lang="en">' in body
    for label in (
        "Task Ledger",
        "Export ledger (Excel)",
        "Lead/responsible units",
        "Next deadline",
    ):
        assert label in body, label
    for label in ("任务台账", "导出台账", "牵头/责任单位", "下一节点", "全部状态", "筛选"):
        assert label not in body, label
    # Data stays as the plan wrote it.
    assert "县司法局" in body


@pytest.mark.django_db
def test_task_page_in_english(client, mini_plan, office):
    task = Task.objects.filter(measure__plan=mini_plan).order_by("measure__position").first()
    body = english(client, office).get(reverse("plans:task_detail", args=[task.pk])).content
    body = body.decode()
    for label in ("Task Ledger", "Deadlines", "Progress reports", "No reports yet", "Supervision"):
        assert label in body, label
    for label in ("时间节点", "进展填报", "尚无填报", "完成时限", "催办记录", "Y年"):
        assert label not in body, label
    assert "Lead unit" in body and "牵头单位" not in body


@pytest.mark.django_db
def test_dashboard_charts_and_dates_in_english(client, mini_plan, office):
    response = english(client, office).get(reverse("plans:dashboard"))
    body = response.content.decode()
    assert "Supervision Overview" in body and "督办总览" not in body
    timeline = json.dumps(response.context["timeline_chart"], ensure_ascii=False)
    assert "Not yet due" in timeline and "未到期" not in timeline
    pie = json.dumps(response.context["pie"], ensure_ascii=False)
    assert "On track" in pie and "按期推进" not in pie
    assert "年" not in body.split("as of", 1)[1][:40]


@pytest.mark.django_db
def test_chinese_stays_the_default(client, mini_plan, office):
    client.force_login(office)
    body = client.get(reverse("plans:task_list")).content.decode()
    assert "任务台账" in body and "Task Ledger" not in body


@pytest.mark.django_db
def test_service_errors_in_english(mini_plan, office):
    with translation.override("en"):
        with pytest.raises(ApplicationError) as empty:
            services.check_plan_file(size=0, filename="plan.txt")
        with pytest.raises(ApplicationError) as damaged:
            services.parse_plan_file(data=b"PK\x03\x04 not really a zip", filename="plan.docx")
    assert empty.value.message == "The file is empty"
    assert damaged.value.message == "Not a valid .docx file (the archive is damaged)"
    # The same refusals in Chinese, unchanged.
    with pytest.raises(ApplicationError) as chinese:
        services.check_plan_file(size=0, filename="plan.txt")
    assert chinese.value.message == "文件是空的"


@pytest.mark.django_db
def test_the_ledger_stays_chinese_in_english(mini_plan, office):
    with translation.override("en"):
        wb = ledger_workbook(user=office, plan=mini_plan, today=dt.date(2026, 3, 2))
    buffer = io.BytesIO()
    wb.save(buffer)
    wb = load_workbook(io.BytesIO(buffer.getvalue()))
    sheet = wb.worksheets[1]
    assert [c.value for c in sheet[1]] == HEADERS
    statuses = {row[7] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert statuses and statuses <= {"未启动", "按期推进", "15日内到期", "已逾期", "已完成"}
