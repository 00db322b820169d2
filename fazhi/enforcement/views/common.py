"""Helpers the enforcement pages share."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404

from fazhi.core.errors import ApplicationError, NotFound


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def fail(request, exc: ApplicationError) -> None:
    """A refusal of a page without its own form: the message, and each bad row of an import."""
    messages.error(request, exc.message)
    for line in exc.fields.get("rows", [])[:50]:
        messages.error(request, line)


def or_404(selector, **kwargs):
    try:
        return selector(**kwargs)
    except NotFound as exc:
        raise Http404(exc.message) from exc
