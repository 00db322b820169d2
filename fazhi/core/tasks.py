"""Background jobs of the kernel: the daily signed checkpoint, the personal-data retention run."""

from celery import shared_task

from . import audit, retention
from .actors import SYSTEM


@shared_task(name="core.audit_checkpoint")
def audit_checkpoint() -> dict:
    point = audit.checkpoint_create()
    return {"seq": point.seq, "head": point.head, "time": point.time}


@shared_task(name="core.retention_run")
def retention_run() -> dict:
    return retention.run(actor=SYSTEM)
