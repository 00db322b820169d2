from ninja import Schema


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    region_id: str
    aliases: list[str]


class ResolveOut(Schema):
    raw: str
    unit: str | None
    is_group: bool
    suggestions: list[str]


class DeadlineOut(Schema):
    start: str
    days: int
    working: bool
    due: str
    provisional: bool
