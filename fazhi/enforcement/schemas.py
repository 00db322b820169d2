import datetime as dt
from decimal import Decimal

from ninja import Schema


class CaseOut(Schema):
    id: int
    number: str
    body: str
    title: str
    party_name: str
    stage: str
    stage_label: str
    filed_on: dt.date
    decision_due: dt.date
    current_due: dt.date | None
    is_major: bool
    review_passed: bool
    fine: Decimal | None
    exemption_applied: str
    version: int


class CasePageOut(Schema):
    count: int
    items: list[CaseOut]


class StepOut(Schema):
    action: str
    action_label: str
    stage_before: str
    stage_after: str
    occurred_at: dt.datetime
    actor_name: str
    note: str


class CaseDetailOut(CaseOut):
    allowed_min: Decimal | None
    allowed_max: Decimal | None
    outside_range_reason: str
    steps: list[StepOut]


class ActionIn(Schema):
    version: int | None = None


class OfficerOut(Schema):
    id: int
    full_name: str
    body: str
    has_valid_credential: bool
    credentials: list[str]
    year_hours: Decimal
    short_of_training: bool


class DrawVerifyOut(Schema):
    draw_id: int
    algorithm: str
    seed_matches_commitment: bool
    list_matches_hashes: bool
    selection_sha256: str
    recomputed_sha256: str
    matches: bool
