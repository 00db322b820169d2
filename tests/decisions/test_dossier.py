"""The five procedures in statutory order; every refusal cites its article and writes nothing."""

import datetime as dt

import pytest

from fazhi.core.actors import SYSTEM
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import AuditEvent
from fazhi.decisions.choices import (
    HeadDecision,
    MeetingKind,
    Procedure,
    ReviewConclusion,
    RiskLevel,
    Stage,
)
from fazhi.decisions.models import LegalAdviser
from fazhi.decisions.services import dossier, experts

from .conftest import new_decision, through_expert, through_participation

pytestmark = pytest.mark.django_db


def refused(call, code, nothing_written, **kw):
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        call(actor=kw.pop("actor", SYSTEM), **kw)
    assert exc.value.code == code
    return exc.value


def through_risk(decision):
    return dossier.decision_assess_risk(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        level=RiskLevel.CONTROLLABLE,
        report="社会稳定风险低",
        assessed_on=dt.date(2026, 6, 15),
    )


def adviser(justice):
    return LegalAdviser.objects.create(
        name="王律师", kind="legal_adviser", employer="山西某律师事务所", unit=justice
    )


BASIS = "依据:国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见;已履行公众参与、专家论证、风险评估程序"


def submit_review(
    decision, justice, submitted_on=dt.date(2026, 6, 16), due_on=dt.date(2026, 6, 26), **kw
):
    return dossier.decision_submit_review(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        review_unit=justice,
        submitted_on=submitted_on,
        basis=kw.pop("basis", BASIS),
        due_on=due_on,
        **kw,
    )


def through_review(decision, justice, reviewer):
    submit_review(decision, justice)
    dossier.decision_record_advice(
        actor=reviewer,
        decision_id=decision.pk,
        version=None,
        adviser=adviser(justice),
        text="程序合法",
        given_on=dt.date(2026, 6, 20),
    )
    return dossier.decision_review(
        actor=reviewer,
        decision_id=decision.pk,
        version=None,
        conclusion=ReviewConclusion.LAWFUL,
        opinion="合法",
        done_on=dt.date(2026, 6, 26),
    )


def test_a_decision_goes_through_the_five_procedures_in_order(
    county, government, bureau, justice, reviewer
):
    decision = new_decision(government, bureau)
    assert decision.procedures == list(Procedure.values)
    assert decision.number == "140222-" + str(dt.date.today().year) + "-0001"
    assert through_participation(decision).stage == Stage.EXPERT
    assert through_expert(decision, county, government).stage == Stage.RISK
    assert through_risk(decision).stage == Stage.LEGALITY
    decision = through_review(decision, justice, reviewer)
    assert decision.stage == Stage.DISCUSSION
    # 16 June 2026 (Tue) + 7 working days; the Dragon Boat Festival (19 June) is a rest day.
    assert dossier.review_time_floor(decision, dt.date(2026, 6, 16)) == dt.date(2026, 6, 26)
    assert decision.review_due_on == dt.date(2026, 6, 26)
    decision = dossier.decision_discuss(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        meeting_kind=MeetingKind.STANDING,
        meeting_on=dt.date(2026, 6, 30),
        minutes="县政府第12次常务会议讨论",
        head_name="县长张某",
        head_decision=HeadDecision.ADOPT,
        dissent="副县长李某对资金分担比例持保留意见",
    )
    assert decision.stage == Stage.DECIDED
    decision = dossier.decision_publish(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        published_on=dt.date(2026, 7, 3),
        explanation="采纳公众意见5条、专家意见2条",
        implementing_unit=bureau,
    )
    assert decision.stage == Stage.PUBLISHED
    report = decision.reports.get()
    assert report.due_on == dt.date(2027, 1, 4)  # 3 January 2027 is a Sunday
    actions = list(
        AuditEvent.objects.filter(object_type="decisions.decision").values_list("action", flat=True)
    )
    assert actions[0] == "decisions.decision_create"
    assert actions[-1] == "decisions.decision_publish"


def test_a_step_out_of_order_is_refused_with_its_article(
    government, bureau, justice, nothing_written
):
    decision = new_decision(government, bureau)
    exc = refused(
        dossier.decision_submit_review,
        "out_of_order",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        review_unit=justice,
        submitted_on=dt.date(2026, 6, 1),
        basis=BASIS,
        due_on=dt.date(2026, 6, 10),
    )
    assert "第25条" in exc.message and "起草" in exc.message
    refused(
        dossier.decision_discuss,
        "out_of_order",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        meeting_kind=MeetingKind.STANDING,
        meeting_on=dt.date(2026, 6, 30),
        minutes="纪要",
        head_name="县长",
        head_decision=HeadDecision.ADOPT,
        dissent="无",
    )
    decision.refresh_from_db()
    assert (decision.stage, decision.version) == (Stage.DRAFTING, 1)


def test_a_step_already_passed_cannot_be_taken_again(county, government, bureau, nothing_written):
    decision = through_participation(new_decision(government, bureau))
    exc = refused(
        dossier.decision_open_consultation,
        "out_of_order",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        opens_on=dt.date(2026, 6, 1),
        closes_on=dt.date(2026, 7, 1),
        draft_text="草案",
    )
    assert "不能再进行“公众参与”" in exc.message


def test_a_comment_period_under_30_days_needs_a_reason(government, bureau, nothing_written):
    decision = new_decision(government, bureau)
    exc = refused(
        dossier.decision_open_consultation,
        "comment_period_short",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        opens_on=dt.date(2026, 5, 4),
        closes_on=dt.date(2026, 5, 20),
        draft_text="草案",
    )
    assert "第15条" in exc.message and exc.fields.keys() == {"short_reason"}
    consultation = dossier.decision_open_consultation(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        opens_on=dt.date(2026, 5, 4),
        closes_on=dt.date(2026, 5, 20),
        draft_text="草案",
        short_reason="汛期前必须完成排水改造,情况紧急",
    )
    assert consultation.short_reason.startswith("汛期")


@pytest.mark.parametrize(
    ("held", "code", "why", "field"),
    [
        # Art. 16: the materials reach the participants 7 days before the hearing
        (dt.date(2026, 5, 25), "hearing_notice", ("7日前", "第16条"), "materials_sent_on"),
        # a hearing recorded as held must have been held
        (None, "implausible_date", ("听证日期不能晚于今天",), "held_on"),
    ],
)
def test_a_hearing_is_refused_on_its_field(
    government, bureau, nothing_written, today, held, code, why, field
):
    decision = new_decision(government, bureau, hearing=True)
    dossier.decision_open_consultation(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        opens_on=dt.date(2026, 5, 4),
        closes_on=dt.date(2026, 6, 3),
        draft_text="草案",
    )
    exc = refused(
        dossier.decision_record_hearing,
        code,
        nothing_written,
        decision_id=decision.pk,
        version=None,
        draft_published_on=dt.date(2026, 5, 4),
        materials_sent_on=dt.date(2026, 5, 20),
        held_on=held or today + dt.timedelta(days=1),
        participants="居民代表15名,公开报名随机选取",
        record="笔录",
    )
    assert all(part in exc.message for part in why) and set(exc.fields) == {field}
    assert not decision.hearings.exists()


def test_a_catalogue_hearing_must_be_held_before_participation_ends(
    government, bureau, nothing_written
):
    decision = new_decision(government, bureau, hearing=True)
    with pytest.raises(ApplicationError) as exc:
        through_participation(decision)
    assert exc.value.code == "hearing_missing"
    decision.refresh_from_db()
    assert decision.stage == Stage.PARTICIPATION


def test_participation_cannot_end_while_the_comment_period_runs(
    government, bureau, nothing_written
):
    decision = new_decision(government, bureau)
    dossier.decision_open_consultation(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        opens_on=dt.date(2026, 5, 4),
        closes_on=dt.date(2026, 6, 3),
        draft_text="草案",
    )
    refused(
        dossier.decision_finish_participation,
        "comment_open",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        done_on=dt.date(2026, 6, 3),
    )


def test_an_uncontrollable_risk_blocks_until_the_draft_is_adjusted(
    county, government, bureau, justice, nothing_written
):
    decision = through_expert(
        through_participation(new_decision(government, bureau)), county, government
    )
    decision = dossier.decision_assess_risk(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        level=RiskLevel.UNCONTROLLABLE,
        report="拆迁涉及300户,群体性事件风险高",
        assessed_on=dt.date(2026, 6, 15),
    )
    assert decision.stage == Stage.RISK
    exc = refused(
        dossier.decision_submit_review,
        "risk_uncontrollable",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        review_unit=justice,
        submitted_on=dt.date(2026, 6, 16),
        basis=BASIS,
        due_on=dt.date(2026, 6, 26),
    )
    assert "第24条" in exc.message
    refused(
        dossier.decision_assess_risk,
        "risk_uncontrollable",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        level=RiskLevel.CONTROLLABLE,
        report="再评估",
        assessed_on=dt.date(2026, 6, 16),
    )
    dossier.decision_adjust_draft(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        options="分期实施,先行试点",
        adjustment="改为分三期实施并设立补偿协商机制",
    )
    assert through_risk(decision).stage == Stage.LEGALITY


def test_legality_review_by_the_drafting_unit_is_refused(
    county, government, bureau, nothing_written
):
    decision = through_risk(
        through_expert(through_participation(new_decision(government, bureau)), county, government)
    )
    exc = refused(
        dossier.decision_submit_review,
        "review_by_drafter",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        review_unit=bureau,
        submitted_on=dt.date(2026, 6, 16),
        basis=BASIS,
        due_on=dt.date(2026, 6, 26),
    )
    assert "第25条" in exc.message


def test_the_reviewer_is_given_seven_working_days_unless_a_reason_is_recorded(
    county, government, bureau, justice, reviewer, drafter, nothing_written
):
    """Art. 26 ¶2: "一般不少于7个工作日" binds the drafter's request, not the reviewer's answer."""
    decision = through_risk(
        through_expert(through_participation(new_decision(government, bureau)), county, government)
    )
    submit = dict(
        decision_id=decision.pk,
        version=None,
        review_unit=justice,
        submitted_on=dt.date(2026, 6, 16),
        basis=BASIS,
    )
    exc = refused(
        dossier.decision_submit_review,
        "review_time",
        nothing_written,
        due_on=dt.date(2026, 6, 25),
        **submit,
    )
    assert "2026年6月26日" in exc.message and "第26条第2款" in exc.message
    assert exc.fields == {"short_reason": exc.message}
    exc = refused(
        dossier.decision_submit_review,
        "invalid",
        nothing_written,
        **{**submit, "basis": " "},
        due_on=dt.date(2026, 6, 26),
    )
    assert "第26条" in exc.message
    dossier.decision_submit_review(
        actor=SYSTEM, due_on=dt.date(2026, 6, 19), short_reason="汛期前须开工,情况紧急", **submit
    )
    decision.refresh_from_db()
    assert decision.review_due_on == dt.date(2026, 6, 19)
    assert decision.review_short_reason == "汛期前须开工,情况紧急"
    review = dict(
        decision_id=decision.pk,
        version=None,
        conclusion=ReviewConclusion.LAWFUL,
        opinion="合法",
    )
    exc = refused(
        dossier.decision_review,
        "adviser_missing",
        nothing_written,
        actor=reviewer,
        done_on=dt.date(2026, 6, 18),
        **review,
    )
    assert "第28条" in exc.message
    # The drafting unit may not review, even holding the reviewer role's permission name.
    with nothing_written(), pytest.raises(PermissionDenied):
        dossier.decision_review(actor=drafter, done_on=dt.date(2026, 6, 18), **review)
    dossier.decision_record_advice(
        actor=reviewer,
        decision_id=decision.pk,
        version=None,
        adviser=adviser(justice),
        text="程序合法",
        given_on=dt.date(2026, 6, 17),
    )
    # The reviewer answers promptly (Art. 28), before the time it was given runs out.
    decision = dossier.decision_review(actor=reviewer, done_on=dt.date(2026, 6, 18), **review)
    assert decision.stage == Stage.DISCUSSION


def test_the_review_period_is_the_registry_s_and_editable_per_region(
    county, government, bureau, justice, nothing_written, django_capture_on_commit_callbacks
):
    from fazhi.core import periods
    from fazhi.core.models import StatutoryPeriod
    from fazhi.core.services import period_set_for_region

    periods.sync()
    decision = through_risk(
        through_expert(through_participation(new_decision(government, bureau)), county, government)
    )
    period = StatutoryPeriod.objects.get(key="decisions.legality_review", region=None)
    assert (period.value, period.article) == (7, "第26条第2款")
    with django_capture_on_commit_callbacks(execute=True):
        period_set_for_region(
            actor=SYSTEM, period_id=period.pk, region=county, value=10, note="本县规定"
        )
    exc = refused(
        dossier.decision_submit_review,
        "review_time",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        review_unit=justice,
        submitted_on=dt.date(2026, 6, 16),
        basis=BASIS,
        due_on=dt.date(2026, 6, 26),
    )
    assert "10个工作日" in exc.message


def test_an_unlawful_draft_is_not_put_to_discussion(county, government, bureau, justice, reviewer):
    decision = through_risk(
        through_expert(through_participation(new_decision(government, bureau)), county, government)
    )
    dossier.decision_submit_review(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        review_unit=justice,
        submitted_on=dt.date(2026, 6, 16),
        basis=BASIS,
        due_on=dt.date(2026, 6, 26),
    )
    dossier.decision_record_advice(
        actor=reviewer,
        decision_id=decision.pk,
        version=None,
        adviser=adviser(justice),
        text="缺乏上位法依据",
        given_on=dt.date(2026, 6, 20),
    )
    decision = dossier.decision_review(
        actor=reviewer,
        decision_id=decision.pk,
        version=None,
        conclusion=ReviewConclusion.UNLAWFUL,
        opinion="收费条款无法律依据",
        done_on=dt.date(2026, 6, 26),
    )
    assert decision.stage == Stage.LEGALITY
    assert decision.review_submitted_on is None


def test_collective_discussion_must_record_dissent(
    county, government, bureau, justice, reviewer, nothing_written
):
    decision = through_review(
        through_risk(
            through_expert(
                through_participation(new_decision(government, bureau)), county, government
            )
        ),
        justice,
        reviewer,
    )
    exc = refused(
        dossier.decision_discuss,
        "invalid",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        meeting_kind=MeetingKind.STANDING,
        meeting_on=dt.date(2026, 6, 30),
        minutes="纪要",
        head_name="县长张某",
        head_decision=HeadDecision.ADOPT,
        dissent=" ",
    )
    assert "第30条" in exc.message and "dissent" in exc.fields


def test_publication_needs_the_explanation_of_adopted_views(
    county, government, bureau, justice, reviewer, nothing_written
):
    decision = through_review(
        through_risk(
            through_expert(
                through_participation(new_decision(government, bureau)), county, government
            )
        ),
        justice,
        reviewer,
    )
    dossier.decision_discuss(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        meeting_kind=MeetingKind.STANDING,
        meeting_on=dt.date(2026, 6, 30),
        minutes="纪要",
        head_name="县长张某",
        head_decision=HeadDecision.ADOPT,
        dissent="无",
    )
    exc = refused(
        dossier.decision_publish,
        "invalid",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        published_on=dt.date(2026, 7, 3),
        explanation="",
        implementing_unit=bureau,
    )
    assert "第32条" in exc.message


def test_a_party_report_comes_between_decision_and_publication(
    government, bureau, justice, reviewer, nothing_written
):
    decision = new_decision(
        government, bureau, procedures=[Procedure.LEGALITY_REVIEW, Procedure.COLLECTIVE_DISCUSSION]
    )
    decision.requires_party_report = True
    decision.save()
    decision = dossier.decision_complete_draft(actor=SYSTEM, decision_id=decision.pk, version=None)
    assert decision.stage == Stage.LEGALITY
    decision = through_review(decision, justice, reviewer)
    decision = dossier.decision_discuss(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        meeting_kind=MeetingKind.STANDING,
        meeting_on=dt.date(2026, 6, 30),
        minutes="纪要",
        head_name="县长张某",
        head_decision=HeadDecision.ADOPT,
        dissent="无",
    )
    assert decision.stage == Stage.PARTY_REPORT
    exc = refused(
        dossier.decision_publish,
        "out_of_order",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        published_on=dt.date(2026, 7, 3),
        explanation="",
        implementing_unit=bureau,
    )
    assert "第31条" in exc.message and "“公布决策”" in exc.message
    decision = dossier.decision_report_party(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        reported_on=dt.date(2026, 7, 1),
        report_ref="县委常委会研究同意",
    )
    assert decision.stage == Stage.DECIDED


def test_an_expert_with_a_declared_conflict_is_never_drawn(
    county, government, bureau, nothing_written
):
    from .conftest import pool

    decision = through_participation(new_decision(government, bureau))
    members = pool(county, government, n=4)
    members[1].conflict_units.add(bureau)
    draw = experts.draw_commit(
        actor=SYSTEM, decision_id=decision.pk, version=None, field="城乡规划", count=3
    )
    assert draw.excluded == ["ZJ0002"]
    assert draw.candidates == "ZJ0001\nZJ0003\nZJ0004\n"
    draw = experts.draw_run(actor=SYSTEM, draw_id=draw.pk)
    assert set(draw.selected.values_list("code", flat=True)) == {"ZJ0001", "ZJ0003", "ZJ0004"}
    assert experts.recompute(draw) == draw.selection
    exc = refused(
        experts.decision_record_opinion,
        "expert_not_drawn",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        expert=members[1],
        text="意见",
        dissenting=False,
        given_on=dt.date(2026, 6, 10),
    )
    assert "ZJ" not in exc.message
    # A conflict declared after the draw still excludes the expert's opinion.
    members[0].conflict_units.add(government)
    exc = refused(
        experts.decision_record_opinion,
        "expert_conflict",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        expert=members[0],
        text="意见",
        dissenting=False,
        given_on=dt.date(2026, 6, 10),
    )
    assert "第20条" in exc.message
    refused(
        experts.draw_commit,
        "draw_pool",
        nothing_written,
        decision_id=decision.pk,
        version=None,
        field="城乡规划",
        count=3,
    )
    with nothing_written(), pytest.raises(ApplicationError):
        experts.draw_run(actor=SYSTEM, draw_id=draw.pk)


def test_the_draw_is_the_enforcement_algorithm_recomputable_by_anyone(county, government, bureau):
    import hashlib
    import hmac

    from .conftest import pool

    decision = through_participation(new_decision(government, bureau))
    pool(county, government, n=6)
    draw = experts.draw_commit(
        actor=SYSTEM, decision_id=decision.pk, version=None, field="城乡规划", count=2
    )
    assert draw.seed == "" and draw.selection == ""
    draw = experts.draw_run(actor=SYSTEM, draw_id=draw.pk)
    assert hashlib.sha256(draw.seed.encode()).hexdigest() == draw.commitment
    key = bytes.fromhex(draw.seed)
    ranked = sorted(
        (hmac.new(key, code.encode(), "sha256").hexdigest(), code)
        for code in draw.candidates.split()
    )[:2]
    assert draw.selection == "".join(f"{i}\t{c}\t{s}\n" for i, (s, c) in enumerate(ranked, 1))
