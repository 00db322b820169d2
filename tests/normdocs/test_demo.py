import io

import pytest

from fazhi.core import demo as core_demo
from fazhi.core.errors import ApplicationError
from fazhi.core.models import AuditEvent, OrgUnit
from fazhi.normdocs import demo, selectors
from fazhi.normdocs.models import CleanupRound, NormativeDocument, ReviewFinding


def test_demo_loads_once_and_is_idempotent(db):
    core_demo.load(io.StringIO())
    demo.load(io.StringIO())
    counts = (
        NormativeDocument.objects.count(),
        ReviewFinding.objects.count(),
        CleanupRound.objects.count(),
        AuditEvent.objects.count(),
    )
    demo.load(io.StringIO())
    assert (
        NormativeDocument.objects.count(),
        ReviewFinding.objects.count(),
        CleanupRound.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    assert counts[0] >= 30
    statuses = set(selectors.public_documents().values_list("status", flat=True))
    assert {"in_force", "expiring", "expired", "repealed", "amended"} <= statuses
    awaiting = NormativeDocument.objects.get(stage="legality_review")
    assert awaiting.reviews.get().findings.count() >= 5


def test_demo_fails_clearly_without_the_directory(db):
    OrgUnit.objects.all().delete()
    with pytest.raises(ApplicationError, match="单位名录中缺少"):
        demo.load(io.StringIO())
