"""Background wrappers: the daily statutory-clock job (deemed acceptance, abandonment,
termination of lapsed suspensions)."""

from celery import shared_task

from . import services


@shared_task(name="disputes.apply_deadlines")
def apply_deadlines() -> dict[str, int]:
    return services.reconsideration_apply_deadlines()
