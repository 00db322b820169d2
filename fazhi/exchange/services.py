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
        action="exchange.token_create",
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
        action="exchange.token_revoke",
        denied=_("只有系统管理员可以吊销接口令牌"),
    ) as token:
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
    return token


class RateLimited(ApplicationError):
    status = 429
    code = "rate_limited"


def token_authenticate(secret: str) -> ApiToken | None:
    """The active token for `secret`, counted against its per-minute allowance."""
    if not secret or len(secret) > 100:
        return None
    token = ApiToken.objects.filter(digest=digest(secret), revoked_at__isnull=True).first()
    if token is None:
        return None
    if ratelimit.over(f"token:{token.pk}", token.per_minute, 60):
        raise RateLimited(_("调用过于频繁,请稍后再试"))
    return token


@transaction.atomic
def call_record(*, token: ApiToken, path: str, dataset: str = "", rows: int = 0) -> None:
    """Every call by a system is audited (who, what, how many rows)."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    audit.record(
        actor=SYSTEM,
        action="exchange.api_call",
        obj=token,
        after={"path": path[:200], "dataset": dataset, "rows": rows},
    )
