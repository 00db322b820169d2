"""Helpers the plans pages share."""

from __future__ import annotations


def _plan_param(request) -> int | None:
    value = request.GET.get("plan", "")
    return int(value) if value.isdigit() else None
