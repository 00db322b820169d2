import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.core.errors import ApplicationError, Conflict, PermissionDenied
from fazhi.core.models import AuditEvent
from fazhi.disputes import services
from fazhi.disputes.choices import ReconsiderationStatus as RS
from fazhi.disputes.models import ReconsiderationCase, ReconsiderationHearing, SupplementRequest
from tests.disputes.helpers import decide, hear_views

D = dt.date


def _state(case):
    case.refresh_from_db()
    return (
        case.status,
        case.version,
        case.decided_on,
        case.decision_type,
        AuditEvent.objects.count(),
    )


def test_counter_application_gets_number_and_acceptance_period(received_case):
    assert received_case.number == "天政复〔2026〕1号"
    assert received_case.status == RS.RECEIVED
    assert received_case.acceptance_due == D(2026, 2, 27)
    assert AuditEvent.objects.filter(action="disputes.reconsideration_apply").count() == 1


def test_application_without_respondent_is_refused_and_nothing_written(
    clerk, application, holidays
):
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_apply(
            actor=clerk,
            application=application(respondent=None),
            channel="counter",
            received_on=D(2026, 2, 13),
        )
    assert "被申请人" in exc.value.message
    assert ReconsiderationCase.objects.count() == 0 and AuditEvent.objects.count() == events


def test_application_with_future_dates_is_refused(clerk, application, holidays):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_apply(
            actor=clerk, application=application(), channel="counter", received_on=tomorrow
        )
    assert "不能晚于今天" in exc.value.message
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_apply(
            actor=clerk,
            application=application(act_known_on=tomorrow),
            channel="counter",
            received_on=timezone.localdate(),
        )
    assert "知道该行政行为的日期" in exc.value.message
    assert ReconsiderationCase.objects.count() == 0


def test_invalid_resident_id_is_refused(clerk, application, holidays):
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_apply(
            actor=clerk,
            application=application(applicant_id_number="140222199001011235"),
            channel="counter",
            received_on=D(2026, 2, 13),
        )
    assert "居民身份证号码" in exc.value.message
    assert ReconsiderationCase.objects.count() == 0


def test_upload_of_wrong_type_or_size_is_refused(clerk, application, holidays, settings):
    exe = SimpleUploadedFile("病毒.exe", b"MZ...")
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_apply(
            actor=clerk,
            application=application(),
            channel="counter",
            received_on=D(2026, 2, 13),
            files=[exe],
        )
    assert "类型不支持" in exc.value.message
    settings.FAZHI_MAX_UPLOAD_BYTES = 10
    big = SimpleUploadedFile("证据.pdf", b"%PDF-" + b"x" * 20)
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_apply(
            actor=clerk,
            application=application(),
            channel="counter",
            received_on=D(2026, 2, 13),
            files=[big],
        )
    assert "超过" in exc.value.message
    assert ReconsiderationCase.objects.count() == 0


def test_only_the_office_registers_counter_applications(
    respondent_reporter, application, holidays, office
):
    with pytest.raises(PermissionDenied):
        services.reconsideration_apply(
            actor=respondent_reporter,
            application=application(),
            channel="counter",
            received_on=D(2026, 2, 13),
        )


def test_supplement_pauses_and_restarts_the_acceptance_clock(clerk, received_case):
    sup = services.reconsideration_request_supplement(
        actor=clerk, case=received_case, requested_on=D(2026, 2, 14), items="身份证明复印件"
    )
    received_case.refresh_from_db()
    assert received_case.status == RS.SUPPLEMENT and received_case.acceptance_due is None
    # 10 WD from Sat 14 Feb (adjusted working day): 24, 25, 26, 27, 28, 2, 3, 4, 5, 6 March.
    assert sup.reply_due == D(2026, 3, 6)
    services.reconsideration_record_supplement(
        actor=clerk, case=received_case, supplied_on=D(2026, 3, 2)
    )
    received_case.refresh_from_db()
    assert received_case.status == RS.RECEIVED
    assert received_case.acceptance_due == D(2026, 3, 9)  # 5 WD from Mon 2 March


def test_second_supplement_request_is_refused(clerk, received_case):
    services.reconsideration_request_supplement(
        actor=clerk, case=received_case, requested_on=D(2026, 2, 14), items="身份证明"
    )
    services.reconsideration_record_supplement(
        actor=clerk, case=received_case, supplied_on=D(2026, 2, 24)
    )
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_request_supplement(
            actor=clerk, case=received_case, requested_on=D(2026, 2, 25), items="再补"
        )
    assert "一次性" in exc.value.message
    assert SupplementRequest.objects.count() == 1


def test_late_supplement_request_is_refused(clerk, received_case):
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_request_supplement(
            actor=clerk, case=received_case, requested_on=D(2026, 3, 2), items="身份证明"
        )
    assert "2026年2月27日" in exc.value.message
    assert SupplementRequest.objects.count() == 0


def test_accept_sets_decision_period(accepted_case):
    assert accepted_case.status == RS.ACCEPTED
    assert accepted_case.decision_due == D(2026, 4, 27)  # 60 days from 24 Feb ends Sat 25 Apr


def test_simplified_procedure_has_30_day_period(clerk, received_case):
    case = services.reconsideration_accept(
        actor=clerk, case=received_case, accepted_on=D(2026, 2, 24), procedure="simplified"
    )
    assert case.decision_due == D(2026, 3, 26)


def test_refusal_after_review_period_is_refused(clerk, received_case):
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_refuse(
            actor=clerk, case=received_case, refused_on=D(2026, 3, 2), reason="超过申请期限"
        )
    assert "视为受理" in exc.value.message
    received_case.refresh_from_db()
    assert received_case.status == RS.RECEIVED


def test_deemed_acceptance_after_the_review_period(received_case):
    counts = services.reconsideration_apply_deadlines(on=D(2026, 3, 2))
    received_case.refresh_from_db()
    assert counts["deemed_accepted"] == 1
    assert (received_case.status, received_case.accepted_on, received_case.acceptance_deemed) == (
        RS.ACCEPTED,
        D(2026, 2, 27),
        True,
    )
    assert received_case.decision_due == D(2026, 4, 28)
    assert services.reconsideration_apply_deadlines(on=D(2026, 3, 2)) == {
        "deemed_accepted": 0,
        "abandoned": 0,
        "terminated": 0,
    }


def test_unsupplied_application_is_abandoned(clerk, received_case):
    services.reconsideration_request_supplement(
        actor=clerk, case=received_case, requested_on=D(2026, 2, 14), items="身份证明"
    )
    services.reconsideration_apply_deadlines(on=D(2026, 3, 7))
    received_case.refresh_from_db()
    assert received_case.status == RS.ABANDONED


def test_decision_before_acceptance_is_refused_and_nothing_changes(clerk, accepted_case):
    before = _state(accepted_case)
    with pytest.raises(ApplicationError) as exc:
        decide(clerk, accepted_case, D(2026, 2, 20), "天政复〔2026〕1号", decision_type="annul")
    assert "不能早于受理日期" in exc.value.message
    assert _state(accepted_case) == before


def test_decision_on_case_not_yet_accepted_is_refused(clerk, received_case):
    before = _state(received_case)
    with pytest.raises(ApplicationError) as exc:
        decide(clerk, received_case, D(2026, 2, 27), "天政复〔2026〕1号")
    assert "尚未受理" in exc.value.message
    assert _state(received_case) == before


def test_stale_version_is_refused(clerk, accepted_case):
    with pytest.raises(Conflict):
        decide(clerk, accepted_case, number="天政复〔2026〕1号", version=accepted_case.version - 1)


def test_full_flow_to_published_decision_masks_personal_data(clerk, accepted_case):
    services.reconsideration_send_copy(actor=clerk, case=accepted_case, sent_on=D(2026, 2, 25))
    services.reconsideration_record_hearing(
        actor=clerk,
        case=accepted_case,
        kind="hearing",
        notice_on=D(2026, 3, 2),
        held_on=D(2026, 3, 10),
        place="县司法局听证室",
    )
    services.reconsideration_record_hearing(
        actor=clerk, case=accepted_case, kind="site_investigation", held_on=D(2026, 3, 12)
    )
    services.reconsideration_extend(
        actor=clerk,
        case=accepted_case,
        approved_on=D(2026, 4, 20),
        approver="王主任",
        days=20,
        reason="需要补充鉴定",
    )
    case = services.reconsideration_decide(
        actor=clerk,
        case=accepted_case,
        decided_on=D(2026, 5, 6),
        decision_type="annul",
        doc_number="天政复〔2026〕8号",
        text="申请人张三(身份证号140222199001011234,电话13912345678)不服……本机关决定撤销。",
    )
    assert case.status == RS.DECIDED and case.decision_due == D(2026, 5, 15)
    case = services.reconsideration_publish(actor=clerk, case=case, published_on=D(2026, 5, 8))
    assert case.status == RS.PUBLISHED
    assert "张*" in case.publication_text and "张三" not in case.publication_text
    assert (
        "1402**********1234" in case.publication_text and "13912345678" not in case.publication_text
    )


def test_hearing_for_closed_case_is_refused(clerk, accepted_case):
    hear_views(clerk, accepted_case)
    decide(clerk, accepted_case)
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_record_hearing(
            actor=clerk, case=accepted_case, kind="views", held_on=D(2026, 3, 25)
        )
    assert "已结案" in exc.value.message
    assert ReconsiderationHearing.objects.count() == 1  # only the views heard before deciding


def test_hearing_needs_five_working_days_notice(clerk, accepted_case):
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_record_hearing(
            actor=clerk,
            case=accepted_case,
            kind="hearing",
            notice_on=D(2026, 3, 2),
            held_on=D(2026, 3, 6),
        )
    assert "5 个工作日" in exc.value.message
    assert ReconsiderationHearing.objects.count() == 0


def test_extension_beyond_30_days_is_refused(clerk, accepted_case):
    services.reconsideration_extend(
        actor=clerk,
        case=accepted_case,
        approved_on=D(2026, 4, 20),
        approver="王主任",
        days=20,
        reason="鉴定",
    )
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_extend(
            actor=clerk,
            case=accepted_case,
            approved_on=D(2026, 4, 21),
            approver="王主任",
            days=11,
            reason="再延",
        )
    assert "最多延长 30 日" in exc.value.message
    accepted_case.refresh_from_db()
    assert accepted_case.extensions.count() == 1


def test_committee_only_for_major_cases(clerk, accepted_case):
    with pytest.raises(ApplicationError):
        services.reconsideration_consult_committee(
            actor=clerk, case=accepted_case, consulted_on=D(2026, 3, 1), opinion="意见"
        )


def test_respondent_replies_but_other_units_cannot(
    clerk, accepted_case, respondent_reporter, other_reporter
):
    services.reconsideration_send_copy(actor=clerk, case=accepted_case, sent_on=D(2026, 2, 25))
    with pytest.raises(PermissionDenied):
        services.reconsideration_submit_reply(
            actor=other_reporter, case=accepted_case, replied_on=D(2026, 3, 3), text="答复"
        )
    case = services.reconsideration_submit_reply(
        actor=respondent_reporter, case=accepted_case, replied_on=D(2026, 3, 3), text="认定事实清楚"
    )
    assert case.respondent_replied_on == D(2026, 3, 3)
    assert case.respondent_reply_due == D(
        2026, 3, 10
    )  # 10 WD from 25 Feb: 26, 27, Sat 28, 2–6, 9, 10 March


def test_respondent_reporter_cannot_decide(respondent_reporter, accepted_case):
    with pytest.raises(PermissionDenied):
        decide(respondent_reporter, accepted_case)


def test_opinion_letter_reply_deadline_and_reply(
    clerk, accepted_case, respondent_reporter, other_reporter, respondent
):
    letter = services.letter_issue(
        actor=clerk,
        kind="opinion",
        addressee=respondent,
        issuer="天镇县人民政府",
        doc_number="天政复意〔2026〕1号",
        issued_on=D(2026, 8, 2),
        content="规范送达程序",
        reconsideration=accepted_case,
    )
    assert letter.reply_due == D(2026, 10, 8)
    with pytest.raises(PermissionDenied):
        services.letter_reply(
            actor=other_reporter, letter=letter, replied_on=D(2026, 9, 1), text="已整改"
        )
    services.letter_reply(
        actor=respondent_reporter, letter=letter, replied_on=D(2026, 9, 1), text="已整改"
    )
    services.letter_follow_up(actor=clerk, letter=letter, note="已核实")
    letter.refresh_from_db()
    assert letter.replied_on == D(2026, 9, 1) and "已核实" in letter.follow_up
