from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class ItemOut(Schema):
    id: int
    code: str
    name: str
    kind: str = Field(alias="catalog.kind")
    body: str = Field(alias="catalog.body.name")
    body_id: int = Field(alias="catalog.body_id")
    year: int = Field(alias="catalog.year")
    sequence: int = Field(alias="catalog.sequence")
    basis: str
    implementing_body: str
    power_kind: str
    responsibility: str
    accountability: str
    statutory_days: int | None
    promised_days: int | None
    fee: str
    promise: bool | None
    service_object: str
    standard: str
    collecting_body: str
    fund_management: str
    served_approval: str
    issuing_body: str
    guide: str
    inspection_object: str
    frequency: str
    change_reason: str


class ChangeOut(Schema):
    code: str
    name: str
    reason: str
    fields: dict[str, dict]


class DiffOut(Schema):
    body: str
    kind: str
    from_year: int
    to_year: int
    from_version: str
    to_version: str
    from_published_on: dt.date | None
    to_published_on: dt.date | None
    before: int
    after: int
    reduction: float | None
    unchanged: int
    added: list[ChangeOut]
    removed: list[ChangeOut]
    changed: list[ChangeOut]
