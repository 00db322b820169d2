"""Issue 11's enforcement defects: each test fails on the code before the kernel port."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import AuditEvent
from fazhi.enforcement import assignment, selectors, services
from fazhi.enforcement.demo import generated_uscc
from fazhi.enforcement.models import (
    Credential,
    DiscretionStandard,
    InspectionTarget,
    OfficerRelation,
    PenaltyCase,
    TrainingRecord,
    TrainingSession,
)
from tests.enforcement.test_case_services import file_case, to_notified

pytestmark = pytest.mark.usefixtures("holidays")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _written():
    return (
        AuditEvent.objects.count(),
        PenaltyCase.objects.filter(decided_on__isnull=False).count(),
        Credential.objects.count(),
        TrainingRecord.objects.count(),
        TrainingSession.objects.count(),
    )


def test_a_decision_heavier_than_notified_needs_a_new_notice_and_review(
    officer_user, reviewer, body, officers, standard, valid_uscc
):
    case = file_case(officer_user, body, officers, standard, valid_uscc, is_major=True)
    to_notified(officer_user, case, fine="30000")
    services.case_waive(actor=officer_user, case=case)
    services.case_submit_review(actor=officer_user, case=case)
    services.case_review(actor=reviewer, case=case, approved=True, opinion="同意")
    before = _written()
    with pytest.raises(ApplicationError, match="重新告知"):
        services.case_decide(
            actor=officer_user,
            case=case,
            decision_kind="penalty",
            fine=Decimal("45000"),
            outside_range_reason="情节恶劣",
        )
    assert _written() == before
    # A new notice of the heavier penalty opens a new statement period and a new review.
    case = services.case_notify(
        actor=officer_user,
        case=case,
        level="general",
        proposed_penalty="罚款45000元",
        proposed_fine=Decimal("45000"),
    )
    assert (case.stage, case.review_passed, case.rights_waived) == ("notified", False, False)
    services.case_waive(actor=officer_user, case=case)
    with pytest.raises(ApplicationError, match="第五十八条"):
        services.case_decide(
            actor=officer_user, case=case, decision_kind="penalty", fine=Decimal("45000")
        )
    services.case_submit_review(actor=officer_user, case=case)
    services.case_review(actor=reviewer, case=case, approved=True, opinion="同意")
    case = services.case_decide(
        actor=officer_user, case=case, decision_kind="penalty", fine=Decimal("45000")
    )
    assert (
        case.fine == Decimal("45000")
        and "重新告知" in case.steps.get(action="notify", data__renotice=True).note
    )


def test_credentials_and_training_only_by_the_justice_bureau(
    officer_user, reviewer, officers, today
):
    before = _written()
    with pytest.raises(PermissionDenied, match="司法局"):
        services.credential_issue(
            actor=officer_user,
            officer=officers[1],
            number="X-9",
            kind="provincial",
            issued_on=today,
            valid_until=today + dt.timedelta(days=365),
        )
    with pytest.raises(PermissionDenied, match="司法局"):
        services.training_session_create(
            actor=officer_user, course="自学", held_on=today, hours=Decimal("60"), organiser="本局"
        )
    assert _written() == before
    session = services.training_session_create(
        actor=reviewer,
        course="行政处罚法专题",
        held_on=today,
        hours=Decimal("8"),
        organiser="司法局",
    )
    with pytest.raises(PermissionDenied):
        services.training_record(actor=officer_user, officer=officers[1], session=session)
    record = services.training_record(actor=reviewer, officer=officers[1], session=session)
    assert (record.hours, record.course) == (Decimal("8.0"), "行政处罚法专题")
    with pytest.raises(ApplicationError, match="已登记"):
        services.training_record(actor=reviewer, officer=officers[1], session=session)
    credential = services.credential_issue(
        actor=reviewer,
        officer=officers[1],
        number="X-9",
        kind="provincial",
        issued_on=today,
        valid_until=today + dt.timedelta(days=365),
    )
    with pytest.raises(PermissionDenied):
        services.credential_set_status(actor=officer_user, credential=credential, status="revoked")
    assert (
        services.credential_set_status(
            actor=reviewer, credential=credential, status="suspended"
        ).status
        == "suspended"
    )


def test_officers_related_to_the_party_are_refused(
    officer_user, body, officers, standard, valid_uscc
):
    target = InspectionTarget.objects.create(uscc=valid_uscc, name="当事人", category="食品")
    OfficerRelation.objects.create(officer=officers[1], target=target, relation="配偶经营")
    before = (_written(), PenaltyCase.objects.count())
    with pytest.raises(ApplicationError, match=r"应当回避:吴建国\(配偶经营\)"):
        file_case(officer_user, body, officers, standard, valid_uscc)
    assert (_written(), PenaltyCase.objects.count()) == before
    case = services.case_file(
        actor=officer_user,
        body=body,
        title="无证经营",
        party_kind="organisation",
        party_name="当事人",
        party_uscc=valid_uscc,
        standard=standard,
    )
    with pytest.raises(ApplicationError, match="应当回避"):
        services.case_assign_officers(actor=officer_user, case=case, officers=officers[:2])
    assert not case.officers.exists()
    services.case_assign_officers(
        actor=officer_user, case=case, officers=[officers[0], officers[2]]
    )
    assert case.officers.count() == 2


def test_a_case_may_not_use_another_fields_standard(
    officer_user, body, other_body, officers, valid_uscc
):
    foreign = DiscretionStandard.objects.create(
        code="HB-001", violation="超标排放", legal_basis="x", penalty_basis="y", body=other_body
    )
    before = PenaltyCase.objects.count()
    with pytest.raises(ApplicationError, match="不能用于"):
        file_case(officer_user, body, officers, foreign, valid_uscc)
    assert PenaltyCase.objects.count() == before


def test_inspectors_are_paired_anew_for_each_visit():
    officers = list(range(1, 7))
    visits = assignment.assign(
        [f"T{i}" for i in range(60)], {1: officers}, lead_body=1, seed_hex="ab" * 32
    )
    pairs = {frozenset(v.officer_ids) for v in visits}
    assert len(pairs) > 3  # fixed pairs would give exactly 3 for 6 officers
    loads = [sum(o in v.officer_ids for v in visits) for o in officers]
    assert max(loads) - min(loads) <= 1


def test_the_review_rate_counts_decided_major_cases_only(
    officer_user, reviewer, supervisor, body, officers, standard, valid_uscc, today
):
    decided = file_case(officer_user, body, officers, standard, valid_uscc, is_major=True)
    to_notified(officer_user, decided)
    services.case_waive(actor=officer_user, case=decided)
    services.case_submit_review(actor=officer_user, case=decided)
    services.case_review(actor=reviewer, case=decided, approved=True, opinion="同意")
    services.case_decide(
        actor=officer_user, case=decided, decision_kind="penalty", fine=Decimal("30000")
    )
    file_case(officer_user, body, officers, standard, valid_uscc, is_major=True)  # undecided
    row = next(r for r in selectors.statistics(user=supervisor, year=today.year) if r == body)
    assert (row.major, row.major_decided, row.review_rate) == (2, 1, 100)


def test_due_within_five_days_leaves_out_a_case_with_seven_days_left(
    officer_user, supervisor, body, officers, standard, valid_uscc, today
):
    case = file_case(officer_user, body, officers, standard, valid_uscc)
    PenaltyCase.objects.filter(pk=case.pk).update(
        decided_on=today,
        decision_kind="penalty",
        service_due=today + dt.timedelta(days=7),
        publicity_due=today + dt.timedelta(days=7),
    )
    assert not selectors.case_alerts(user=supervisor).filter(pk=case.pk).exists()
    PenaltyCase.objects.filter(pk=case.pk).update(service_due=today + dt.timedelta(days=4))
    assert selectors.case_alerts(user=supervisor).filter(pk=case.pk).exists()


def test_the_portal_draw_page_gives_the_full_verify_command(client, officer_user, body, officers):
    services.target_import(
        actor=officer_user,
        rows=[(generated_uscc(20000000 + i), f"企业{i}", "食品销售", "") for i in range(10)],
    )
    plan = services.plan_create(
        actor=officer_user, body=body, title="抽查", year=2026, scope="x", ratio_bp=2000
    )
    row = services.draw_reveal(
        actor=officer_user, draw_row=services.draw_commit(actor=officer_user, plan=plan)
    )
    page = client.get(
        reverse("portal:enforcement_public:draw_detail", args=[row.pk])
    ).content.decode()
    assert (
        f"fazhi inspection verify-draw --targets draw-{row.pk}-targets.txt --seed {row.seed} "
        f"--ratio 2000 --commitment {row.seed_commitment}"
    ) in page
