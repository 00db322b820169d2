"""The law-status table the review assistant reads (edited in the admin, audited here)."""

from __future__ import annotations

from django.db import transaction

from fazhi.core import audit
from fazhi.core.actors import Actor
from fazhi.core.writes import created, require_perm, validate

from ..events import Event
from ..models import Law

FIELDS = ["title", "version", "years", "status", "changed_on", "successor"]


@transaction.atomic
def law_save(*, actor: Actor, law: Law) -> Law:
    """Create or change one row (the admin form's unsaved instance); audited either way.

    Not `guarded`: this table's `version` is the law's edition (“2021年修订”), not a counter.
    """
    require_perm(actor, "normdocs.manage_registry")
    if law.pk is None:
        return created(law, actor=actor, action=Event.LAW_UPDATE)
    row = Law.objects.select_for_update().get(pk=law.pk)
    before = audit.snapshot(row, FIELDS)
    for name in FIELDS:
        setattr(row, name, getattr(law, name))
    validate(row)
    row.save(update_fields=FIELDS)
    after = audit.snapshot(row, FIELDS)
    changed = [k for k in FIELDS if before[k] != after[k]]
    audit.record(
        actor=actor,
        action=Event.LAW_UPDATE,
        obj=row,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    return row
