import datetime as dt

from ninja import Schema


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


class SearchHitOut(DocumentOut):
    snippet: str
    score: float


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


class DocumentDetailOut(DocumentOut):
    body: str
    legal_basis: str
    repealed_on: dt.date | None
    amended_by: list[LinkOut]
    repealed_by: list[LinkOut]
    links: list[LinkOut]


class OverdueOut(Schema):
    id: int
    title: str
    drafting_unit: str
    duty: str
    due_on: dt.date
    provisional: bool


class CreateDraftIn(Schema):
    title: str
    issuer_id: int
    body: str
    legal_basis: str = ""


class SubmitIn(Schema):
    submitted_on: dt.date | None = None
