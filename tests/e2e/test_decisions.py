"""Browser flow: a catalogue entry to a published decision, with a citizen's comment from the portal."""

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core.choices import Role, UnitKind
from fazhi.decisions.choices import CommentStatus, Stage
from fazhi.decisions.models import Comment, Consultation, Decision
from tests.factories import UnitFactory


@pytest.fixture
def setup(db, make_user):
    from fazhi.core.holidays import seed_holidays_from_package

    seed_holidays_from_package()
    government = UnitFactory(name="天镇县人民政府", kind=UnitKind.COUNTY_GOVERNMENT)
    UnitFactory(name="天镇县住房和城乡建设局")
    justice = UnitFactory(name="天镇县司法局")
    clerk = make_user(Role.REPORTER, unit=government, full_name="王文书")
    reviewer = make_user(Role.REVIEWER, unit=justice, full_name="李审核")
    return {"clerk": clerk, "reviewer": reviewer, "justice": justice}


def test_catalogue_entry_to_published_decision_with_a_portal_comment(page, login, setup):
    today = timezone.localdate()
    login(setup["clerk"])
    page.goto("/decisions/catalogs/new/")
    page.fill("#id_year", str(today.year))
    page.click("main form button[type=submit]")
    page.fill("#id_entry-matter", "县城老旧小区改造三年行动方案")
    page.fill("#id_entry-scope_text", "县城老旧小区")
    page.select_option("#id_entry-lead_unit", label="天镇县住房和城乡建设局")
    page.fill("#id_entry-goal", "三年完成改造")
    page.fill("#id_entry-due_on", dt.date(today.year, 12, 31).isoformat())
    page.check("input[name=entry-procedures][value=public_participation]")
    page.click("#action-entry button[type=submit]")
    page.fill("#id_approve-approval_ref", "县委常委会会议")
    page.click("#action-approve button[type=submit]")
    page.click("#action-publish button[type=submit]")
    assert page.locator("text=已公布").first.is_visible()
    page.screenshot(path="/tmp/decisions-catalog.png", full_page=True)

    page.goto("/decisions/new/")
    page.select_option("#id_entry", index=1)
    page.fill("#id_title", "县城老旧小区改造三年行动方案")
    page.fill("#id_options", "方案一;方案二")
    page.fill("#id_justification", "起草说明")
    page.click("main form button[type=submit]")
    page.fill("#id_consult-opens_on", today.isoformat())
    page.fill("#id_consult-closes_on", (today + dt.timedelta(days=30)).isoformat())
    page.fill("#id_consult-draft_text", "草案全文")
    page.click("#action-consult button[type=submit]")
    decision = Decision.objects.get()
    assert decision.stage == Stage.PARTICIPATION

    citizen = page.context.browser.new_context(base_url=page.url.split("/decisions")[0]).new_page()
    citizen.goto("/public/decisions/consultations/")
    citizen.click("text=县城老旧小区改造三年行动方案")
    citizen.fill("#id_text", "<b>建议</b>优先改造无电梯住宅")
    citizen.click("#comment-form button[type=submit]")
    assert citizen.locator("text=经审核后公开").first.is_visible()
    consultation = Consultation.objects.get()
    page.goto(f"/decisions/consultations/{consultation.pk}/")
    page.select_option("#id_moderate-comment", index=1)
    page.select_option("#id_moderate-approve", "1")
    page.click("#action-moderate button[type=submit]")
    assert Comment.objects.get().status == CommentStatus.APPROVED
    citizen.reload()
    assert citizen.locator(".comment").first.inner_text().endswith("<b>建议</b>优先改造无电梯住宅")
    citizen.screenshot(path="/tmp/decisions-portal.png", full_page=True)

    # The comment period passes (the dates are moved back); every later step is a page form.
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today - dt.timedelta(days=40), closes_on=today - dt.timedelta(days=10)
    )
    page.goto(f"/decisions/consultations/{consultation.pk}/")
    page.click("#action-close button[type=submit]")
    page.fill("#id_summarise-summary", "收到意见1条,采纳1条:优先改造无电梯住宅")
    page.click("#action-summarise button[type=submit]")
    d = decision.pk
    page.goto(f"/decisions/{d}/")
    page.click("#action-participation_done button[type=submit]")
    assert page.locator("[data-stage=legality]").is_visible()

    # Art. 26 ¶2: fewer than 7 working days for the reviewer needs a reason, shown on the form.
    page.select_option("#id_submit_review-review_unit", label="天镇县司法局")
    page.fill(
        "#id_submit_review-basis", "依据:国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见"
    )
    page.fill("#id_submit_review-due_on", (today + dt.timedelta(days=2)).isoformat())
    page.click("#action-submit_review button[type=submit]")
    assert page.locator("#action-submit_review").get_by_text("第26条第2款").first.is_visible()
    page.screenshot(path="/tmp/decisions-review-refused.png", full_page=True)
    page.fill("#id_submit_review-short_reason", "汛期前须开工,情况紧急")
    page.click("#action-submit_review button[type=submit]")
    assert page.locator("text=已送请合法性审查").first.is_visible()

    office = page.context.browser.new_context(base_url=page.url.split("/decisions")[0])
    reviewer = sign_in(office.new_page(), setup["reviewer"])
    reviewer.goto("/decisions/advisers/new/")
    reviewer.fill("#id_name", "王律师")
    reviewer.select_option("#id_kind", "legal_adviser")
    reviewer.fill("#id_employer", "山西某律师事务所")
    reviewer.select_option("#id_unit", label="天镇县司法局")
    reviewer.click("main form button[type=submit]")
    assert reviewer.locator("text=王律师").first.is_visible()
    reviewer.goto(f"/decisions/{d}/")
    reviewer.select_option("#id_advice-adviser", index=1)
    reviewer.fill("#id_advice-text", "决策事项在县政府法定权限内,程序符合规定")
    reviewer.click("#action-advice button[type=submit]")
    # Art. 26 ¶1: the review body returns the submission for a missing material; resubmitted.
    reviewer.fill("#id_return_materials-missing", "缺少社会稳定风险评估报告")
    reviewer.fill("#id_return_materials-returned_on", today.isoformat())
    reviewer.click("#action-return_materials button[type=submit]")
    assert reviewer.locator("#review-return").get_by_text("缺少社会稳定风险评估报告").is_visible()
    page.goto(f"/decisions/{d}/")
    page.select_option("#id_submit_review-review_unit", label="天镇县司法局")
    page.fill("#id_submit_review-basis", "依据同上;已补充社会稳定风险评估报告")
    page.fill("#id_submit_review-due_on", (today + dt.timedelta(days=2)).isoformat())
    page.fill("#id_submit_review-short_reason", "汛期前须开工,情况紧急")
    page.click("#action-submit_review button[type=submit]")
    assert page.locator("text=已送请合法性审查").first.is_visible()
    reviewer.goto(f"/decisions/{d}/")
    reviewer.select_option("#id_review-conclusion", "lawful")
    reviewer.fill("#id_review-opinion", "合法")
    reviewer.click("#action-review button[type=submit]")
    reviewer.fill("#id_doc_review_opinion-prefix", "天司审")
    reviewer.click("#action-doc_review_opinion button[type=submit]")
    assert reviewer.locator(f"text=天司审〔{today.year}〕1号").first.is_visible()
    reviewer.screenshot(path="/tmp/decisions-reviewed.png", full_page=True)

    page.goto(f"/decisions/{d}/")
    page.select_option("#id_discuss-meeting_kind", "standing")
    page.fill("#id_discuss-minutes", "县政府第12次常务会议讨论")
    page.fill("#id_discuss-head_name", "县长")
    page.select_option("#id_discuss-head_decision", "adopt")
    page.fill("#id_discuss-dissent", "无")
    page.click("#action-discuss button[type=submit]")
    page.fill("#id_publish-explanation", "采纳公众意见1条")
    page.select_option("#id_publish-implementing_unit", label="天镇县住房和城乡建设局")
    page.click("#action-publish button[type=submit]")
    decision.refresh_from_db()
    assert decision.stage == Stage.PUBLISHED
    page.fill("#id_doc_publication_notice-prefix", "天政公")
    page.click("#action-doc_publication_notice button[type=submit]")
    assert page.locator(f"text=天政公〔{today.year}〕1号").first.is_visible()
    page.screenshot(path="/tmp/decisions-detail.png", full_page=True)
    # The adviser register names the decision advised on (measure (八)).
    reviewer.goto("/decisions/advisers/")
    assert reviewer.locator(f"text={decision.number}").first.is_visible()
    office.close()


def sign_in(p, user):
    from tests.factories import PASSWORD

    p.goto("/login/")
    p.fill("#id_username", user.username)
    p.fill("#id_password", PASSWORD)
    p.click("main form button[type=submit]")
    p.wait_for_load_state("networkidle")
    return p
