import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.choices import Role
from fazhi.core.models import AuditEvent
from fazhi.plans import services
from fazhi.plans.choices import ReportStatus
from fazhi.plans.demo import load as load_demo
from fazhi.plans.models import Plan, PlanImport, ProgressReport, SupervisionNotice, Task
from tests.factories import UserFactory

from .conftest import MINI, unit


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


PAGES = [
    "plans:dashboard",
    "plans:task_list",
    "plans:report_list",
    "plans:notice_list",
    "plans:unit_overview",
]


@pytest.mark.parametrize("name", PAGES)
def test_list_pages_use_a_constant_number_of_queries(client, demo, office, name, judicial_reporter):
    client.force_login(office)
    url = reverse(name)
    queries(client, url)  # the first request fills the caches (holiday table, periods)
    before = queries(client, url)
    assert before <= 25
    # more rows of every kind: the count must not grow (no N+1)
    task = Task.objects.filter(measure__plan=demo, completed_on__isnull=True).first()
    for owner in task.owners.select_related("unit")[:3]:
        user = UserFactory(roles=[Role.REPORTER], unit=owner.unit)
        services.progress_report_submit(actor=user, task=task, text="又一条进展", percent_done=10)
    assert queries(client, url) == before


def test_ledger_and_task_page_with_query_limits(
    client, demo, office, django_assert_max_num_queries
):
    client.force_login(office)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("plans:task_list"), {"status": "overdue", "sort": "-due"})
    assert response.status_code == 200
    assert "已逾期" in response.content.decode()
    task = Task.objects.filter(measure__plan=demo).first()
    with django_assert_max_num_queries(20):
        assert client.get(reverse("plans:task_detail", args=[task.pk])).status_code == 200


def test_dashboard_numbers_click_through_to_their_tasks(client, demo, office):
    client.force_login(office)
    response = client.get(reverse("plans:dashboard"))
    body = response.content.decode()
    totals = response.context["totals"]
    assert sum(totals.values()) == Task.objects.filter(measure__plan=demo).count()
    for status, count in totals.items():
        assert f'data-count="{status}">{count}<' in body
        listing = client.get(reverse("plans:task_list"), {"plan": demo.pk, "status": status})
        assert listing.context["listing"].page.paginator.count == count


def test_home_goes_to_dashboard_and_reporter_to_own_page(client, demo, judicial_reporter):
    client.force_login(judicial_reporter)
    assert client.get("/").url == reverse("plans:dashboard")
    assert client.get(reverse("plans:dashboard")).url == reverse("plans:unit_overview")
    page = client.get(reverse("plans:unit_overview"))
    owed = set(Task.objects.filter(owners__unit=unit("天镇县司法局")).values_list("pk", flat=True))
    assert {t.pk for t in page.context["tasks"]} == owed


def test_reporter_cannot_see_other_units_tasks(client, demo, make_user):
    reporter = make_user(Role.REPORTER, unit=unit("天镇县财政局"))
    client.force_login(reporter)
    foreign = Task.objects.exclude(owners__unit=reporter.unit).first()
    assert client.get(reverse("plans:task_detail", args=[foreign.pk])).status_code == 404
    response = client.post(
        reverse("plans:task_detail", args=[foreign.pk]) + "?action=report",
        {"report-text": "代报", "report-percent_done": 50},
    )
    assert response.status_code == 404
    assert not ProgressReport.objects.filter(task=foreign, text="代报").exists()


def test_report_then_accept_through_the_pages(client, mini_plan, judicial_reporter, office):
    task = Task.objects.get(measure__plan=mini_plan, measure__number=3)
    client.force_login(judicial_reporter)
    response = client.post(
        reverse("plans:task_detail", args=[task.pk]) + "?action=report",
        {"report-text": "举办培训两期", "report-percent_done": 40},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=task)
    assert report.status == ReportStatus.SUBMITTED
    review = reverse("plans:report_detail", args=[report.pk]) + "?action=review"
    assert (
        client.post(review, {"review-decision": "accept", "review-version": 1}).status_code == 403
    )
    assert (
        ProgressReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    )  # a reporter cannot accept
    client.force_login(office)
    page = client.get(reverse("plans:report_detail", args=[report.pk])).content.decode()
    assert 'data-action="review"' in page and "举办培训两期" in page
    response = client.post(
        review,
        {"review-decision": "accept", "review-comment": "同意", "review-version": report.version},
    )
    assert response.url == reverse("plans:task_detail", args=[task.pk])
    task.refresh_from_db()
    assert task.percent_done == 40
    # accepted: the review is no longer offered, and a second post changes nothing
    page = client.get(reverse("plans:report_detail", args=[report.pk])).content.decode()
    assert 'data-action="review"' not in page
    client.post(review, {"review-decision": "return", "review-comment": "x", "review-version": 2})
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.ACCEPTED


def test_a_return_without_a_reason_is_refused_on_the_reports_form(
    client, mini_plan, judicial_reporter, office
):
    task = Task.objects.get(measure__plan=mini_plan, measure__number=3)
    report = services.progress_report_submit(
        actor=judicial_reporter, task=task, text="进展", percent_done=5
    )
    client.force_login(office)
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("plans:report_detail", args=[report.pk]) + "?action=review",
        {"review-decision": "return", "review-comment": "", "review-version": report.version},
    )
    assert response.status_code == 200
    page = response.content.decode()
    form = page[page.index('id="action-review"') :]
    assert "border-danger" in page[page.index('id="action-review"') - 60 :][:80]
    assert "必填" in form[: form.index("</form>")]  # on the comment field of the review form
    # the form posts to its card's anchor: the refused page opens at the refusal
    assert '#action-review"' in form[: form.index(">", form.index("<form"))]
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    assert AuditEvent.objects.count() == events


def test_stale_edit_is_refused_with_a_message(client, mini_plan, office):
    task = Task.objects.get(measure__plan=mini_plan, measure__number=2)
    client.force_login(office)
    url = reverse("plans:task_detail", args=[task.pk]) + "?action=edit"
    page = client.get(reverse("plans:task_detail", args=[task.pk]))
    shown = page.context["actions"]["edit"].form
    assert (shown["text"].value(), shown["note"].value()) == (task.text, task.note)
    seen = {"edit-version": task.version, "edit-text": task.text}
    assert client.post(url, {**seen, "edit-note": "甲的备注"}).status_code == 302
    events = AuditEvent.objects.count()
    response = client.post(url, {**seen, "edit-note": "乙的备注"})
    # refused on its own form, the other user's text kept and nothing written
    assert response.status_code == 200
    form = response.context["actions"]["edit"].form
    assert "已被他人修改" in str(form.non_field_errors())
    body = response.content.decode()
    assert "已被他人修改" in body[body.index('id="action-edit"') :]
    task.refresh_from_db()
    assert task.note == "甲的备注" and AuditEvent.objects.count() == events


def test_upload_review_and_apply(client, directory, holidays, office):
    client.force_login(office)
    upload = SimpleUploadedFile(MINI.name, MINI.read_bytes(), content_type="text/plain")
    response = client.post(reverse("plans:plan_import"), {"file": upload})
    plan_import = PlanImport.objects.get()
    assert response.url == reverse("plans:import_review", args=[plan_import.pk])
    review = client.get(response.url)
    assert (
        "天政发〔2026〕7号" in review.content.decode()
        and "所有单位名称均已识别" in review.content.decode()
    )
    assert Plan.objects.count() == 0
    client.post(response.url, {"action": "apply"})
    assert Plan.objects.get().doc_number == "天政发〔2026〕7号"
    again = client.post(
        reverse("plans:plan_import"),
        {"file": SimpleUploadedFile(MINI.name, MINI.read_bytes())},
        follow=True,
    )
    assert "内容没有变化" in again.content.decode()
    assert PlanImport.objects.count() == 1


def test_upload_size_limit_enforced_before_parsing(
    client, directory, office, settings, monkeypatch
):
    settings.FAZHI_MAX_UPLOAD_BYTES = 100
    monkeypatch.setattr(
        services, "parse_plan_file", lambda **kw: pytest.fail("parsed an oversized file")
    )
    client.force_login(office)
    response = client.post(
        reverse("plans:plan_import"), {"file": SimpleUploadedFile("big.txt", b"x" * 500)}
    )
    assert response.status_code == 200 and "上限" in response.content.decode()
    assert PlanImport.objects.count() == 0


def test_import_page_is_for_the_office_only(client, directory, judicial_reporter, leader):
    for user in (judicial_reporter, leader):
        client.force_login(user)
        assert client.get(reverse("plans:plan_import")).status_code == 403


def test_notice_issue_and_reply_pages(client, demo, office):
    client.force_login(office)
    notice = SupervisionNotice.objects.filter(status="issued").first()
    page = client.get(reverse("plans:notice_detail", args=[notice.pk]))
    assert notice.number in page.content.decode()
    from fazhi.core.models import User

    replier = User.objects.filter(unit=notice.unit, roles__isnull=False).exclude(roles=[]).first()
    client.force_login(replier)
    client.post(
        reverse("plans:notice_detail", args=[notice.pk]) + "?action=reply",
        {"reply-reply": "已整改到位", "reply-version": notice.version},
    )
    notice.refresh_from_db()
    assert notice.status == "answered" and notice.reply == "已整改到位"


def test_exports_of_list_pages(client, demo, office):
    client.force_login(office)
    for name in ("plans:report_list", "plans:notice_list"):
        response = client.get(reverse(name), {"format": "xlsx"})
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_demo_is_idempotent(demo):
    counts = (
        Task.objects.count(),
        ProgressReport.objects.count(),
        SupervisionNotice.objects.count(),
    )
    load_demo(io.StringIO())
    assert (
        Task.objects.count(),
        ProgressReport.objects.count(),
        SupervisionNotice.objects.count(),
    ) == counts
    assert SupervisionNotice.objects.filter(status="answered").exists()
    assert ProgressReport.objects.filter(status=ReportStatus.RETURNED).exists()
    assert ProgressReport.objects.filter(status=ReportStatus.ACCEPTED).exists()


def test_review_never_redirects_off_site(client, mini_plan, judicial_reporter, office):
    task = Task.objects.get(measure__plan=mini_plan, measure__number=3)
    report = services.progress_report_submit(
        actor=judicial_reporter, task=task, text="进展", percent_done=5
    )
    client.force_login(office)
    response = client.post(
        reverse("plans:report_detail", args=[report.pk]) + "?action=review",
        {
            "review-decision": "accept",
            "next": "//evil.example/",
            "review-version": report.version,
        },
    )
    assert response.url == reverse("plans:task_detail", args=[task.pk])
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.ACCEPTED


def test_notice_form_defaults_to_the_tasks_lead_unit(client, seed_plan, office):
    """督办单 goes to the lead unit by default, not to whichever owner sorts first."""
    from fazhi.plans.choices import OwnerRole
    from fazhi.plans.selectors import with_status

    overdue = with_status(Task.objects.filter(measure__plan=seed_plan), dt.date.today())
    task = next(
        t
        for t in overdue.filter(status="overdue").order_by("measure__position", "position")
        if t.owners.order_by("unit__name").first().role == OwnerRole.PARTICIPATING
    )
    lead = (
        task.assignments.filter(role=OwnerRole.LEAD, unit__isnull=False)
        .order_by("position")
        .first()
        .unit
    )
    client.force_login(office)
    body = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    form = body[body.index('id="notice-form"') :]
    form = form[: form.index("</select>")]
    assert f'<option value="{lead.pk}" selected>{lead.name}</option>' in form
    assert form.count(" selected") == 1


def test_review_list_links_each_reports_evidence(
    client, mini_plan, judicial_reporter, office, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    task = Task.objects.get(measure__plan=mini_plan, measure__number=3)
    report = services.progress_report_submit(
        actor=judicial_reporter,
        task=task,
        text="已培训",
        percent_done=10,
        files=[SimpleUploadedFile("签到表.pdf", b"%PDF-1.4 x", content_type="application/pdf")],
    )
    evidence = report.evidence.get()
    client.force_login(office)
    body = client.get(reverse("plans:report_list")).content.decode()
    url = reverse("plans:evidence_download", args=[evidence.pk])
    assert f'href="{url}"' in body and "签到表.pdf" in body
    assert client.get(url).status_code == 200


def test_audit_page_names_actions_and_tables_before_and_after(client, mini_plan, office):
    task = Task.objects.get(measure__plan=mini_plan, measure__number=2)
    services.task_update(
        actor=office, task=task, version=task.version, text=task.text, note="请按月报送"
    )
    client.force_login(office)
    body = client.get(
        reverse("core:audit_list"), {"object_type": "plans.task", "object_id": task.pk}
    ).content.decode()
    assert '<td class="small" data-action="plans.task_update">修改任务' in body
    assert '<th scope="row" class="fw-normal">督办备注</th><td></td><td>请按月报送</td>' in body
    assert "{&#x27;" not in body and "{'" not in body  # no Python dicts on the page


def test_notice_prints_as_an_official_docx(client, mini_plan, office, judicial_reporter):
    from docx import Document
    from docx.shared import Pt

    notice = services.supervision_notice_issue(
        actor=office,
        task=Task.objects.get(measure__plan=mini_plan, measure__number=1),
        unit=unit("天镇县司法局"),
        request="请说明逾期原因并提出整改措施",
        today=dt.date(2026, 9, 28),
    )
    client.force_login(office)
    page = client.get(reverse("plans:notice_detail", args=[notice.pk])).content.decode()
    url = reverse("plans:notice_docx", args=[notice.pk])
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "督 办 单" and texts[1] == "天法督〔2026〕1号"  # 文号 under the title
    assert "天镇县司法局:" in texts
    body = next(p for p in document.paragraphs if p.text.startswith("督办事项"))
    assert body.runs[0].font.size == Pt(16)  # 三号
    assert body.runs[0].font.name == "仿宋_GB2312"
    assert texts[-1] == "2026年9月28日"
    # another unit's reporter cannot print it
    client.force_login(
        make_other_reporter := UserFactory(roles=[Role.REPORTER], unit=unit("天镇县财政局"))
    )
    assert make_other_reporter.unit_id != notice.unit_id
    assert client.get(url).status_code == 404


def test_the_ledger_filter_bar_keeps_what_was_chosen(client, demo, office):
    import re

    from fazhi.plans.models import Chapter

    client.force_login(office)
    task = Task.objects.filter(measure__plan=demo).select_related("measure").first()
    owner = task.owners.first()
    chapter = Chapter.objects.get(pk=task.measure.chapter_id)
    page = client.get(
        reverse("plans:task_list"),
        {"unit": owner.unit_id, "chapter": chapter.pk, "status": "overdue", "role": "lead"},
    ).content.decode()
    for name, value in (
        ("unit", owner.unit_id),
        ("chapter", chapter.pk),
        ("status", "overdue"),
        ("role", "lead"),
    ):
        options = re.search(rf'name="{name}">(.*?)</select>', page, re.S)[1]
        assert re.findall(r'<option value="([^"]*)" selected', options) == [str(value)]
