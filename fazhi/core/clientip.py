"""The client's address: REMOTE_ADDR, or X-Forwarded-For only when it came from a trusted proxy.

Behind the reverse proxy every request arrives from 127.0.0.1; trusting X-Forwarded-For from
anyone would let a client pick its own address (and lock out anyone else's). The header is read
right to left, skipping the proxies listed in FAZHI_TRUSTED_PROXIES (addresses or networks):
the first address that is not a trusted proxy is the client. Used by the login lockout (axes)
and by every rate limit.
"""

from __future__ import annotations

import ipaddress
from functools import cache

from django.conf import settings


@cache
def _networks(spec: tuple[str, ...]):
    return tuple(ipaddress.ip_network(s.strip(), strict=False) for s in spec if s.strip())


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _networks(tuple(settings.FAZHI_TRUSTED_PROXIES)))


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(remote):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote  # a forged or garbled header: fall back to the proxy itself
        if not _trusted(hop):
            return hop
    return remote


def from_trusted_proxy(request) -> bool:
    """Whether the request came through one of the configured reverse proxies."""
    return _trusted(request.META.get("REMOTE_ADDR", ""))
