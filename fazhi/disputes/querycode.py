"""Query codes for online applicants: long, random, stored only as a keyed digest."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

CODE_BYTES = 18  # 24 url-safe characters, 144 bits


def new_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


def digest(code: str) -> str:
    key = hashlib.sha256(("disputes-query-code:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, (code or "").strip().encode(), hashlib.sha256).hexdigest()


def matches(code: str, stored_digest: str) -> bool:
    """Constant-time comparison; an empty stored digest (counter case) never matches."""
    candidate = digest(code)
    return bool(stored_digest) & hmac.compare_digest(candidate, stored_digest or "0" * 64)
