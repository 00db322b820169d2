"""The normdocs pages in English (cookie django_language=en); what stays Chinese stays Chinese."""

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from fazhi.core.errors import ApplicationError
from fazhi.normdocs import services
from fazhi.normdocs.choices import FindingStatus, ReviewOpinion
from tests.normdocs.conftest import PLANTED_BODY


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_registry_list_in_english(english, supervisor, published):
    published()
    english.force_login(supervisor)
    html = page(english, reverse("normdocs:document_list"))
    for text in (
        '<html lang="en"',
        "Normative Documents",
        "Document number",
        "Issuing body",
        "Legal status",
        "Procedure stage",
        "All issuing bodies",
        "Export to Excel",
        "Published, awaiting filing",
        "Not yet in force",
    ):
        assert text in html, text
    for text in ("行政规范性文件", "制定机关", "效力状态", "办理环节", "导出Excel", "尚未施行"):
        assert text not in html, text
    assert "政务服务帮办代办工作办法" in html  # data stays as written


def test_document_detail_in_english_keeps_saved_notes_chinese(english, reporter, published):
    document = published()
    english.force_login(reporter)
    html = page(english, reverse("normdocs:document_detail", args=[document.pk]))
    for text in (
        "Unified registration number",
        "Drafting unit",
        "Procedure record",
        "Submit for filing",
        "Filing authority",
        "Legality review (submitted",
        "Review opinion: Passed",
    ):
        assert text in html, text
    for text in ("统一登记号</th>", "起草单位</th>", "办理记录</h2>", "<div>审核意见:"):
        assert text not in html, text
    # The procedure record's notes were saved in Chinese, and are shown as saved.
    assert "合法性审核意见:审核通过" in html


def test_review_page_in_english_names_the_rules(english, reviewer, in_review):
    _draft, review = in_review(body=PLANTED_BODY)
    english.force_login(reviewer)
    html = page(english, reverse("normdocs:review_detail", args=[review.pk]))
    for text in (
        "Legality Review:",
        "Review assistant findings",
        "Creates an administrative penalty",
        "Confirm problem",
        "Issue opinion and generate letter",
    ):
        assert text in html, text
    for text in ('text-dark">设定行政处罚</span>', "确认问题", "出具意见并生成意见书"):
        assert text not in html, text
    # The findings' explanations were saved in Chinese with the review, and are shown as saved.
    assert "规范性文件不得设定行政处罚" in html


def test_public_search_in_english(english, register):
    register({"title": "复议办法", "doc_number": "天政办发〔2024〕1号", "body": "行政复议。"})
    html = page(english, reverse("portal:normdocs_public:search"), q="复议")
    assert "1 document found" in html
    assert "Keyword or document number" in html
    assert "共找到" not in html and "搜索" not in html


def test_service_errors_come_out_in_english(reporter, make_draft, today):
    draft = make_draft()
    with translation.override("en"):
        with pytest.raises(ApplicationError) as refused:
            services.normdoc_open_comment(
                actor=reporter, document=draft, started_on=today + dt.timedelta(days=1)
            )
        message = refused.value.message
        assert message.startswith("Public comment start date cannot be later than today (")
        assert refused.value.fields == {"started_on": [message]}
        with pytest.raises(ApplicationError) as out_of_order:
            services.normdoc_file(actor=reporter, document=draft, filed_on=today, filed_with="x")
        assert out_of_order.value.message == (
            "A document can be submitted for filing only after it is published"
            " (current stage: Drafting)"
        )
    with pytest.raises(ApplicationError, match="征求意见开始日期不能晚于今天"):
        services.normdoc_open_comment(
            actor=reporter, document=draft, started_on=today + dt.timedelta(days=1)
        )


def test_letter_and_saved_notes_stay_chinese_when_decided_in_english(reviewer, in_review, today):
    draft, review = in_review(body=PLANTED_BODY)
    with translation.override("en"):
        for finding in review.findings.all():
            services.review_finding_set(
                actor=reviewer, finding=finding, status=FindingStatus.CONFIRMED
            )
        services.legality_review_decide(
            actor=reviewer, review_row=review, opinion=ReviewOpinion.FAIL, decided_on=today
        )
    review.refresh_from_db()
    with review.letter.open("rb") as fh:
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(fh.read())).paragraphs)
    assert "审核结论:不予通过。" in text
    assert "设定行政处罚" in text
    assert "Not passed" not in text and "penalty" not in text
    assert draft.steps.filter(note="合法性审核意见:不予通过").exists()


def test_registry_export_stays_chinese_other_exports_follow_the_language(
    english, supervisor, published
):
    published()
    english.force_login(supervisor)
    registry = english.get(reverse("normdocs:document_list"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(registry.content)).active
    headers = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert headers[:4] == ["文号", "统一登记号", "标题", "制定机关"]  # the importer's headers
    assert sheet.cell(row=2, column=9).value == "已公布,待备案"
    filings = english.get(reverse("normdocs:filing_list"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(filings.content)).active
    headers = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert headers[:3] == ["Document number", "Title", "Issuing body"]
