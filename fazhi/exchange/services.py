"""Writes: create and revoke tokens (administrators only), authenticate a call."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit, ratelimit
from fazhi.core.actors import SYSTEM, user_or_none
from fazhi.core.datasets import registry
from fazhi.core.errors import ApplicationError, CoreError
from fazhi.core.models import Region
from fazhi.core.writes import created, guarded

from .errors import ExchangeError
from .events import Event
from .models import ApiToken

TOKEN_BYTES = 32


def digest(secret: str) -> str:
    return hashlib.new("sm3", secret.encode("utf-8")).hexdigest()


@transaction.atomic
def token_create(
    *, actor, system: str, region: Region, datasets: list[str], per_minute: int = 60
) -> tuple[ApiToken, str]:
    """A new token; the secret is returned once and never stored."""
    unknown = sorted(set(datasets) - set(registry()))
    if unknown:
        raise ApplicationError(
            _("未知的数据集:%(keys)s") % {"keys": "、".join(unknown)},
            code=CoreError.INVALID,
            fields={"datasets": _("未知的数据集")},
        )
    if not datasets:
        raise ApplicationError(
            _("请至少选择一个数据集"), code=CoreError.INVALID, fields={"datasets": _("必填")}
        )
    secret = "fz_" + secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken(
        system=(system or "").strip(),
        prefix=secret[:11],
        digest=digest(secret),
        region=region,
        datasets=sorted(set(datasets)),
        per_minute=per_minute,
        created_by=user_or_none(actor),
    )
    created(
        token,
        actor=actor,
        action=Event.TOKEN_CREATE,
        perm="exchange.manage_tokens",
        denied=_("只有系统管理员可以签发接口令牌"),
    )
    return token, secret


@transaction.atomic
def token_revoke(*, actor, token_id: int, version: int | None) -> ApiToken:
    with guarded(
        ApiToken,
        token_id,
        actor=actor,
        perm="exchange.manage_tokens",
        version=version,
        action=Event.TOKEN_REVOKE,
        denied=_("只有系统管理员可以吊销接口令牌"),
    ) as token:
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
    return token


class RateLimited(ApplicationError):
    status = 429
    code = ExchangeError.RATE_LIMITED


class Unauthenticated(ApplicationError):
    """401 with a reason a system's operator can act on (not the browser's 请先登录)."""

    status = 401
    code = ExchangeError.REFUSED_BEARER


def token_authenticate(secret: str, *, ip: str = "") -> ApiToken:
    """The active token for `secret`, counted against its per-minute allowance.

    A wrong secret is `Unauthenticated`; a revoked token's secret too, and that attempt is
    audited (a system still calling after revocation is worth seeing); a flood `RateLimited`.
    """
    refused = Unauthenticated(_("接口令牌无效或已被吊销,请向系统管理员申请新令牌"))
    if not secret or len(secret) > 100:
        raise refused
    token = ApiToken.objects.filter(digest=digest(secret)).first()
    if token is None:
        raise refused
    # Counted first, so a revoked token's flood is not an audit event per call either.
    if ratelimit.over(f"token:{token.pk}", token.per_minute, 60):
        raise RateLimited(_("调用过于频繁,请稍后再试"))
    if token.revoked_at is not None:
        with transaction.atomic():
            audit.record(
                actor=SYSTEM,
                action=Event.API_REFUSED,
                obj=token,
                after={"reason": "revoked", "ip": ip},
            )
        raise refused
    return token


@transaction.atomic
def call_record(
    *,
    token: ApiToken,
    path: str,
    dataset: str = "",
    rows: int = 0,
    query: dict | None = None,
    ip: str = "",
) -> None:
    """Every call by a system is audited: who, from where, what it asked and how many rows."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    audit.record(
        actor=SYSTEM,
        action=Event.API_CALL,
        obj=token,
        after={
            "path": path[:200],
            "dataset": dataset,
            "query": {k: str(v)[:64] for k, v in (query or {}).items() if v is not None},
            "rows": rows,
            "ip": ip,
        },
    )
