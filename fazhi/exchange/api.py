"""Versioned export endpoints for other systems, read with an API token (Bearer).

GET /api/exchange/v1/datasets                       the datasets this token may read
GET /api/exchange/v1/datasets/{key}?updated_since=…&after=…&limit=…
    rows in key order; `next` is the `after` of the following page (None at the end), so a
    system syncs incrementally: keep the time of the last full sync as `updated_since`.
GET /api/exchange/v1/datasets/{key}/ids?after=…&limit=…
    the key of every row now in the dataset (paged the same way): a system deletes the rows it
    holds that are not listed (a task withdrawn, a document repealed or expired), which the rows
    endpoint, listing only what is in the dataset, never shows it.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.security import HttpBearer
from pydantic import Field

from fazhi.core.clientip import client_ip
from fazhi.core.datasets import page, registry

from . import services
from .errors import ExchangeError
from .reader import TokenReader


class TokenAuth(HttpBearer):
    openapi_description = "接口令牌(Authorization: Bearer fz_…),由系统管理员签发"

    def __call__(self, request):
        scheme, _space, secret = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != self.openapi_scheme or not secret.strip():
            # Said plainly: a system that sent none, or in another header or scheme, learns how.
            raise services.Unauthenticated(
                _("请在请求头中提供接口令牌:Authorization: Bearer <令牌>"),
                code=ExchangeError.NO_BEARER,
            )
        return self.authenticate(request, secret.strip())

    def authenticate(self, request, token: str):
        found = services.token_authenticate(token, ip=client_ip(request))
        request.api_token = found
        return found


class Refusal(Schema):
    code: str
    message: str
    fields: dict


# Besides the statuses every operation declares (fazhi.api): a missing, wrong or revoked token
# and a flood beyond the token's allowance.
REFUSED = {401: Refusal, 429: Refusal}
router = Router(tags=["数据共享"], auth=TokenAuth())


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


class IdsOut(Schema):
    dataset: str
    ids: list[int]
    next: int | None


class RowsIn(Schema):
    updated_since: dt.datetime | None = None
    after: int = Field(0, ge=0, le=2**62)
    limit: int = Field(500, ge=1, le=1000)


def _granted(request) -> dict:
    token = request.api_token
    return {k: d for k, d in registry().items() if k in token.datasets}


def _record(request, **facts) -> None:
    services.call_record(
        token=request.api_token,
        path=request.path,
        query=dict(request.GET.items()),
        ip=client_ip(request),
        **facts,
    )


@router.get("/v1/datasets", response={200: list[DatasetOut], **REFUSED})
def dataset_list(request):
    granted = _granted(request)
    _record(request)
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


@router.get("/v1/datasets/{key}", response={200: RowsOut, **REFUSED})
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
    _record(request, dataset=key, rows=len(rows))
    return RowsOut(dataset=key, rows=rows, next=after)


class IdsIn(Schema):
    after: int = Field(0, ge=0, le=2**62)
    limit: int = Field(10000, ge=1, le=10000)


@router.get("/v1/datasets/{key}/ids", response={200: IdsOut, **REFUSED})
def dataset_ids(request, key: str, params: Query[IdsIn]):
    """The key of every row now in the dataset, in order: an incremental sync deletes the rows
    it holds that are not listed (withdrawn, repealed, expired, no longer accepted), which
    `?updated_since=` cannot tell it since it lists only rows still in the dataset."""
    dataset = _granted(request).get(key)
    if dataset is None:
        raise Http404(key)
    ids = list(
        dataset.rows(TokenReader(request.api_token))
        .filter(pk__gt=params.after)
        .order_by("pk")
        .values_list("pk", flat=True)[: params.limit + 1]
    )
    more = len(ids) > params.limit
    ids = ids[: params.limit]
    _record(request, dataset=key, rows=len(ids))
    return IdsOut(dataset=key, ids=ids, next=ids[-1] if more else None)
