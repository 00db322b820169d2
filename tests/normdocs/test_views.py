import datetime as dt
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.normdocs.choices import Stage
from fazhi.normdocs.models import NormativeDocument
from tests.normdocs.conftest import PLANTED_BODY


@pytest.fixture
def many(register):
    return register(
        *(
            {
                "title": f"第{i}号管理办法",
                "doc_number": f"天政办发〔2024〕{i}号",
                "body": "第一条 行政复议。",
            }
            for i in range(1, 31)
        )
    )


@pytest.mark.parametrize(
    "name",
    [
        "normdocs:document_list",
        "normdocs:review_list",
        "normdocs:filing_list",
        "normdocs:overdue_list",
        "normdocs:cleanup",
    ],
)
def test_list_pages_have_bounded_queries(client, supervisor, many, in_review, name, query_count):
    in_review()
    client.force_login(supervisor)
    with query_count("page"):
        response = client.get(reverse(name))
    assert response.status_code == 200
    with query_count("xlsx"):
        response = client.get(reverse(name), {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize(
    ("name", "table"),
    [
        ("normdocs:document_list", "documents"),
        ("normdocs:review_list", "reviews"),
        ("normdocs:filing_list", "filings"),
        ("normdocs:cleanup", "candidates"),
    ],
)
def test_list_pages_answer_htmx_with_their_table_alone(client, supervisor, many, name, table):
    client.force_login(supervisor)
    page = client.get(reverse(name)).content.decode()
    part = client.get(reverse(name), headers={"HX-Request": "true"}).content.decode()
    assert f'id="{table}"' in page and f'id="{table}"' in part
    assert 'id="object-table"' in page and "<html" not in part and "<nav" not in part


def test_document_list_filters_through_the_kernels_bar(client, supervisor, many):
    client.force_login(supervisor)
    html = client.get(
        reverse("normdocs:document_list"), {"q": "第7号"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "第7号管理办法" in html and "第8号管理办法" not in html
    page = client.get(reverse("normdocs:document_list")).content.decode()
    assert 'hx-target="#object-table"' in page and 'name="status"' in page


def test_overdue_list_names_the_duty_as_its_export_does(client, supervisor, in_review):
    in_review()
    client.force_login(supervisor)
    html = client.get(reverse("normdocs:overdue_list"), {"within": "90"}).content.decode()
    assert "<td>合法性审核</td>" in html and "出具合法性审核意见" not in html
    assert "还剩" in html or "已逾期" in html


def test_public_search_page_has_bounded_queries(client, many, query_count):
    with query_count("search"):
        response = client.get(reverse("portal:normdocs_public:search"), {"q": "复议"})
    assert response.status_code == 200
    assert "共找到 30 件文件" in response.content.decode()


def test_public_search_shows_escaped_marked_snippets_and_refuses_long_queries(client, register):
    register({"title": "办法", "doc_number": "天政办发〔2024〕1号", "body": "<b>复议</b>机关"})
    html = client.get(reverse("portal:normdocs_public:search"), {"q": "复议"}).content.decode()
    assert "&lt;b&gt;<mark>复议</mark>&lt;/b&gt;机关" in html
    response = client.get(reverse("portal:normdocs_public:search"), {"q": "复" * 10000})
    assert response.status_code == 400 and "检索词太长" in response.content.decode()


def test_drafts_are_not_public(client, make_draft):
    draft = make_draft()
    assert (
        client.get(reverse("portal:normdocs_public:document", args=[draft.pk])).status_code == 404
    )


def test_reporter_sees_own_unit_only(client, make_draft, other_reporter, reporter):
    draft = make_draft()
    client.force_login(other_reporter)
    assert client.get(reverse("normdocs:document_detail", args=[draft.pk])).status_code == 404
    assert draft.title not in client.get(reverse("normdocs:document_list")).content.decode()
    client.force_login(reporter)
    assert client.get(reverse("normdocs:document_detail", args=[draft.pk])).status_code == 200


def test_leader_reads_but_cannot_act(client, make_draft, leader):
    draft = make_draft()
    client.force_login(leader)
    page = client.get(reverse("normdocs:document_detail", args=[draft.pk])).content.decode()
    assert "公开征求意见" not in page
    response = client.post(
        reverse("normdocs:document_action", args=[draft.pk, "open_comment"]),
        {"open_comment-started_on": "2026-01-01"},
    )
    assert response.status_code == 403
    assert NormativeDocument.objects.get(pk=draft.pk).stage == Stage.DRAFTING


def test_skipped_step_is_shown_on_the_form(client, make_draft, reporter):
    draft = make_draft()
    client.force_login(reporter)
    response = client.post(
        reverse("normdocs:document_action", args=[draft.pk, "deliberate"]),
        {
            "deliberate-version": draft.version,
            "deliberate-meeting": "局务会",
            "deliberate-deliberated_on": "2026-01-01",
        },
    )
    assert response.status_code == 400
    assert "未经合法性审核通过" in response.content.decode()


def test_drafting_through_pages(client, reporter, reviewer, drafting_unit, today):
    client.force_login(reporter)
    response = client.post(
        reverse("normdocs:document_create"),
        {
            "title": "城区流动摊点管理暂行办法",
            "issuer": drafting_unit.pk,
            "body": PLANTED_BODY,
            "legal_basis": "",
        },
    )
    document = NormativeDocument.objects.get()
    assert response.status_code == 302
    client.post(
        reverse("normdocs:document_action", args=[document.pk, "open_comment"]),
        {
            "open_comment-version": 1,
            "open_comment-started_on": (today - dt.timedelta(days=40)).isoformat(),
        },
    )
    client.post(
        reverse("normdocs:document_action", args=[document.pk, "submit"]),
        {"submit-version": 2, "submit-submitted_on": today.isoformat()},
    )
    document.refresh_from_db()
    assert document.stage == Stage.LEGALITY_REVIEW
    review = document.reviews.get()
    client.force_login(reviewer)
    page = client.get(reverse("normdocs:review_detail", args=[review.pk])).content.decode()
    assert "设定行政许可" in page and "须经县城市管理局批准" in page
    for finding in review.findings.all():
        client.post(
            reverse("normdocs:finding_set", args=[finding.pk]),
            {"status": "confirmed"},
            HTTP_HX_REQUEST="true",
        )
    response = client.post(
        reverse("normdocs:review_decide", args=[review.pk]),
        {
            "decide-version": 3,
            "decide-opinion": "fail",
            "decide-opinion_text": "",
            "decide-letter_number": "天司审〔2026〕1号",
            "decide-decided_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    letter = client.get(reverse("normdocs:review_letter", args=[review.pk]))
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(b"".join(letter.streaming_content))).paragraphs
    )
    assert "不予通过" in text
    assert AuditEvent.objects.filter(action="normdocs.finding_set").count() == 8


def test_import_page_reports_bad_files(client, supervisor, drafting_unit):
    client.force_login(supervisor)
    good = "天司发〔2025〕3号\n关于印发《行政复议听证办法》的通知\n第一条 根据《中华人民共和国行政复议法》制定。\n2025年3月1日\n".encode()
    files = [
        SimpleUploadedFile("a.txt", good),
        SimpleUploadedFile("b.docx", b"nope"),
        SimpleUploadedFile("c.exe", b"MZ"),
    ]
    response = client.post(
        reverse("normdocs:document_import"), {"issuer": drafting_unit.pk, "files": files}
    )
    html = response.content.decode()
    assert "登记成功 1 件,未登记 2 件" in html
    assert "内容是文本(.txt),不是Word(.docx)文件" in html
    assert "只能上传 .docx、.txt、.xlsx 文件" in html
    document = NormativeDocument.objects.get()
    assert document.doc_number == "天司发〔2025〕3号"
    original = client.get(reverse("normdocs:document_original", args=[document.pk]))
    assert b"".join(original.streaming_content) == good


def test_import_page_is_for_registry_managers(client, reporter):
    client.force_login(reporter)
    assert client.get(reverse("normdocs:document_import")).status_code == 403


def test_cleanup_pages_publish_the_result_list(client, supervisor, register):
    (doc,) = register(
        {
            "title": "旧办法",
            "doc_number": "天政办发〔2021〕3号",
            "body": "根据《中华人民共和国行政复议法》(2017年修正)制定。",
        }
    )
    client.force_login(supervisor)
    assert (
        "旧办法" in client.get(reverse("normdocs:cleanup"), {"kind": "superseded"}).content.decode()
    )
    client.post(reverse("normdocs:cleanup"), {"title": "2026年清理", "started_on": "2026-09-01"})
    from fazhi.normdocs.models import CleanupRound

    cleanup_round = CleanupRound.objects.get()
    client.post(
        reverse("normdocs:cleanup_round", args=[cleanup_round.pk]),
        {"document": doc.pk, "decision": "repeal", "reason": "引用已修订的法律"},
    )
    assert (
        client.get(
            reverse("portal:normdocs_public:cleanup_result", args=[cleanup_round.pk])
        ).status_code
        == 404
    )
    client.post(reverse("normdocs:cleanup_round", args=[cleanup_round.pk]), {"publish": "1"})
    client.logout()
    public = client.get(
        reverse("portal:normdocs_public:cleanup_result", args=[cleanup_round.pk])
    ).content.decode()
    assert "旧办法" in public and "废止" in public
