"""Background jobs of the kernel: the daily signed checkpoint of the audit chain."""

from celery import shared_task

from . import audit


@shared_task(name="core.audit_checkpoint")
def audit_checkpoint() -> dict:
    point = audit.checkpoint_create()
    return {"seq": point.seq, "head": point.head, "time": point.time}
