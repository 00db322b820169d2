"""Refusals raised anywhere in a page become the right page, never a 500.

A view may simply call a selector or service: `NotFound` answers 404, `PermissionDenied` 403,
any other `ApplicationError` re-shows the previous page with the message (or 400 with the
message when there is none to go back to). The API has its own handlers (`fazhi/api.py`).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import Resolver404, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .errors import ApplicationError, NotFound, PermissionDenied


class ApplicationErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if request.path.startswith("/api/"):
            return None
        if isinstance(exc, NotFound):
            raise Http404(exc.message) from exc
        if isinstance(exc, PermissionDenied):
            raise DjangoPermissionDenied(exc.message) from exc
        if not isinstance(exc, ApplicationError):
            return None
        back = request.headers.get("Referer", "")
        if request.method == "POST" and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            messages.error(request, exc.message)
            return HttpResponseRedirect(back)
        return render(request, "400.html", {"message": exc.message, **layout(request)}, status=400)


def layout(request) -> dict:
    """The error pages' frame: the public portal's for its visitors, the staff site's else."""
    portal = request.path.startswith(reverse("portal:index"))
    return {"base": "portal/base.html" if portal else "base.html"}


def not_found(request, exception=None):
    """`handler404`: the 404 page, naming what was not found where a selector said (its
    `NotFound`: 实施方案不存在), never an address that matched nothing or Django's English."""
    message = ""
    if exception is not None and not isinstance(exception, Resolver404) and exception.args:
        first = exception.args[0]
        message = first if isinstance(first, str) else ""
    return render(request, "404.html", {"message": message, **layout(request)}, status=404)


def denied(request, exception=None):
    """`handler403`: Django's page, in the frame of the part of the site it was asked of."""
    message = str(exception) if exception is not None else ""
    return render(request, "403.html", {"exception": message, **layout(request)}, status=403)
