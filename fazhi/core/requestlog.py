"""Every request gets an id; every log line of that request carries it (JSON logs in production).

The id comes from `X-Request-ID` when a trusted proxy (nginx) set it, so one id follows the
request from nginx's access log into the application's lines; otherwise a new one is made. It is
sent back in the response's `X-Request-ID`.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid

from .clientip import client_ip, from_trusted_proxy

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
log = logging.getLogger("fazhi.request")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        rid = given if given and _VALID.match(given) and from_trusted_proxy(request) else ""
        token = request_id.set(rid or uuid.uuid4().hex)
        start = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id.get()
            log.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - start) * 1000, 1),
                    "client": client_ip(request),
                    "user": getattr(getattr(request, "user", None), "pk", None),
                },
            )
            return response
        finally:
            request_id.reset(token)
