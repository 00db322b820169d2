import datetime as dt

from ninja import Field, Schema


class CatalogEntryOut(Schema):
    year: int = Field(..., alias="catalog.year")
    body: str = Field(..., alias="catalog.body.name")
    revision: int = Field(..., alias="catalog.revision")
    published_on: dt.date | None = Field(..., alias="catalog.published_on")
    sequence: int
    matter: str
    scope: str = Field(..., alias="scope_text")
    lead_unit: str = Field(..., alias="lead_unit.name")
    cooperating_units: list[str]
    goal: str
    due_on: dt.date
    procedures: list[str]
    status: str = Field(..., alias="catalog.status")

    @staticmethod
    def resolve_cooperating_units(entry) -> list[str]:
        return [u.name for u in entry.cooperating_units.all()]


class ConsultationOut(Schema):
    id: int
    title: str
    unit: str = Field(..., alias="unit.name")
    opens_on: dt.date
    closes_on: dt.date
    status: str
    short_reason: str
    summarised_on: dt.date | None


class DecisionOut(Schema):
    number: str
    title: str
    body: str = Field(..., alias="body.name")
    published_on: dt.date
    stage: str
    adjusts: str | None = Field(None, description="调整自: the decision this one adjusts (Art. 37)")
    adjusted_to: list[str] = Field(
        [], description="调整为: the published decisions that adjust this one (Art. 37)"
    )

    @staticmethod
    def resolve_adjusts(decision) -> str | None:
        return decision.adjusts.number if decision.adjusts_id else None

    @staticmethod
    def resolve_adjusted_to(decision) -> list[str]:
        return [d.number for d in decision.adjustments.all()]
