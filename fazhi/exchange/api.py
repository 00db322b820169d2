"""Versioned export endpoints for other systems, read with an API token (Bearer).

GET /api/exchange/v1/datasets                       the datasets this token may read
GET /api/exchange/v1/datasets/{key}?updated_since=…&after=…&limit=…
    rows in key order; `next` is the `after` of the following page (None at the end), so a
    system syncs incrementally: keep the time of the last full sync as `updated_since`.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.security import HttpBearer
from pydantic import Field

from fazhi.core.datasets import page, registry

from . import services
from .reader import TokenReader


class TokenAuth(HttpBearer):
    openapi_description = "接口令牌(Authorization: Bearer fz_…),由系统管理员签发"

    def authenticate(self, request, token: str):
        found = services.token_authenticate(token)
        if found is not None:
            request.api_token = found
        return found


router = Router(tags=["exchange"], auth=TokenAuth())


class DatasetOut(Schema):
    key: str
    label: str
    publisher: str
    frequency: str
    licence: str


class RowsOut(Schema):
    dataset: str
    rows: list[dict]
    next: int | None


class RowsIn(Schema):
    updated_since: dt.datetime | None = None
    after: int = Field(0, ge=0, le=2**62)
    limit: int = Field(500, ge=1, le=1000)


def _granted(request) -> dict:
    token = request.api_token
    return {k: d for k, d in registry().items() if k in token.datasets}


@router.get("/v1/datasets", response={200: list[DatasetOut]})
def dataset_list(request):
    granted = _granted(request)
    services.call_record(token=request.api_token, path=request.path)
    return [
        DatasetOut(
            key=d.key,
            label=_(d.label),
            publisher=_(d.publisher),
            frequency=_(d.frequency),
            licence=d.licence,
        )
        for d in granted.values()
    ]


@router.get("/v1/datasets/{key}", response={200: RowsOut})
def dataset_rows(request, key: str, params: Query[RowsIn]):
    dataset = _granted(request).get(key)
    if dataset is None:
        raise Http404(key)
    rows, after = page(
        dataset,
        TokenReader(request.api_token),
        updated_since=params.updated_since,
        after_id=params.after,
        limit=params.limit,
    )
    services.call_record(token=request.api_token, path=request.path, dataset=key, rows=len(rows))
    return RowsOut(dataset=key, rows=rows, next=after)
