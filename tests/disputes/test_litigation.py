import datetime as dt

import pytest

from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import AuditEvent
from fazhi.disputes import selectors, services
from fazhi.disputes.models import CourtHearing, LitigationCase
from fazhi.plans.indicators import registry
from tests.disputes.helpers import decide, hear_views, sue

D = dt.date


@pytest.fixture
def lawsuit(respondent_reporter, respondent, holidays):
    return sue(
        respondent_reporter,
        respondent,
        "(2026)晋0222行初12号",
        filed_on=D(2026, 9, 10),
        served_on=D(2026, 9, 16),
    )


def test_defence_due_fifteen_days_after_service_across_national_day(lawsuit):
    assert lawsuit.defence_due == D(2026, 10, 8)


def test_reporter_registers_only_own_unit(other_reporter, respondent, holidays):
    with pytest.raises(PermissionDenied):
        sue(other_reporter, respondent, "(2026)晋0222行初13号")
    assert LitigationCase.objects.count() == 0


def test_service_before_filing_is_refused(respondent_reporter, respondent, holidays):
    with pytest.raises(ApplicationError) as exc:
        sue(respondent_reporter, respondent, "(2026)晋0222行初14号", served_on=D(2026, 9, 1))
    assert "送达日期不能早于立案日期" in exc.value.message


def test_head_appearance_needs_name_and_absence_needs_reason(respondent_reporter, lawsuit):
    with pytest.raises(ApplicationError):
        services.litigation_record_hearing(
            actor=respondent_reporter, case=lawsuit, held_on=D(2026, 10, 20), appearance="principal"
        )
    with pytest.raises(ApplicationError):
        services.litigation_record_hearing(
            actor=respondent_reporter,
            case=lawsuit,
            held_on=D(2026, 10, 20),
            appearance="staff_only",
        )
    assert CourtHearing.objects.count() == 0
    hearing = services.litigation_record_hearing(
        actor=respondent_reporter,
        case=lawsuit,
        held_on=D(2026, 10, 20),
        appearance="principal",
        head_name="赵局长",
        head_title="局长",
        head_spoke=True,
    )
    assert hearing.head_appeared and hearing.head_spoke


def test_hearing_for_closed_lawsuit_is_refused(respondent_reporter, lawsuit):
    services.litigation_close(
        actor=respondent_reporter, case=lawsuit, closed_on=D(2026, 11, 2), outcome="won"
    )
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as exc:
        services.litigation_record_hearing(
            actor=respondent_reporter,
            case=lawsuit,
            held_on=D(2026, 11, 5),
            appearance="deputy",
            head_name="钱副局长",
        )
    assert "已结案" in exc.value.message
    assert CourtHearing.objects.count() == 0 and AuditEvent.objects.count() == events


def test_appearance_rate_per_unit_county_and_indicator(
    respondent_reporter, respondent, lawsuit, other_reporter, holidays
):
    services.litigation_record_hearing(
        actor=respondent_reporter,
        case=lawsuit,
        held_on=D(2026, 10, 20),
        appearance="principal",
        head_name="赵局长",
        head_spoke=True,
    )
    services.litigation_record_hearing(
        actor=respondent_reporter,
        case=lawsuit,
        held_on=D(2026, 10, 27),
        appearance="staff_only",
        absence_reason="公务",
    )
    other = sue(
        other_reporter,
        other_reporter.unit,
        "(2026)晋0222行初20号",
        filed_on=D(2026, 3, 2),
        served_on=D(2026, 3, 5),
        plaintiff_name="孙六",
        cause="道路运输",
    )
    services.litigation_record_hearing(
        actor=other_reporter,
        case=other,
        held_on=D(2026, 4, 1),
        appearance="lawyer_only",
        absence_reason="出差",
    )
    services.litigation_close(
        actor=other_reporter, case=other, closed_on=D(2026, 5, 1), outcome="lost"
    )
    stats = selectors.litigation_statistics(year=2026)
    by_unit = {r["unit"]: r for r in stats["rows"]}
    assert (
        by_unit[respondent.name]["appearance_rate"] == 100.0
    )  # one case heard twice, head at one session
    assert by_unit[other_reporter.unit.name]["appearance_rate"] == 0.0
    assert stats["total"]["appearance_rate"] == 50.0 and stats["total"]["lost"] == 1
    assert selectors.head_appearance_rate(year=2026) == 50.0
    assert selectors.head_appearance_rate(year=2025) is None
    assert registry()["disputes.head_appearance_rate"].compute(2026) == 50.0
    assert registry()["disputes.litigation_cases"].compute(2026) == 2.0
    assert registry()["disputes.litigation_losses"].compute(2026) == 1.0


def test_trend_marks_double_decline(respondent_reporter, respondent, holidays):
    for year, count, lost in ((2023, 3, 2), (2024, 2, 1)):
        for i in range(count):
            case = sue(
                respondent_reporter,
                respondent,
                f"({year})晋0222行初{i + 1}号",
                filed_on=D(year, 3, 2),
                served_on=D(year, 3, 5),
                plaintiff_name="甲",
                cause="处罚",
            )
            services.litigation_close(
                actor=respondent_reporter,
                case=case,
                closed_on=D(year, 6, 1),
                outcome="lost" if i < lost else "won",
            )
    trend = selectors.litigation_trend(years=[2023, 2024])
    assert [(t["filed"], t["lost"]) for t in trend] == [(3, 2), (2, 1)]
    assert trend[1]["double_decline"] is True


def test_correction_rate(clerk, accepted_case, application, holidays):
    hear_views(clerk, accepted_case)
    decide(clerk, accepted_case, number="天政复〔2026〕3号", decision_type="annul", text="撤销")
    second, _ = services.reconsideration_apply(
        actor=clerk,
        application=application(applicant_name="李四"),
        channel="counter",
        received_on=D(2026, 3, 2),
    )
    services.reconsideration_accept(
        actor=clerk, case=second, accepted_on=D(2026, 3, 3), procedure="simplified"
    )
    decide(clerk, second, number="天政复〔2026〕4号")
    assert selectors.reconsideration_correction_rate(year=2026) == 50.0
    stats = selectors.reconsideration_statistics(year=2026)
    assert (
        stats["total"]["received"] == 2
        and stats["total"]["corrected"] == 1
        and stats["total"]["correction_rate"] == 50.0
    )
    assert registry()["disputes.reconsideration_correction_rate"].compute(2026) == 50.0
