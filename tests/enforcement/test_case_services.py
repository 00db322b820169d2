import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import periods
from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role
from fazhi.core.errors import ApplicationError, Conflict, PermissionDenied
from fazhi.core.models import AuditEvent
from fazhi.enforcement import services
from fazhi.enforcement.models import CaseStep, CustodyEntry, Evidence, LegalReview, PenaltyCase
from tests.enforcement.conftest import make_officer

pytestmark = pytest.mark.usefixtures("holidays")


def _counts():
    return (
        PenaltyCase.objects.count(),
        CaseStep.objects.count(),
        AuditEvent.objects.count(),
        Evidence.objects.count(),
        LegalReview.objects.count(),
    )


def refused(fn, match, **kwargs):
    """Call a service that must refuse; assert the message and that nothing was written."""
    before = _counts()
    with pytest.raises(ApplicationError, match=match):
        fn(**kwargs)
    assert _counts() == before


def file_case(actor, body, officers, standard, valid_uscc, **kw):
    return services.case_file(
        actor=actor,
        body=body,
        title="未取得食品经营许可从事食品经营",
        party_kind="organisation",
        party_name="天镇县福顺食品有限公司",
        party_uscc=valid_uscc,
        standard=standard,
        officers=officers[:2],
        **kw,
    )


def to_notified(actor, case, level="general", fine="30000", **kw):
    services.case_investigate(actor=actor, case=case)
    services.evidence_add(
        actor=actor,
        case=case,
        title="现场检查笔录",
        upload=SimpleUploadedFile("笔录.txt", "笔录内容".encode()),
    )
    return services.case_notify(
        actor=actor,
        case=case,
        level=level,
        proposed_penalty=f"罚款{fine}元",
        proposed_fine=Decimal(fine) if fine else None,
        **kw,
    )


def test_numbering_by_body_and_year(officer_user, body, officers, standard, valid_uscc, today):
    a = file_case(officer_user, body, officers, standard, valid_uscc)
    b = file_case(officer_user, body, officers, standard, valid_uscc)
    assert a.number == f"天市监罚〔{today.year}〕1号" and b.number == f"天市监罚〔{today.year}〕2号"
    assert a.decision_due == periods.due("enforcement.decision", today).date
    assert a.steps.get().action == "file"


def test_full_general_procedure_with_review_and_discussion(
    officer_user, reviewer, body, officers, standard, valid_uscc, today
):
    case = file_case(
        officer_user, body, officers, standard, valid_uscc, is_major=True, is_serious=True
    )
    case = to_notified(officer_user, case)
    assert (case.allowed_min, case.allowed_max) == (Decimal("20000"), Decimal("50000"))
    assert case.hearing_request_due == periods.due("enforcement.hearing_request", today).date
    services.case_request_hearing(actor=officer_user, case=case)
    services.case_hold_hearing(actor=officer_user, case=case, record="当事人陈述了经营时间短")
    services.case_submit_review(actor=officer_user, case=case)
    services.case_review(actor=reviewer, case=case, approved=True, opinion="同意")
    services.case_discuss(actor=officer_user, case=case, minutes="局务会同意")
    case = services.case_decide(
        actor=officer_user, case=case, decision_kind="penalty", fine=Decimal("30000")
    )
    assert case.service_due == periods.due("enforcement.service", today).date
    services.case_serve(actor=officer_user, case=case)
    services.case_publish(actor=officer_user, case=case)
    services.case_execute(actor=officer_user, case=case)
    case = services.case_close(actor=officer_user, case=case)
    assert case.stage == "closed" and case.published_on == today
    actions = list(case.steps.values_list("action", flat=True))
    assert actions == [
        "file",
        "investigate",
        "add_evidence",
        "notify",
        "request_hearing",
        "hold_hearing",
        "submit_review",
        "review",
        "discuss",
        "decide",
        "serve",
        "publish",
        "execute",
        "close",
    ]
    assert AuditEvent.objects.filter(
        object_type="enforcement.penaltycase", object_id=str(case.pk)
    ).count() == len(actions)


def test_uncredentialed_or_expired_officer_cannot_be_assigned(
    officer_user, body, officers, expired_officer, standard, valid_uscc
):
    refused(
        services.case_file,
        "执法证已于",
        actor=officer_user,
        body=body,
        title="x",
        party_kind="organisation",
        party_name="甲",
        party_uscc=valid_uscc,
        officers=[officers[0], expired_officer],
    )
    no_card = make_officer(body, "无证人员", valid_until=False)
    refused(
        services.case_file,
        "没有执法证",
        actor=officer_user,
        body=body,
        title="x",
        party_kind="organisation",
        party_name="甲",
        party_uscc=valid_uscc,
        officers=[officers[0], no_card],
    )
    suspended = make_officer(body, "暂扣人员", status="suspended")
    case = file_case(officer_user, body, officers, standard, valid_uscc)
    refused(
        services.case_assign_officers,
        "暂扣或注销",
        actor=officer_user,
        case=case,
        officers=[officers[0], suspended],
    )
    refused(
        services.case_assign_officers,
        "不得少于2人",
        actor=officer_user,
        case=case,
        officers=[officers[0]],
    )


def test_credential_expiring_mid_case_blocks_the_decision(
    officer_user, body, officers, standard, valid_uscc, today
):
    case = file_case(officer_user, body, officers, standard, valid_uscc)
    to_notified(officer_user, case)
    services.case_waive(actor=officer_user, case=case)
    officers[1].credentials.update(valid_until=today - dt.timedelta(days=1))
    refused(
        services.case_decide,
        "只有 1 名",
        actor=officer_user,
        case=case,
        decision_kind="penalty",
        fine=Decimal("30000"),
    )


def test_major_decision_without_legal_review_is_refused(
    officer_user, body, officers, standard, valid_uscc
):
    case = file_case(officer_user, body, officers, standard, valid_uscc, is_major=True)
    to_notified(officer_user, case)
    services.case_waive(actor=officer_user, case=case)
    refused(
        services.case_decide,
        "第五十八条",
        actor=officer_user,
        case=case,
        decision_kind="penalty",
        fine=Decimal("30000"),
    )


def test_returned_review_blocks_the_decision_and_reopens_investigation(
    officer_user, reviewer, body, officers, standard, valid_uscc
):
    case = file_case(officer_user, body, officers, standard, valid_uscc, is_major=True)
    to_notified(officer_user, case)
    services.case_waive(actor=officer_user, case=case)
    services.case_submit_review(actor=officer_user, case=case)
    services.case_review(actor=reviewer, case=case, approved=False, opinion="证据不足")
    case.refresh_from_db()
    assert case.stage == "investigating" and not case.review_passed
    refused(
        services.case_decide,
        "当前处于",
        actor=officer_user,
        case=case,
        decision_kind="penalty",
        fine=Decimal("30000"),
    )


def test_only_a_reviewer_gives_legal_review(officer_user, body, officers, standard, valid_uscc):
    case = file_case(officer_user, body, officers, standard, valid_uscc, is_major=True)
    to_notified(officer_user, case)
    services.case_waive(actor=officer_user, case=case)
    services.case_submit_review(actor=officer_user, case=case)
    with pytest.raises(PermissionDenied):
        services.case_review(actor=officer_user, case=case, approved=True, opinion="自己审自己")
    assert not LegalReview.objects.exists()


def test_outside_range_needs_a_reason_that_the_reviewer_sees(
    officer_user, body, officers, standard, valid_uscc
):
    case = file_case(officer_user, body, officers, standard, valid_uscc)
    to_notified(officer_user, case)
    # 60000 is heavier than the 30000 notified: a new notice first (Art. 44, 45).
    services.case_notify(
        actor=officer_user,
        case=case,
        level="general",
        proposed_penalty="罚款60000元",
        proposed_fine=Decimal("60000"),
    )
    services.case_waive(actor=officer_user, case=case)
    refused(
        services.case_decide,
        "书面说明理由",
        actor=officer_user,
        case=case,
        decision_kind="penalty",
        fine=Decimal("60000"),
    )
    case = services.case_decide(
        actor=officer_user,
        case=case,
        decision_kind="penalty",
        fine=Decimal("60000"),
        outside_range_reason="拒不改正",
    )
    assert case.outside_range_reason == "拒不改正"
    assert "拒不改正" in case.steps.get(action="decide").note


def test_exemption_is_applied_and_a_fine_then_counts_as_outside(
    officer_user, body, officers, standard, valid_uscc
):
    case = file_case(officer_user, body, officers, standard, valid_uscc)
    case = to_notified(
        officer_user,
        case,
        level="minor",
        fine=None,
        first_offence=True,
        corrected_promptly=True,
        harm="minor",
    )
    assert case.exemption_applied == "first_offence" and case.allowed_max == 0
    services.case_waive(actor=officer_user, case=case)
    refused(
        services.case_decide,
        "书面说明理由",
        actor=officer_user,
        case=case,
        decision_kind="penalty",
        fine=Decimal("5000"),
    )
    case = services.case_decide(
        actor=officer_user, case=case, decision_kind="no_penalty", fine=None
    )
    services.case_serve(actor=officer_user, case=case)
    refused(services.case_execute, "无需执行", actor=officer_user, case=case)
    assert services.case_close(actor=officer_user, case=case).stage == "closed"


def test_late_hearing_request_is_refused(officer_user, body, officers, standard, valid_uscc, today):
    case = file_case(officer_user, body, officers, standard, valid_uscc)
    to_notified(officer_user, case)
    PenaltyCase.objects.filter(pk=case.pk).update(hearing_request_due=today - dt.timedelta(days=1))
    refused(services.case_request_hearing, "申请听证期限已于", actor=officer_user, case=case)


def test_decision_after_the_period_needs_an_extension(
    officer_user, body, officers, standard, valid_uscc, today
):
    case = file_case(officer_user, body, officers, standard, valid_uscc)
    to_notified(officer_user, case)
    services.case_waive(actor=officer_user, case=case)
    PenaltyCase.objects.filter(pk=case.pk).update(
        decision_due=today - dt.timedelta(days=1), filed_on=today - dt.timedelta(days=91)
    )
    refused(
        services.case_decide,
        "办案期限",
        actor=officer_user,
        case=case,
        decision_kind="penalty",
        fine=Decimal("30000"),
    )
    services.case_extend(actor=officer_user, case=case, days=30, reason="案情复杂")
    case.refresh_from_db()
    assert case.decision_due >= today and case.extensions.get().days == 30
    assert (
        services.case_decide(
            actor=officer_user, case=case, decision_kind="penalty", fine=Decimal("30000")
        ).stage
        == "decided"
    )


def test_invalid_uscc_and_resident_id_are_refused(officer_user, body, officers, valid_uscc):
    bad = valid_uscc[:-1] + ("0" if valid_uscc[-1] != "0" else "1")
    refused(
        services.case_file,
        "统一社会信用代码",
        actor=officer_user,
        body=body,
        title="x",
        party_kind="organisation",
        party_name="甲",
        party_uscc=bad,
        officers=officers[:2],
    )
    refused(
        services.case_file,
        "身份证号码",
        actor=officer_user,
        body=body,
        title="x",
        party_kind="person",
        party_name="王小明",
        party_resident_id="140222199503122011",
        officers=officers[:2],
    )


def test_officer_of_another_body_cannot_act(
    make_user, other_body, officer_user, body, officers, standard, valid_uscc
):
    case = file_case(officer_user, body, officers, standard, valid_uscc)
    stranger = make_user(Role.OFFICER, unit=other_body.unit)
    with pytest.raises(PermissionDenied):
        services.case_investigate(actor=stranger, case=case)
    with pytest.raises(PermissionDenied):
        services.case_file(
            actor=stranger,
            body=body,
            title="x",
            party_kind="organisation",
            party_name="甲",
            party_uscc=valid_uscc,
        )
    assert PenaltyCase.objects.count() == 1


def test_stale_version_is_a_conflict(officer_user, body, officers, standard, valid_uscc):
    case = file_case(officer_user, body, officers, standard, valid_uscc)
    before = _counts()
    with pytest.raises(Conflict):
        services.case_investigate(actor=officer_user, case=case, version=case.version + 5)
    assert _counts() == before


def test_evidence_upload_checks_and_custody_detects_tampering(
    officer_user, body, officers, standard, valid_uscc, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    case = file_case(officer_user, body, officers, standard, valid_uscc)
    services.case_investigate(actor=officer_user, case=case)
    refused(
        services.evidence_add,
        "不支持的文件类型",
        actor=officer_user,
        case=case,
        title="脚本",
        upload=SimpleUploadedFile("a.exe", b"MZ"),
    )
    settings.FAZHI_MAX_UPLOAD_BYTES = 3
    refused(
        services.evidence_add,
        "超过上限",
        actor=officer_user,
        case=case,
        title="大文件",
        upload=SimpleUploadedFile("a.txt", b"12345"),
    )
    settings.FAZHI_MAX_UPLOAD_BYTES = 1024
    ev = services.evidence_add(
        actor=officer_user,
        case=case,
        title="照片",
        upload=SimpleUploadedFile("a.jpg", b"\xff\xd8\xffphoto-bytes"),
    )
    import hashlib

    assert ev.sm3 == hashlib.new("sm3", b"\xff\xd8\xffphoto-bytes").hexdigest()
    services.evidence_custody(
        actor=officer_user, evidence=ev, action="transferred", note="移交法制股"
    )
    assert CustodyEntry.objects.filter(evidence=ev).count() == 2
    with open(ev.file.path, "wb") as fh:
        fh.write(b"altered")
    with pytest.raises(ApplicationError, match="SM3 不一致"):
        services.evidence_custody(actor=officer_user, evidence=ev, action="examined")
    assert CustodyEntry.objects.filter(evidence=ev).count() == 2


def test_case_file_review_rubric(supervisor, officer_user, body, officers, standard, valid_uscc):
    case = file_case(officer_user, body, officers, standard, valid_uscc)
    scores = {
        "body": 10,
        "officers": 10,
        "facts": 18,
        "law": 15,
        "discretion": 12,
        "procedure": 20,
        "documents": 8,
    }
    with pytest.raises(ApplicationError, match="已结案"):
        services.file_review_record(actor=supervisor, case=case, scores=scores)
    PenaltyCase.objects.filter(pk=case.pk).update(stage="closed")
    case.refresh_from_db()
    review = services.file_review_record(
        actor=supervisor, case=case, scores=scores, comment="裁量说理不足"
    )
    assert (review.total, review.grade) == (93, "优秀")
    with pytest.raises(PermissionDenied):
        services.file_review_record(actor=officer_user, case=case, scores=scores)


def test_statutory_periods_come_from_editable_configuration(
    officer_user, body, officers, standard, valid_uscc, today, django_capture_on_commit_callbacks
):
    from fazhi.core.holidays import deadline
    from fazhi.core.models import StatutoryPeriod
    from fazhi.core.services import period_update

    def edit(key, value):
        row = StatutoryPeriod.objects.get(key=f"enforcement.{key}", region__isnull=True)
        with django_capture_on_commit_callbacks(execute=True):
            period_update(
                actor=SYSTEM, period_id=row.pk, version=row.version, value=value, note="测试"
            )

    edit("decision", 60)
    case = file_case(officer_user, body, officers, standard, valid_uscc)
    assert case.decision_due == deadline(today, 60, working=False).date
    edit("hearing_request", 3)
    case = to_notified(officer_user, case)
    assert case.hearing_request_due == deadline(today, 3, working=True).date
