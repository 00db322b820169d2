"""The client's address behind a reverse proxy, for rate limits.

`X-Forwarded-For` is believed only when the direct peer is one of
`settings.FAZHI_TRUSTED_PROXIES`; the rightmost address that is not a trusted proxy is the
client (a client can prepend anything to the header, but not append).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_address(request) -> str:
    networks = [
        ipaddress.ip_network(n, strict=False)
        for n in getattr(settings, "FAZHI_TRUSTED_PROXIES", ())
    ]
    peer = request.META.get("REMOTE_ADDR", "")
    if not _trusted(peer, networks):
        return peer
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([a for a in forwarded if a]):
        if not _trusted(address, networks):
            return address
    return peer
