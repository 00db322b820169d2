"""Browser flow: a catalogue entry to a published decision, with a citizen's comment from the portal."""

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role, UnitKind
from fazhi.decisions.choices import (
    CommentStatus,
    HeadDecision,
    MeetingKind,
    ReviewConclusion,
    Stage,
)
from fazhi.decisions.models import Comment, Consultation, Decision
from fazhi.decisions.services import consultations, dossier, experts
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

    # The comment period passes: the remaining procedures, each through its service.
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today - dt.timedelta(days=40), closes_on=today - dt.timedelta(days=10)
    )
    consultations.consultation_close(actor=SYSTEM, consultation_id=consultation.pk, version=None)
    consultations.consultation_summarise(
        actor=SYSTEM,
        consultation_id=consultation.pk,
        version=None,
        summary="采纳1条",
        summarised_on=today,
    )
    d = decision.pk
    dossier.decision_finish_participation(actor=SYSTEM, decision_id=d, version=None, done_on=today)
    dossier.decision_submit_review(
        actor=SYSTEM,
        decision_id=d,
        version=None,
        review_unit=setup["justice"],
        submitted_on=today - dt.timedelta(days=20),
    )
    adviser = experts.adviser_create(
        actor=SYSTEM, name="王律师", kind="legal_adviser", employer="律所", unit=setup["justice"]
    )
    dossier.decision_record_advice(
        actor=setup["reviewer"],
        decision_id=d,
        version=None,
        adviser=adviser,
        text="合法",
        given_on=today,
    )
    dossier.decision_review(
        actor=setup["reviewer"],
        decision_id=d,
        version=None,
        conclusion=ReviewConclusion.LAWFUL,
        opinion="合法",
        done_on=today,
    )
    dossier.decision_discuss(
        actor=SYSTEM,
        decision_id=d,
        version=None,
        meeting_kind=MeetingKind.STANDING,
        meeting_on=today,
        minutes="纪要",
        head_name="县长",
        head_decision=HeadDecision.ADOPT,
        dissent="无",
    )
    page.goto(f"/decisions/{d}/")
    page.fill("#id_publish-explanation", "采纳公众意见1条")
    page.select_option("#id_publish-implementing_unit", label="天镇县住房和城乡建设局")
    page.click("#action-publish button[type=submit]")
    decision.refresh_from_db()
    assert decision.stage == Stage.PUBLISHED
    page.screenshot(path="/tmp/decisions-detail.png", full_page=True)
