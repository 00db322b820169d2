from typing import Annotated

from ninja import Field, Schema

# What a client may send for a row's id and for the version it saw (a PositiveIntegerField):
# a number outside them is a 422 that names the field, and the bounds are in the OpenAPI
# document. Ids stop at 2**53, where `ApiNumberRangeMiddleware` already answers (and what a
# JavaScript client can hold exactly), well inside a BigAutoField.
RowId = Annotated[int, Field(ge=1, le=2**53, examples=[1])]
Version = Annotated[int, Field(ge=1, le=2**31 - 1, examples=[1])]


def query_params(**values) -> dict:
    """An endpoint's query parameters as a FilterSet's data: the ones the client left out
    (None) or sent empty are not filters."""
    return {k: v for k, v in values.items() if v not in (None, "")}


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
