"""Enforcement tables by aggregate; every model is importable from `fazhi.enforcement.models`."""

from .bodies import EnforcementBody, EnforcementMatter
from .cases import (
    CaseExtension,
    CaseFileReview,
    CaseSearchEntry,
    CaseStep,
    CustodyEntry,
    Evidence,
    GuidingCase,
    LegalReview,
    PenaltyCase,
    evidence_path,
)
from .common import CASE_SCOPE, OFFICER_SCOPE, VIEW_ALL
from .inspections import (
    InspectionDraw,
    InspectionPlan,
    InspectionTarget,
    InspectionVisit,
    InspectionVisitOfficer,
    draw_list_path,
)
from .officers import Credential, Officer, OfficerRelation, TrainingRecord, TrainingSession
from .standards import DiscretionLevel, DiscretionStandard, Exemption

__all__ = [
    "CASE_SCOPE",
    "OFFICER_SCOPE",
    "VIEW_ALL",
    "CaseExtension",
    "CaseFileReview",
    "CaseSearchEntry",
    "CaseStep",
    "Credential",
    "CustodyEntry",
    "DiscretionLevel",
    "DiscretionStandard",
    "EnforcementBody",
    "EnforcementMatter",
    "Evidence",
    "Exemption",
    "GuidingCase",
    "InspectionDraw",
    "InspectionPlan",
    "InspectionTarget",
    "InspectionVisit",
    "InspectionVisitOfficer",
    "LegalReview",
    "Officer",
    "OfficerRelation",
    "PenaltyCase",
    "TrainingRecord",
    "TrainingSession",
    "draw_list_path",
    "evidence_path",
]
