"""What enforcement publishes for other systems and as open data (seed (二十八)(二十九)): penalty
decisions once publicised (行政执法公示) and the published results of random inspections
(双随机、一公开). A natural person's name and ID number are masked as on the portal; an
organisation's name and credit code are public, and so are an inspected market entity's, as the
portal's draw page and the enterprise credit publicity system show them."""

from django.db.models import Q
from django.utils.translation import gettext_noop

from fazhi.core.datasets import Dataset

from .choices import DrawStatus
from .models import InspectionVisit, PenaltyCase
from .public_views import public_party

DATASETS = [
    Dataset(
        key="enforcement.penalty_decisions",
        label=gettext_noop("行政处罚决定公示"),
        publisher=gettext_noop("各行政执法机关"),
        frequency=gettext_noop("实时"),
        model=PenaltyCase,
        published=Q(published_on__isnull=False),
        related=("body__unit",),
        fields={
            "number": "number",
            "cause": "title",
            "body": "body.unit.name",
            "party": lambda c: public_party(c)[0],
            "party_code": lambda c: public_party(c)[1],
            "decision_kind": "decision_kind",
            "fine": lambda c: str(c.fine) if c.fine is not None else None,
            "other_penalty": "other_penalty",
            "decided_on": "decided_on",
            "published_on": "published_on",
            "updated_at": "updated_at",
        },
        public=True,
    ),
    Dataset(
        key="enforcement.inspection_results",
        label=gettext_noop("随机抽查结果"),
        publisher=gettext_noop("各行政执法机关"),
        frequency=gettext_noop("实时"),
        model=InspectionVisit,
        published=Q(draw__status=DrawStatus.REVEALED, result_published_on__isnull=False),
        related=("draw__plan__body__unit", "target"),
        fields={
            "plan": "draw.plan.title",
            "body": "draw.plan.body.unit.name",
            "target": "target.name",
            "target_uscc": "target.uscc",
            "category": "target.category",
            "outcome": "outcome",
            "inspected_on": "inspected_on",
            "result_published_on": "result_published_on",
        },
        updated_field="result_published_on",
        public=True,
    ),
]
