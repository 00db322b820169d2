import datetime as dt

from ninja import Field, Schema

from fazhi.core import dates


class DeadlineItemOut(Schema):
    kind: str
    kind_label: str
    title: str
    unit: str
    due: dt.date
    days_left: int
    provisional: bool
    url: str

    @staticmethod
    def resolve_days_left(item) -> int:
        return item.days_left(dates.today())


class ReconsiderationOut(Schema):
    id: int
    number: str
    channel: str
    respondent: str = Field(..., alias="respondent.name")
    act_description: str
    received_on: dt.date
    status: str
    status_label: str
    procedure: str
    acceptance_due: dt.date | None
    decision_due: dt.date | None
    decided_on: dt.date | None
    decision_type: str

    @staticmethod
    def resolve_status_label(case) -> str:
        return case.get_status_display()


class LitigationOut(Schema):
    id: int
    court_case_number: str
    defendant: str = Field(..., alias="defendant.name")
    cause: str
    filed_on: dt.date
    defence_due: dt.date
    defence_submitted_on: dt.date | None
    head_appeared: bool
    status: str
    outcome: str


class AppearanceRow(Schema):
    unit: str
    filed: int
    closed: int
    lost: int
    heard: int
    head: int
    appearance_rate: float | None


class StatisticsOut(Schema):
    year: int
    head_appearance_rate: float | None
    reconsideration_correction_rate: float | None
    litigation_cases: int
    litigation_losses: int
    by_defendant: list[AppearanceRow]
