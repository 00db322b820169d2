import io

from fazhi.disputes.choices import ReconsiderationStatus
from fazhi.disputes.models import CourtHearing, LitigationCase, ReconsiderationCase
from fazhi.disputes.selectors import litigation_trend


def test_demo_loads_every_stage_once_and_appearance_rises(db):
    from fazhi.core import demo as core_demo
    from fazhi.disputes import demo

    out = io.StringIO()
    core_demo.load(out)
    demo.load(out)
    counts = (
        ReconsiderationCase.objects.count(),
        LitigationCase.objects.count(),
        CourtHearing.objects.count(),
    )
    demo.load(out)
    assert (
        ReconsiderationCase.objects.count(),
        LitigationCase.objects.count(),
        CourtHearing.objects.count(),
    ) == counts
    stages = set(ReconsiderationCase.objects.values_list("status", flat=True))
    assert {
        ReconsiderationStatus.RECEIVED,
        ReconsiderationStatus.SUPPLEMENT,
        ReconsiderationStatus.ACCEPTED,
        ReconsiderationStatus.DECIDED,
        ReconsiderationStatus.PUBLISHED,
        ReconsiderationStatus.REFUSED,
        ReconsiderationStatus.SUSPENDED,
        ReconsiderationStatus.TERMINATED,
    } <= stages
    rates = [t["appearance_rate"] for t in litigation_trend(years=range(2022, 2026))]
    assert rates == sorted(rates) and rates[-1] == 100.0
