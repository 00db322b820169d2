"""The disputes pages and messages in English (cookie `django_language=en`); Chinese stays the default."""

import datetime as dt
import json
import re

import pytest
from django.utils import translation

from fazhi.core.errors import ApplicationError
from fazhi.disputes import services

D = dt.date
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_reconsideration_list_in_english(english, clerk, received_case):
    english.force_login(clerk)
    body = english.get("/disputes/reconsiderations/").content.decode()
    for label in (
        "Administrative reconsideration cases",
        "Case number",
        "Respondent",
        "Export to Excel",
        "Awaiting acceptance review",
        "All statuses",
        "Filter",
    ):
        assert label in body, label
    for label in ("行政复议案件", "案号", "被申请人", "导出Excel", "待受理审查", "全部状态"):
        assert label not in body, label
    # Case data stays as it was entered.
    assert received_case.number in body and "张三" in body


def test_reconsideration_detail_in_english(english, clerk, accepted_case):
    english.force_login(clerk)
    body = english.get(f"/disputes/reconsiderations/{accepted_case.pk}/").content.decode()
    assert "Statutory deadlines" in body
    assert "Acceptance review" in body
    assert "Administrative Reconsideration Law (2023 revision), Art. 30" in body
    assert "Make the decision" in body and "Send copy of the application" in body
    assert "Feb. 24, 2026" in body  # dates follow the language, not 2026年2月24日
    for label in ("法定期限", "受理审查", "行政复议法(2023修订)", "2026年2月24日", "作出复议决定"):
        assert label not in body, label


def test_detail_stays_chinese_by_default(client, clerk, accepted_case):
    client.force_login(clerk)
    body = client.get(f"/disputes/reconsiderations/{accepted_case.pk}/").content.decode()
    assert "法定期限" in body and "行政复议法(2023修订)第30条" in body
    assert "2026年2月24日" in body
    assert "Statutory periods" not in body


def test_statistics_chart_and_periods_in_english(english, make_user, holidays):
    from fazhi.core.choices import Role

    english.force_login(make_user(Role.SUPERVISOR))
    page = english.get("/disputes/statistics/?year=2026").content.decode()
    chart = json.loads(re.search(r'id="trend-chart"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert chart["legend"]["data"] == [
        "Administrative lawsuits",
        "Lawsuits lost",
        "Head appearance rate (%)",
    ]
    assert not CJK.search(json.dumps(chart, ensure_ascii=False))
    periods = english.get("/disputes/periods/", follow=True).content.decode()
    assert "Acceptance review of an application" in periods and "5 working days" in periods
    assert "复议申请受理审查" not in periods.replace('lang="zh-hans"', "")


def test_service_error_in_english(clerk, received_case):
    with translation.override("en"), pytest.raises(ApplicationError) as exc:
        services.reconsideration_request_supplement(
            actor=clerk, case=received_case, requested_on=D(2026, 3, 2), items="身份证明"
        )
    assert exc.value.message == (
        "A supplement notice must be sent within 5 working days of receiving the application "
        "(by 2026-02-27 at the latest)."
    )
    with translation.override("en"), pytest.raises(ApplicationError) as exc:
        services.reconsideration_accept(
            actor=clerk, case=received_case, accepted_on=D(2026, 2, 12), procedure="ordinary"
        )
    assert "cannot be earlier than the date the application was received" in exc.value.message
    assert exc.value.fields == {
        "accepted_on": "The acceptance date cannot be earlier than the date the application "
        "was received."
    }


def test_public_apply_page_in_english(english, office):
    body = english.get("/public/disputes/apply/").content.decode()
    assert "Apply for administrative reconsideration online" in body
    assert "Submit application" in body
    assert "网上申请行政复议" not in body and "提交申请" not in body
