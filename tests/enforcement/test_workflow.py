import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.enforcement import workflow as wf

TODAY = dt.date(2026, 11, 30)


def facts(**kw):
    base = dict(
        stage=wf.FILED,
        today=TODAY,
        credentialed_officers=2,
        evidence_count=1,
        has_proposal=True,
        hearing_request_due=TODAY - dt.timedelta(days=1),
        decision_due=TODAY + dt.timedelta(days=30),
    )
    base.update(kw)
    return wf.CaseFacts(**base)


def test_investigation_needs_two_credentialed_officers():
    with pytest.raises(wf.Refused) as exc:
        wf.next_stage("investigate", facts(credentialed_officers=1))
    assert "不得少于两人" in exc.value.reasons[0]
    assert wf.next_stage("investigate", facts()) == wf.INVESTIGATING


def test_notice_needs_evidence_and_a_proposal():
    with pytest.raises(wf.Refused) as exc:
        wf.next_stage("notify", facts(stage=wf.INVESTIGATING, evidence_count=0, has_proposal=False))
    assert len(exc.value.reasons) == 2


def test_hearing_request_after_five_working_days_is_refused():
    with pytest.raises(wf.Refused, match="申请听证期限已于"):
        wf.next_stage(
            "request_hearing",
            facts(stage=wf.NOTIFIED, hearing_request_due=TODAY - dt.timedelta(days=1)),
        )
    assert (
        wf.next_stage("request_hearing", facts(stage=wf.NOTIFIED, hearing_request_due=TODAY))
        == wf.HEARING
    )


def test_decision_waits_for_the_statement_period_unless_waived():
    early = facts(stage=wf.NOTIFIED, hearing_request_due=TODAY + dt.timedelta(days=2))
    with pytest.raises(wf.Refused, match="尚未届满"):
        wf.next_stage("decide", early)
    assert (
        wf.next_stage(
            "decide",
            facts(
                stage=wf.NOTIFIED,
                hearing_request_due=TODAY + dt.timedelta(days=2),
                rights_waived=True,
            ),
        )
        == wf.DECIDED
    )


def test_requested_hearing_must_be_held_before_deciding():
    with pytest.raises(wf.Refused, match="须先举行听证"):
        wf.next_stage("decide", facts(stage=wf.HEARING, hearing_requested=True))
    assert (
        wf.next_stage("decide", facts(stage=wf.HEARING, hearing_requested=True, hearing_held=True))
        == wf.DECIDED
    )


def test_major_decision_without_legal_review_is_refused():
    with pytest.raises(wf.Refused, match="第五十八条"):
        wf.next_stage("decide", facts(stage=wf.NOTIFIED, rights_waived=True, is_major=True))
    reviewed = facts(stage=wf.LEGAL_REVIEW, rights_waived=True, is_major=True, review_passed=True)
    assert wf.next_stage("decide", reviewed) == wf.DECIDED


def test_serious_case_needs_collective_discussion():
    with pytest.raises(wf.Refused, match="集体讨论"):
        wf.next_stage("decide", facts(stage=wf.NOTIFIED, rights_waived=True, is_serious=True))


def test_outside_range_needs_a_written_reason():
    f = facts(stage=wf.NOTIFIED, rights_waived=True, fine_outside_range=True)
    with pytest.raises(wf.Refused, match="书面说明理由"):
        wf.next_stage("decide", f)
    assert (
        wf.next_stage(
            "decide",
            facts(
                stage=wf.NOTIFIED,
                rights_waived=True,
                fine_outside_range=True,
                outside_range_reason="主动消除危害后果",
            ),
        )
        == wf.DECIDED
    )


def test_decision_after_the_period_is_refused():
    with pytest.raises(wf.Refused, match="办案期限"):
        wf.next_stage(
            "decide",
            facts(stage=wf.NOTIFIED, rights_waived=True, decision_due=TODAY - dt.timedelta(days=1)),
        )


def test_review_return_goes_back_to_investigation():
    assert wf.next_stage("review", facts(stage=wf.LEGAL_REVIEW), approved=False) == wf.INVESTIGATING
    assert wf.next_stage("review", facts(stage=wf.LEGAL_REVIEW), approved=True) == wf.LEGAL_REVIEW


def test_no_penalty_closes_without_execution():
    with pytest.raises(wf.Refused):
        wf.next_stage("execute", facts(stage=wf.SERVED, decision_no_penalty=True))
    assert wf.next_stage("close", facts(stage=wf.SERVED, decision_no_penalty=True)) == wf.CLOSED
    with pytest.raises(wf.Refused, match="尚未执行"):
        wf.next_stage("close", facts(stage=wf.SERVED))


def test_wrong_stage_is_refused_with_the_stage_named():
    with pytest.raises(wf.Refused, match="已立案"):
        wf.next_stage("serve", facts())


ACTIONS = list(wf.ALLOWED_FROM)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(ACTIONS), st.booleans()), max_size=25),
    st.booleans(),
    st.booleans(),
)
def test_no_sequence_reaches_a_decision_without_required_review(steps, is_major, is_serious):
    """Whatever order actions are tried in, a major case is never decided unreviewed, nor a serious one undiscussed."""
    state = dict(
        stage=wf.FILED,
        review_passed=False,
        collective_done=False,
        rights_waived=False,
        hearing_requested=False,
        hearing_held=False,
    )
    for action, approved in steps:
        f = facts(
            is_major=is_major,
            is_serious=is_serious,
            hearing_request_due=TODAY + dt.timedelta(days=3),
            **state,
        )
        try:
            new = wf.next_stage(action, f, approved=approved)
        except wf.Refused:
            continue
        if action == "decide":
            assert not is_major or state["review_passed"]
            assert not is_serious or state["collective_done"]
        state["stage"] = new
        if action == "review":
            state["review_passed"] = approved
        state["collective_done"] |= action == "discuss"
        state["rights_waived"] |= action == "waive"
        state["hearing_requested"] |= action == "request_hearing"
        state["hearing_held"] |= action == "hold_hearing"
