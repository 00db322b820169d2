import datetime as dt

from ninja import Schema

from fazhi.core.schemas import RowId, Version

from .choices import NoticeStatus, ReportStatus, TaskStatus


class TaskOut(Schema):
    id: int
    code: str
    plan_id: int
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

    @staticmethod
    def resolve_plan_id(task) -> int:
        return task.measure.plan_id

    @staticmethod
    def resolve_measure(task) -> str:
        return str(task.measure)

    @staticmethod
    def resolve_lead_units(task) -> str:
        return task.lead_names

    @staticmethod
    def resolve_participating_units(task) -> str:
        return task.participating_names

    @staticmethod
    def resolve_status_label(task) -> str:
        return str(TaskStatus(task.status).label)


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

    @staticmethod
    def resolve_id(row) -> int:
        return row["chapter"].pk

    @staticmethod
    def resolve_title(row) -> str:
        return str(row["chapter"])


class DashboardOut(Schema):
    plan_id: int
    doc_number: str
    total: int
    done_rate: float
    totals: StatusCountsOut
    chapters: list[ChapterOut]

    @staticmethod
    def resolve_plan_id(data) -> int:
        return data["plan"].pk

    @staticmethod
    def resolve_doc_number(data) -> str:
        return data["plan"].doc_number


class ReportIn(Schema):
    text: str
    percent_done: int
    obligation_id: RowId | None = None
    completes_obligation: bool = False
    target_values: dict[str, str] = {}


class ReviewIn(Schema):
    decision: str
    comment: str = ""
    version: Version | None = None  # the report's version the client saw


class ReportOut(Schema):
    id: int
    task_id: int
    unit: str
    text: str
    percent_done: int
    reported_on: dt.date
    status: str
    status_label: str
    version: int

    @staticmethod
    def resolve_unit(report) -> str:
        return report.unit.name

    @staticmethod
    def resolve_status_label(report) -> str:
        return str(ReportStatus(report.status).label)


class NoticeOut(Schema):
    id: int
    number: str
    task_id: int
    unit: str
    request: str
    issued_on: dt.date
    reply_due_on: dt.date
    reply_due_provisional: bool
    status: str
    status_label: str
    replied_on: dt.date | None
    version: int

    @staticmethod
    def resolve_unit(notice) -> str:
        return notice.unit.name

    @staticmethod
    def resolve_status_label(notice) -> str:
        return str(NoticeStatus(notice.status).label)


class ReplyIn(Schema):
    reply: str
    version: Version | None = None


class LinkOut(Schema):
    """A county task and the higher government's measure it implements."""

    task_id: int
    task_code: str
    plan_id: int
    measure_id: int
    measure_code: str
    measure_title: str
    reference_plan_id: int
    reference_plan_title: str
    issuing_region: str | None

    @staticmethod
    def resolve_task_code(link) -> str:
        return link.task.code

    @staticmethod
    def resolve_plan_id(link) -> int:
        return link.task.measure.plan_id

    @staticmethod
    def resolve_measure_code(link) -> str:
        return link.measure.label

    @staticmethod
    def resolve_measure_title(link) -> str:
        return link.measure.title

    @staticmethod
    def resolve_reference_plan_id(link) -> int:
        return link.measure.plan_id

    @staticmethod
    def resolve_reference_plan_title(link) -> str:
        return link.measure.plan.title

    @staticmethod
    def resolve_issuing_region(link) -> str | None:
        return link.measure.plan.issuing_region_id


class OpenMeasureOut(Schema):
    """A measure of a higher government's plan that no county task implements yet."""

    id: int
    code: str
    title: str
    reference_plan_id: int
    reference_plan_title: str

    @staticmethod
    def resolve_code(measure) -> str:
        return measure.label

    @staticmethod
    def resolve_reference_plan_id(measure) -> int:
        return measure.plan_id

    @staticmethod
    def resolve_reference_plan_title(measure) -> str:
        return measure.plan.title
