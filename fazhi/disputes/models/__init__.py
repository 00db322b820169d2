"""Disputes (seed (十八)–(二十一)): reconsideration, litigation, mediation, adjudication, petitions.

Statutory due dates are stored on the row (computed by services through `core.periods.due`)
so that deadline lists filter on an indexed column.
"""

from .casework import AdjudicationCase, AdjudicationItem, MediationCase, Petition
from .fields import SEES_ALL
from .litigation import CourtHearing, LitigationCase, OversightLetter
from .reconsideration import (
    DecisionExtension,
    ReconsiderationAttachment,
    ReconsiderationCase,
    ReconsiderationHearing,
    ReconsiderationOffice,
    ReconsiderationQuerySet,
    ReconsiderationSuspension,
    SupplementRequest,
)

__all__ = [
    "SEES_ALL",
    "AdjudicationCase",
    "AdjudicationItem",
    "CourtHearing",
    "DecisionExtension",
    "LitigationCase",
    "MediationCase",
    "OversightLetter",
    "Petition",
    "ReconsiderationAttachment",
    "ReconsiderationCase",
    "ReconsiderationHearing",
    "ReconsiderationOffice",
    "ReconsiderationQuerySet",
    "ReconsiderationSuspension",
    "SupplementRequest",
]
