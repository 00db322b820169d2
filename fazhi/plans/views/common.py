"""Helpers the plans pages share."""

from __future__ import annotations


def _plan_param(request) -> int | None:
    value = request.GET.get("plan", "")
    return int(value) if value.isdigit() else None


def _not_found_as_404(view):
    """For function views: a selector's NotFound as the 404 page (the kernel's middleware does
    the same for every view; kept for the views that name it)."""
    from functools import wraps

    from django.http import Http404

    from fazhi.core.errors import NotFound

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return wrapper
