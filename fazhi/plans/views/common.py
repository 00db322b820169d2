"""Helpers the plans pages share."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect

from fazhi.core.errors import ApplicationError, NotFound


def _not_found_as_404(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return wrapper


def _fail(request, exc: ApplicationError, to: str):
    messages.error(request, exc.message)
    return redirect(to)


def _plan_param(request) -> int | None:
    value = request.GET.get("plan", "")
    return int(value) if value.isdigit() else None
