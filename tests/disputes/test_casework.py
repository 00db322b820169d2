import datetime as dt

import pytest

from fazhi.core.errors import ApplicationError
from fazhi.disputes import services
from fazhi.disputes.choices import MediationStatus, PetitionStatus

D = dt.date


def test_petition_acceptance_and_handling_periods(respondent_reporter, respondent, holidays):
    p = services.petition_register(
        actor=respondent_reporter,
        unit=respondent,
        petitioner_name="周某",
        subject="拆迁补偿",
        content="",
        received_on=D(2026, 2, 1),
    )
    assert p.acceptance_due == D(2026, 2, 24)
    p = services.petition_accept(actor=respondent_reporter, petition=p, accepted_on=D(2026, 8, 2))
    assert p.status == PetitionStatus.ACCEPTED and p.handling_due == D(2026, 10, 8)
    with pytest.raises(ApplicationError):
        services.petition_reply(
            actor=respondent_reporter,
            petition=p,
            replied_on=D(2026, 9, 1),
            reply_kind="",
            text="意见",
        )
    p = services.petition_reply(
        actor=respondent_reporter,
        petition=p,
        replied_on=D(2026, 9, 1),
        reply_kind="explain",
        text="已解释",
    )
    assert p.status == PetitionStatus.REPLIED


def test_petition_extension_capped_at_30_days(respondent_reporter, respondent, holidays):
    from django.utils import timezone

    today = timezone.localdate()
    p = services.petition_register(
        actor=respondent_reporter,
        unit=respondent,
        petitioner_name="周某",
        subject="补贴",
        content="",
        received_on=today,
    )
    p = services.petition_accept(actor=respondent_reporter, petition=p, accepted_on=today)
    services.petition_extend(actor=respondent_reporter, petition=p, days=20, reason="核实")
    with pytest.raises(ApplicationError) as exc:
        services.petition_extend(actor=respondent_reporter, petition=p, days=11, reason="再延")
    assert "最多延长 30 日" in exc.value.message
    p.refresh_from_db()
    assert p.extension_days == 20


def test_petition_redirected_to_statutory_channel_has_no_handling_clock(
    respondent_reporter, respondent, holidays
):
    p = services.petition_register(
        actor=respondent_reporter,
        unit=respondent,
        petitioner_name="吴某",
        subject="不服处罚",
        content="",
        received_on=D(2026, 3, 2),
    )
    p = services.petition_accept(
        actor=respondent_reporter, petition=p, accepted_on=D(2026, 3, 5), redirect_route="行政复议"
    )
    assert p.status == PetitionStatus.REDIRECTED and p.handling_due is None


def test_mediation_agreement_and_judicial_confirmation(respondent_reporter, respondent):
    m = services.mediation_register(
        actor=respondent_reporter,
        unit=respondent,
        kind="administrative",
        category="消费者权益",
        parties="甲、乙",
        subject="退货纠纷",
        received_on=D(2026, 3, 2),
    )
    with pytest.raises(ApplicationError):
        services.mediation_refer_confirmation(
            actor=respondent_reporter, case=m, requested_on=D(2026, 3, 10)
        )
    m = services.mediation_record_result(
        actor=respondent_reporter, case=m, agreed=True, on=D(2026, 3, 9), summary="退款500元"
    )
    m = services.mediation_refer_confirmation(
        actor=respondent_reporter, case=m, requested_on=D(2026, 3, 10), confirmed_on=D(2026, 3, 20)
    )
    assert m.status == MediationStatus.CONFIRMED and m.number == "天调〔2026〕1号"


def test_adjudication_catalogue_and_case(clerk, respondent, respondent_reporter):
    item = services.adjudication_item_save(
        actor=clerk, name="商标侵权赔偿数额争议裁决", legal_basis="商标法第60条", unit=respondent
    )
    with pytest.raises(ApplicationError):
        services.adjudication_item_save(actor=clerk, name="x", legal_basis="y", unit=None)
    case = services.adjudication_register(
        actor=respondent_reporter,
        item=item,
        applicant_name="甲公司",
        other_party="乙公司",
        received_on=D(2026, 4, 1),
    )
    with pytest.raises(ApplicationError):
        services.adjudication_decide(
            actor=respondent_reporter, case=case, decided_on=D(2026, 3, 1), result="赔偿"
        )
    case = services.adjudication_decide(
        actor=respondent_reporter, case=case, decided_on=D(2026, 5, 1), result="赔偿2万元"
    )
    assert case.status == "decided"
