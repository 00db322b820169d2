import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.enforcement import selectors, services
from fazhi.enforcement.demo import generated_uscc
from fazhi.enforcement.models import InspectionDraw, InspectionTarget, Officer, PenaltyCase

pytestmark = pytest.mark.usefixtures("holidays")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_statistics_count_what_supervisors_ask_for(
    supervisor, officer_user, body, other_body, officers, standard, today
):
    def new(i, **kw):
        return services.case_file(
            actor=officer_user,
            body=body,
            title=f"案{i}",
            party_kind="organisation",
            party_name="甲",
            party_uscc=generated_uscc(10000000 + i),
            standard=standard,
            officers=officers[:2],
            **kw,
        )

    overdue = new(1)
    PenaltyCase.objects.filter(pk=overdue.pk).update(decision_due=today - dt.timedelta(days=1))
    exempt = new(2, is_major=True)
    services.case_investigate(actor=officer_user, case=exempt)
    services.evidence_add(
        actor=officer_user, case=exempt, title="笔录", upload=SimpleUploadedFile("a.txt", b"x")
    )
    services.case_notify(
        actor=officer_user,
        case=exempt,
        level="minor",
        first_offence=True,
        corrected_promptly=True,
        harm="minor",
        proposed_penalty="不予处罚",
        proposed_fine=None,
    )
    services.case_waive(actor=officer_user, case=exempt)
    new(3)
    rows = {r.pk: r for r in selectors.statistics(user=supervisor, year=today.year)}
    mine = rows[body.pk]
    assert (mine.total, mine.open, mine.overdue, mine.major, mine.major_reviewed) == (3, 3, 1, 1, 0)
    # Neither the review rate nor an exemption counts before the decision.
    assert mine.review_rate is None and mine.exemptions == 0
    assert rows[other_body.pk].total == 0 and rows[other_body.pk].review_rate is None
    assert [r.pk for r in selectors.statistics(user=officer_user, year=today.year)] == [body.pk]


def test_overdue_and_soon_filters(officer_user, body, officers, standard, today):
    case = services.case_file(
        actor=officer_user,
        body=body,
        title="案",
        party_kind="organisation",
        party_name="甲",
        party_uscc=generated_uscc(10000001),
        standard=standard,
        officers=officers[:2],
    )
    assert not selectors.case_list(user=officer_user, params={"due": "overdue"}).exists()
    PenaltyCase.objects.filter(pk=case.pk).update(decision_due=today + dt.timedelta(days=3))
    assert list(selectors.case_list(user=officer_user, params={"due": "soon"})) == [case]
    assert list(selectors.case_alerts(user=officer_user)) == [case]


def test_demo_is_idempotent(directory, holidays):
    from fazhi.core import demo as core_demo
    from fazhi.enforcement import demo

    core_demo.load(io.StringIO())
    demo.load(io.StringIO())
    counts = (
        PenaltyCase.objects.count(),
        Officer.objects.count(),
        InspectionTarget.objects.count(),
        InspectionDraw.objects.count(),
    )
    assert counts[0] == 12 and counts[2] == 2000 and counts[3] == 1
    assert InspectionDraw.objects.get().seed
    stages = set(PenaltyCase.objects.values_list("stage", flat=True))
    assert {
        "filed",
        "investigating",
        "notified",
        "hearing",
        "legal_review",
        "decided",
        "served",
        "closed",
    } <= stages
    assert PenaltyCase.objects.exclude(outside_range_reason="").count() == 1
    demo.load(io.StringIO())
    assert (
        PenaltyCase.objects.count(),
        Officer.objects.count(),
        InspectionTarget.objects.count(),
        InspectionDraw.objects.count(),
    ) == counts
    short = selectors.officer_list(
        user=PenaltyCase.objects.first().filed_by, params={"short": True}
    )
    assert short.exists()
    assert Decimal(str(short.first().year_hours)) < 60
