import datetime as dt

from ninja import Schema


class TaskOut(Schema):
    id: int
    code: str
    measure: str
    text: str
    lead_units: str
    participating_units: str
    deadline_text: str
    next_due: dt.date | None
    status: str
    status_label: str
    percent_done: int
    version: int


class TaskPageOut(Schema):
    count: int
    items: list[TaskOut]


class StatusCountsOut(Schema):
    not_started: int
    on_track: int
    due_soon: int
    overdue: int
    done: int


class ChapterOut(Schema):
    id: int
    title: str
    total: int
    counts: StatusCountsOut


class DashboardOut(Schema):
    plan_id: int
    doc_number: str
    total: int
    done_rate: float
    totals: StatusCountsOut
    chapters: list[ChapterOut]


class ReportIn(Schema):
    text: str
    percent_done: int
    obligation_id: int | None = None
    completes_obligation: bool = False
    target_values: dict[str, str] = {}


class ReviewIn(Schema):
    decision: str
    comment: str = ""


class ReportOut(Schema):
    id: int
    task_id: int
    unit: str
    text: str
    percent_done: int
    reported_on: dt.date
    status: str
