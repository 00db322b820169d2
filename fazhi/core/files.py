"""Stored files keep their SM3 from the moment they are saved; serving one checks it first.

Every FileField of every model is covered: after a save, a file not yet known gets a FileDigest
row (its storage name, SM3 and size). `serve` refuses a file whose bytes no longer match
(status 409, logged and recorded in the audit trail); `verify_all` checks every stored file for
`fazhi audit verify --files`. A model that keeps its own SM3 (enforcement evidence) passes it as
`expected`, so a file replaced together with its digest row is still caught.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models.signals import post_save
from django.http import FileResponse, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from . import audit
from .actors import SYSTEM

log = logging.getLogger(__name__)
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Problem:
    name: str
    reason: str


def sm3_of(fieldfile) -> tuple[str, int]:
    digest, size = hashlib.new("sm3"), 0
    fieldfile.open("rb")
    try:
        for chunk in iter(lambda: fieldfile.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
    finally:
        fieldfile.close()
    return digest.hexdigest(), size


def record(fieldfile):
    """The file's digest row, created on first sight."""
    from .models import FileDigest

    known = FileDigest.objects.filter(name=fieldfile.name).first()
    if known is not None:
        return known
    sm3, size = sm3_of(fieldfile)
    digest, _created = FileDigest.objects.get_or_create(
        name=fieldfile.name, defaults={"sm3": sm3, "size": size}
    )
    return digest


def _record_files(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.FileField):
            fieldfile = getattr(instance, field.attname)
            if fieldfile and fieldfile.name and fieldfile.storage.exists(fieldfile.name):
                record(fieldfile)


def connect() -> None:
    post_save.connect(_record_files, dispatch_uid="core.files.record")


def mismatch(fieldfile, *, expected: str | None = None) -> str | None:
    """Why the stored bytes cannot be trusted, or None when they match what was recorded."""
    from .models import FileDigest

    if not fieldfile.storage.exists(fieldfile.name):
        return _("文件已不存在")
    wanted = [expected] if expected else []
    row = FileDigest.objects.filter(name=fieldfile.name).first()
    if row is not None:
        wanted.append(row.sm3)
    if not wanted:
        return None
    actual, _size = sm3_of(fieldfile)
    if any(actual != w for w in wanted):
        return _("SM3 不一致:登记为 %(expected)s,现为 %(actual)s") % {
            "expected": wanted[0],
            "actual": actual,
        }
    return None


def serve(request, fieldfile, *, filename: str, expected: str | None = None, **kwargs):
    """FileResponse for a stored file whose SM3 still matches; else a refusal page (409)."""
    problem = mismatch(fieldfile, expected=expected)
    if problem is None:
        kwargs.setdefault("as_attachment", True)
        return FileResponse(fieldfile.open("rb"), filename=filename, **kwargs)
    log.error("file refused: %s: %s", fieldfile.name, problem)
    user = getattr(request, "user", None)
    actor = user if user is not None and user.is_authenticated else SYSTEM
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="core.file_refused",
            object_type="file",
            object_id=fieldfile.name[:64],
            object_repr=filename,
            after={"name": fieldfile.name, "problem": problem},
        )
    html = render_to_string(
        "core/file_refused.html", {"filename": filename, "problem": problem}, request=request
    )
    return HttpResponse(html, status=409)


def verify_all() -> list[Problem]:
    from django.core.files.storage import default_storage

    from .models import FileDigest

    problems = []
    for row in FileDigest.objects.order_by("name").iterator(chunk_size=500):
        if not default_storage.exists(row.name):
            problems.append(Problem(row.name, _("文件已不存在")))
            continue
        actual, _size = sm3_of(default_storage.open(row.name, "rb"))
        if actual != row.sm3:
            problems.append(
                Problem(
                    row.name,
                    _("SM3 不一致:登记为 %(expected)s,现为 %(actual)s")
                    % {"expected": row.sm3, "actual": actual},
                )
            )
    return problems
