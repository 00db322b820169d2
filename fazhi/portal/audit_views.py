"""The audit trail's daily digests, public like a transparency log: anyone may keep a copy and
later hold the platform to it (`fazhi audit verify` compares the chain with every checkpoint)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.core import checkpoints


def _digests() -> list[dict]:
    rows = []
    for _number, data in checkpoints.read_all():
        if not isinstance(data, dict) or not {"seq", "head", "time", "sig"} <= set(data):
            continue
        try:
            moment = dt.datetime.fromisoformat(str(data["time"]))
        except ValueError:
            continue
        rows.append({**data, "local": timezone.localtime(moment)})
    rows.reverse()
    return rows


@require_GET
def audit_digests(request):
    return render(request, "portal/audit_digests.html", {"digests": _digests()[:400]})


@require_GET
def audit_digests_file(request):
    """The checkpoint file itself, one signed JSON line per checkpoint."""
    path = checkpoints.file_path()
    body = path.read_bytes() if path.exists() else b""
    response = HttpResponse(body, content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-checkpoints.jsonl"'
    return response
