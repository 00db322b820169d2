import datetime as dt

from ninja import Schema

from fazhi.core.schemas import RowId, Version

from .choices import LinkKind, Status
from .selectors import overdue_duty


class DocumentOut(Schema):
    id: int
    title: str
    doc_number: str | None
    registration_number: str | None
    issuer: str
    published_on: dt.date | None
    effective_on: dt.date | None
    valid_until: dt.date | None
    status: str
    status_label: str
    stage: str

    @staticmethod
    def resolve_issuer(d) -> str:
        return d.issuer.name

    @staticmethod
    def resolve_status_label(d) -> str:
        return str(Status(d.status).label)


class SearchHitOut(DocumentOut):
    snippet: str = ""
    score: float = 0.0


class SearchOut(Schema):
    count: int
    more_than_count: bool  # a very common word: counting stopped, newest documents first
    exact_doc_number: bool
    page: int
    results: list[SearchHitOut]


class LinkOut(Schema):
    kind: str
    kind_label: str
    document_id: int
    title: str
    doc_number: str | None


def _links(links, side: str, kinds=None) -> list[dict]:
    return [
        {
            "kind": link.kind,
            "kind_label": link.get_kind_display(),
            "document_id": getattr(link, side).id,
            "title": getattr(link, side).title,
            "doc_number": getattr(link, side).doc_number,
        }
        for link in links
        if kinds is None or link.kind in kinds
    ]


class DocumentDetailOut(DocumentOut):
    body: str
    legal_basis: str
    repealed_on: dt.date | None
    amended_by: list[LinkOut]
    repealed_by: list[LinkOut]
    links: list[LinkOut]

    @staticmethod
    def resolve_amended_by(d) -> list[dict]:
        return _links(d.links_in.all(), "source", {LinkKind.AMENDS})

    @staticmethod
    def resolve_repealed_by(d) -> list[dict]:
        return _links(d.links_in.all(), "source", {LinkKind.REPEALS})

    @staticmethod
    def resolve_links(d) -> list[dict]:
        return _links(d.links_out.all(), "target")


class OverdueOut(Schema):
    id: int
    title: str
    drafting_unit: str
    duty: str
    due_on: dt.date
    provisional: bool

    @staticmethod
    def resolve_drafting_unit(d) -> str:
        return d.drafting_unit.name

    @staticmethod
    def resolve_duty(d) -> str:
        return overdue_duty(d)

    @staticmethod
    def resolve_provisional(d) -> bool:
        return d.due_provisional


class CreateDraftIn(Schema):
    title: str
    issuer_id: RowId
    body: str
    legal_basis: str = ""


class SubmitIn(Schema):
    submitted_on: dt.date | None = None
    version: Version | None = None  # the document's version the client saw
