from __future__ import annotations

import datetime as dt

from ninja import Schema


class ItemOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    body: str
    body_id: int
    year: int
    sequence: int
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

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.catalog.kind

    @staticmethod
    def resolve_body(obj) -> str:
        return obj.catalog.body.name

    @staticmethod
    def resolve_body_id(obj) -> int:
        return obj.catalog.body_id

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.catalog.year

    @staticmethod
    def resolve_sequence(obj) -> int:
        return obj.catalog.sequence


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
