import datetime as dt
from decimal import Decimal

from ninja import Schema

from fazhi.core.schemas import Version

from .selectors import training_required


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
    power_item: str | None
    version: int

    @staticmethod
    def resolve_body(case) -> str:
        return case.body.unit.name

    @staticmethod
    def resolve_stage_label(case) -> str:
        return str(case.get_stage_display())

    @staticmethod
    def resolve_power_item(case) -> str | None:
        return case.power_item.code if case.power_item_id else None


class StepOut(Schema):
    action: str
    action_label: str
    stage_before: str
    stage_after: str
    occurred_at: dt.datetime
    actor_name: str
    note: str

    @staticmethod
    def resolve_action_label(step) -> str:
        return str(step.get_action_display())


class CaseDetailOut(CaseOut):
    allowed_min: Decimal | None
    allowed_max: Decimal | None
    outside_range_reason: str
    steps: list[StepOut]

    @staticmethod
    def resolve_steps(case) -> list:
        return list(case.steps.all())


class ActionIn(Schema):
    version: Version | None = None


class OfficerOut(Schema):
    id: int
    full_name: str
    body: str
    has_valid_credential: bool
    credentials: list[str]
    year_hours: Decimal
    short_of_training: bool

    @staticmethod
    def resolve_body(officer) -> str:
        return officer.body.unit.name

    @staticmethod
    def resolve_has_valid_credential(officer) -> bool:
        return officer.has_valid

    @staticmethod
    def resolve_credentials(officer) -> list[str]:
        return [c.summary for c in officer.credentials.all()]

    @staticmethod
    def resolve_short_of_training(officer) -> bool:
        return officer.year_hours < training_required()


class MatterOut(Schema):
    id: int
    body: str
    name: str
    matter_type: str
    legal_basis: str
    in_random_inspection: bool
    power_item: str | None
    power_item_removed: bool

    @staticmethod
    def resolve_body(matter) -> str:
        return matter.body.unit.name

    @staticmethod
    def resolve_power_item(matter) -> str | None:
        return matter.power_item.code if matter.power_item_id else None

    @staticmethod
    def resolve_power_item_removed(matter) -> bool:
        return bool(matter.power_removed)


class DrawVerifyOut(Schema):
    draw_id: int
    algorithm: str
    seed_matches_commitment: bool
    list_matches_hashes: bool
    selection_sha256: str
    recomputed_sha256: str
    matches: bool
